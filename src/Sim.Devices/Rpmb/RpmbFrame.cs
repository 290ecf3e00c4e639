using L = Sim.Devices.Rpmb.RpmbLayout;

namespace Sim.Devices.Rpmb;

/// <summary>
/// One decoded <c>struct virtio_rpmb_frame</c> (virtio 1.2, 5.12.6.1): every field, the stuff bytes included, so that
/// <see cref="Decode"/> then <see cref="Encode"/> gives back the same 512 bytes. The byte fields are copied in and
/// compared by content. <see cref="ReqResp"/> is the raw 16-bit value, since the same field carries request types,
/// response types and values neither names.
/// </summary>
public sealed record RpmbFrame
{
    private readonly byte[] _stuff;
    private readonly byte[] _keyMac;
    private readonly byte[] _data;
    private readonly byte[] _nonce;

    /// <summary>A frame with the given fields; an empty <paramref name="stuff"/> stands for 196 zero bytes (5.12.6.1).</summary>
    /// <exception cref="ArgumentException">A byte field does not have its length in <see cref="RpmbLayout"/>.</exception>
    public RpmbFrame(ReadOnlySpan<byte> keyMac, ReadOnlySpan<byte> data, ReadOnlySpan<byte> nonce, uint writeCounter,
        ushort address, ushort blockCount, RpmbResult result, ushort reqResp, ReadOnlySpan<byte> stuff = default)
    {
        _keyMac = Copy(keyMac, L.KeyMacSize, nameof(keyMac));
        _data = Copy(data, L.DataSize, nameof(data));
        _nonce = Copy(nonce, L.NonceSize, nameof(nonce));
        _stuff = stuff.IsEmpty ? new byte[L.StuffSize] : Copy(stuff, L.StuffSize, nameof(stuff));
        WriteCounter = writeCounter;
        Address = address;
        BlockCount = blockCount;
        Result = result;
        ReqResp = reqResp;
    }

    /// <summary><c>stuff</c>: 196 padding bytes (5.12.6.1).</summary>
    public ReadOnlySpan<byte> Stuff => _stuff;

    /// <summary><c>key_mac</c>: the key of a PROGRAM_KEY request, otherwise the HMAC-SHA256 MAC (5.12.6.1).</summary>
    public ReadOnlySpan<byte> KeyMac => _keyMac;

    /// <summary><c>data</c>: one 256-byte block (5.12.6.1).</summary>
    public ReadOnlySpan<byte> Data => _data;

    /// <summary><c>nonce</c>: the driver's random number, echoed in read and get-counter responses (5.12.6.1).</summary>
    public ReadOnlySpan<byte> Nonce => _nonce;

    /// <summary><c>write_counter</c> (be32, 5.12.6.1).</summary>
    public uint WriteCounter { get; init; }

    /// <summary><c>address</c>: the number of the first 256-byte block accessed (be16, 5.12.6.1).</summary>
    public ushort Address { get; init; }

    /// <summary><c>block_count</c>: the number of 256-byte blocks read or written (be16, 5.12.6.1).</summary>
    public ushort BlockCount { get; init; }

    /// <summary><c>result</c>, written by the device (be16, 5.12.6.1).</summary>
    public RpmbResult Result { get; init; }

    /// <summary><c>req_resp</c>: the request or response type, raw (be16, 5.12.6.1).</summary>
    public ushort ReqResp { get; init; }

    /// <summary>The frame's 512 bytes (5.12.6.1).</summary>
    public byte[] Encode()
    {
        var bytes = new byte[L.FrameSize];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Writes the frame into the first 512 bytes of <paramref name="destination"/> (5.12.6.1).</summary>
    public void WriteTo(Span<byte> destination)
    {
        Span<byte> frame = destination[..L.FrameSize];
        _stuff.CopyTo(frame.Slice(L.StuffOffset, L.StuffSize));
        _keyMac.CopyTo(RpmbFrameFields.KeyMac(frame));
        _data.CopyTo(RpmbFrameFields.Data(frame));
        _nonce.CopyTo(RpmbFrameFields.Nonce(frame));
        RpmbFrameFields.SetWriteCounter(frame, WriteCounter);
        RpmbFrameFields.SetAddress(frame, Address);
        RpmbFrameFields.SetBlockCount(frame, BlockCount);
        RpmbFrameFields.SetResult(frame, Result);
        RpmbFrameFields.SetReqResp(frame, ReqResp);
    }

    /// <summary>The frame in the first 512 bytes of <paramref name="source"/> (5.12.6.1).</summary>
    /// <exception cref="ArgumentException"><paramref name="source"/> is shorter than one frame.</exception>
    public static RpmbFrame Decode(ReadOnlySpan<byte> source)
    {
        if (source.Length < L.FrameSize)
            throw new ArgumentException($"an RPMB frame is {L.FrameSize} bytes, got {source.Length}", nameof(source));
        ReadOnlySpan<byte> frame = source[..L.FrameSize];
        return new RpmbFrame(RpmbFrameFields.KeyMac(frame), RpmbFrameFields.Data(frame), RpmbFrameFields.Nonce(frame),
            RpmbFrameFields.WriteCounter(frame), RpmbFrameFields.Address(frame), RpmbFrameFields.BlockCount(frame),
            RpmbFrameFields.Result(frame), RpmbFrameFields.ReqResp(frame), frame.Slice(L.StuffOffset, L.StuffSize));
    }

    /// <summary>Field-by-field equality, byte fields by content.</summary>
    public bool Equals(RpmbFrame? other) =>
        other is not null && WriteCounter == other.WriteCounter && Address == other.Address && BlockCount == other.BlockCount
        && Result == other.Result && ReqResp == other.ReqResp && Stuff.SequenceEqual(other.Stuff) && KeyMac.SequenceEqual(other.KeyMac)
        && Data.SequenceEqual(other.Data) && Nonce.SequenceEqual(other.Nonce);

    /// <summary>A hash of the integer fields and the MAC (enough to spread frames; equality decides).</summary>
    public override int GetHashCode() =>
        HashCode.Combine(WriteCounter, Address, BlockCount, Result, ReqResp, BitConverter.ToInt32(_keyMac, 0));

    /// <summary>The integer fields, then the key or MAC and the nonce in hex.</summary>
    public override string ToString() =>
        $"RpmbFrame(req_resp 0x{ReqResp:x4}, result 0x{(ushort)Result:x4}, counter {WriteCounter}, address {Address}, "
        + $"blocks {BlockCount}, key_mac {Convert.ToHexString(_keyMac)}, nonce {Convert.ToHexString(_nonce)})";

    private static byte[] Copy(ReadOnlySpan<byte> field, int size, string name) =>
        field.Length == size ? field.ToArray() : throw new ArgumentException($"{name} is {size} bytes, got {field.Length}", name);
}
