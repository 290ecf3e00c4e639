using System.Buffers.Binary;
using L = Sim.Devices.Rpmb.RpmbLayout;

namespace Sim.Devices.Rpmb;

/// <summary>
/// Reads and writes the fields of one 512-byte frame in place (virtio 1.2, 5.12.6.1), big-endian for the four integer
/// fields, so the device can work on the request and response buffers without decoding them into objects. Every
/// method takes a span of at least <see cref="RpmbLayout.FrameSize"/> bytes whose first byte is the frame's first.
/// </summary>
public static class RpmbFrameFields
{
    /// <summary>The 32-byte <c>key_mac</c> of <paramref name="frame"/> (5.12.6.1).</summary>
    public static ReadOnlySpan<byte> KeyMac(ReadOnlySpan<byte> frame) => frame.Slice(L.KeyMacOffset, L.KeyMacSize);

    /// <summary>The 32-byte <c>key_mac</c> of <paramref name="frame"/>, writable (5.12.6.1).</summary>
    public static Span<byte> KeyMac(Span<byte> frame) => frame.Slice(L.KeyMacOffset, L.KeyMacSize);

    /// <summary>The 256-byte <c>data</c> of <paramref name="frame"/> (5.12.6.1).</summary>
    public static ReadOnlySpan<byte> Data(ReadOnlySpan<byte> frame) => frame.Slice(L.DataOffset, L.DataSize);

    /// <summary>The 256-byte <c>data</c> of <paramref name="frame"/>, writable (5.12.6.1).</summary>
    public static Span<byte> Data(Span<byte> frame) => frame.Slice(L.DataOffset, L.DataSize);

    /// <summary>The 16-byte <c>nonce</c> of <paramref name="frame"/> (5.12.6.1).</summary>
    public static ReadOnlySpan<byte> Nonce(ReadOnlySpan<byte> frame) => frame.Slice(L.NonceOffset, L.NonceSize);

    /// <summary>The 16-byte <c>nonce</c> of <paramref name="frame"/>, writable (5.12.6.1).</summary>
    public static Span<byte> Nonce(Span<byte> frame) => frame.Slice(L.NonceOffset, L.NonceSize);

    /// <summary>The 284 bytes from <c>data</c> through <c>req_resp</c> that the MAC covers (5.12.6.1).</summary>
    public static ReadOnlySpan<byte> MacMessage(ReadOnlySpan<byte> frame) => frame.Slice(L.MacMessageOffset, L.MacMessageSize);

    /// <summary>The big-endian <c>write_counter</c> of <paramref name="frame"/> (5.12.6.1).</summary>
    public static uint WriteCounter(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt32BigEndian(frame[L.WriteCounterOffset..]);

    /// <summary>The big-endian <c>address</c> of <paramref name="frame"/>, a 256-byte block number (5.12.6.1).</summary>
    public static ushort Address(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt16BigEndian(frame[L.AddressOffset..]);

    /// <summary>The big-endian <c>block_count</c> of <paramref name="frame"/> (5.12.6.1).</summary>
    public static ushort BlockCount(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt16BigEndian(frame[L.BlockCountOffset..]);

    /// <summary>The big-endian <c>result</c> of <paramref name="frame"/> (5.12.6.1).</summary>
    public static RpmbResult Result(ReadOnlySpan<byte> frame) => (RpmbResult)BinaryPrimitives.ReadUInt16BigEndian(frame[L.ResultOffset..]);

    /// <summary>The big-endian <c>req_resp</c> of <paramref name="frame"/> (5.12.6.1).</summary>
    public static ushort ReqResp(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt16BigEndian(frame[L.ReqRespOffset..]);

    /// <summary>Writes <c>write_counter</c> big-endian (5.12.6.1).</summary>
    public static void SetWriteCounter(Span<byte> frame, uint value) => BinaryPrimitives.WriteUInt32BigEndian(frame[L.WriteCounterOffset..], value);

    /// <summary>Writes <c>address</c> big-endian (5.12.6.1).</summary>
    public static void SetAddress(Span<byte> frame, ushort value) => BinaryPrimitives.WriteUInt16BigEndian(frame[L.AddressOffset..], value);

    /// <summary>Writes <c>block_count</c> big-endian (5.12.6.1).</summary>
    public static void SetBlockCount(Span<byte> frame, ushort value) => BinaryPrimitives.WriteUInt16BigEndian(frame[L.BlockCountOffset..], value);

    /// <summary>Writes <c>result</c> big-endian (5.12.6.1).</summary>
    public static void SetResult(Span<byte> frame, RpmbResult value) => BinaryPrimitives.WriteUInt16BigEndian(frame[L.ResultOffset..], (ushort)value);

    /// <summary>Writes <c>req_resp</c> big-endian (5.12.6.1).</summary>
    public static void SetReqResp(Span<byte> frame, ushort value) => BinaryPrimitives.WriteUInt16BigEndian(frame[L.ReqRespOffset..], value);
}
