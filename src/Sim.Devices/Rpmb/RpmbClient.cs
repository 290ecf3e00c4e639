using L = Sim.Devices.Rpmb.RpmbLayout;

namespace Sim.Devices.Rpmb;

/// <summary>
/// The driver's side of virtio-rpmb (virtio 1.2, 5.12.6): builds the device-readable frames of each request, MAC'd with
/// the key it holds where the device authenticates them, and checks responses (type, MAC, nonce). It keeps no protocol
/// state: the caller supplies write counters and nonces, so it can also build stale or foreign requests on purpose.
/// </summary>
public sealed class RpmbClient
{
    private readonly byte[] _key;

    /// <summary>A client holding the 256-bit authentication <paramref name="key"/> (5.12.6.1, <c>key_mac</c>).</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes.</exception>
    public RpmbClient(ReadOnlySpan<byte> key)
    {
        if (key.Length != L.KeySize) throw new ArgumentException($"an RPMB key is {L.KeySize} bytes, got {key.Length}", nameof(key));
        _key = key.ToArray();
    }

    /// <summary>
    /// A program-key request: the key in <c>key_mac</c>, <c>block_count</c> 1, followed by a RESULT_READ frame when
    /// <paramref name="withResultRead"/> (5.12.6, 5.12.6.1.1).
    /// </summary>
    public byte[] ProgramKey(bool withResultRead = true)
    {
        byte[] request = Frames(withResultRead ? 2 : 1);
        Span<byte> frame = request.AsSpan(0, L.FrameSize);
        _key.CopyTo(RpmbFrameFields.KeyMac(frame));
        RpmbFrameFields.SetBlockCount(frame, 1);
        RpmbFrameFields.SetReqResp(frame, (ushort)RpmbRequestType.ProgramKey);
        if (withResultRead) WriteResultRead(request.AsSpan(L.FrameSize));
        return request;
    }

    /// <summary>
    /// An authenticated data write of <paramref name="data"/> (a non-empty multiple of 256 bytes) from block
    /// <paramref name="address"/> on: one frame per block, each with the counter, address and block count, the MAC in
    /// the last over all of them, then a RESULT_READ frame when <paramref name="withResultRead"/> (5.12.6, 5.12.6.1.3).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> is empty, not whole blocks, or more than 65535 blocks.</exception>
    public byte[] DataWrite(uint writeCounter, ushort address, ReadOnlySpan<byte> data, bool withResultRead = true)
    {
        if (data.IsEmpty || data.Length % L.BlockSize != 0 || data.Length / L.BlockSize > ushort.MaxValue)
            throw new ArgumentException($"a data write is 1 to 65535 blocks of {L.BlockSize} bytes, got {data.Length} bytes", nameof(data));
        int blocks = data.Length / L.BlockSize;
        byte[] request = Frames(blocks + (withResultRead ? 1 : 0));
        for (int i = 0; i < blocks; i++)
        {
            Span<byte> frame = request.AsSpan(i * L.FrameSize, L.FrameSize);
            data.Slice(i * L.BlockSize, L.BlockSize).CopyTo(RpmbFrameFields.Data(frame));
            RpmbFrameFields.SetWriteCounter(frame, writeCounter);
            RpmbFrameFields.SetAddress(frame, address);
            RpmbFrameFields.SetBlockCount(frame, (ushort)blocks);
            RpmbFrameFields.SetReqResp(frame, (ushort)RpmbRequestType.DataWrite);
        }
        RpmbMac.Sign(_key, request.AsSpan(0, blocks * L.FrameSize));
        if (withResultRead) WriteResultRead(request.AsSpan(blocks * L.FrameSize));
        return request;
    }

    /// <summary>A data-read request for <paramref name="blockCount"/> blocks from <paramref name="address"/> with a 16-byte <paramref name="nonce"/> (5.12.6, 5.12.6.1.4).</summary>
    /// <exception cref="ArgumentException">The nonce is not 16 bytes.</exception>
    public static byte[] DataRead(ushort address, ushort blockCount, ReadOnlySpan<byte> nonce)
    {
        byte[] request = WithNonce(nonce);
        RpmbFrameFields.SetAddress(request, address);
        RpmbFrameFields.SetBlockCount(request, blockCount);
        RpmbFrameFields.SetReqResp(request, (ushort)RpmbRequestType.DataRead);
        return request;
    }

    /// <summary>A get-write-counter request with a 16-byte <paramref name="nonce"/> and <c>block_count</c> 1 (5.12.6, 5.12.6.1.2).</summary>
    /// <exception cref="ArgumentException">The nonce is not 16 bytes.</exception>
    public static byte[] GetWriteCounter(ReadOnlySpan<byte> nonce)
    {
        byte[] request = WithNonce(nonce);
        RpmbFrameFields.SetBlockCount(request, 1);
        RpmbFrameFields.SetReqResp(request, (ushort)RpmbRequestType.GetWriteCounter);
        return request;
    }

    /// <summary>A lone RESULT_READ request with <c>block_count</c> 1 (5.12.6, 5.12.6.1.5).</summary>
    public static byte[] ResultRead()
    {
        byte[] request = Frames(1);
        WriteResultRead(request);
        return request;
    }

    /// <summary>
    /// Checks a response: whole frames, each of type <paramref name="expected"/>, the last frame's MAC over all of them
    /// under the key, and, when <paramref name="nonce"/> is given, that every frame echoes it (5.12.6, 5.12.6.1).
    /// </summary>
    public RpmbResponseCheck Check(ReadOnlySpan<byte> response, RpmbResponseType expected, ReadOnlySpan<byte> nonce = default)
    {
        if (response.IsEmpty || response.Length % L.FrameSize != 0) return RpmbResponseCheck.NotWholeFrames;
        for (int at = 0; at < response.Length; at += L.FrameSize)
            if (RpmbFrameFields.ReqResp(response[at..]) != (ushort)expected) return RpmbResponseCheck.WrongResponseType;
        if (!RpmbMac.Verify(_key, response)) return RpmbResponseCheck.BadMac;
        if (!nonce.IsEmpty)
            for (int at = 0; at < response.Length; at += L.FrameSize)
                if (!RpmbFrameFields.Nonce(response[at..]).SequenceEqual(nonce)) return RpmbResponseCheck.NonceMismatch;
        return RpmbResponseCheck.Valid;
    }

    private static byte[] Frames(int count) => new byte[count * L.FrameSize];

    private static byte[] WithNonce(ReadOnlySpan<byte> nonce)
    {
        if (nonce.Length != L.NonceSize) throw new ArgumentException($"a nonce is {L.NonceSize} bytes, got {nonce.Length}", nameof(nonce));
        byte[] request = Frames(1);
        nonce.CopyTo(RpmbFrameFields.Nonce(request.AsSpan()));
        return request;
    }

    private static void WriteResultRead(Span<byte> frame)
    {
        RpmbFrameFields.SetBlockCount(frame, 1);
        RpmbFrameFields.SetReqResp(frame, (ushort)RpmbRequestType.ResultRead);
    }
}
