using System.Buffers;
using System.Security.Cryptography;
using L = Sim.Devices.Rpmb.RpmbLayout;

namespace Sim.Devices.Rpmb;

/// <summary>
/// The frame MAC (virtio 1.2, 5.12.6.1, <c>key_mac</c>): HMAC-SHA256 keyed with the 256-bit authentication key over
/// "the concatenation of the fields in the RPMB frames excluding stuff bytes and the MAC itself", that is bytes
/// 228..511 (<c>data</c> through <c>req_resp</c>) of every frame of the request or response, in order. As in eMMC
/// (JESD84-B51, 6.6.22), a run of frames carries its one MAC in the last frame's <c>key_mac</c>.
/// </summary>
public static class RpmbMac
{
    /// <summary>Size of the MAC, an HMAC-SHA256 value (5.12.6.1).</summary>
    public const int Size = L.KeyMacSize;

    /// <summary>
    /// Computes into <paramref name="mac"/> the MAC of the whole frames in <paramref name="frames"/> (a multiple of 512
    /// bytes) under <paramref name="key"/> (5.12.6.1). One frame is hashed in place; several are gathered into a pooled buffer.
    /// </summary>
    public static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> frames, Span<byte> mac)
    {
        int count = frames.Length / L.FrameSize;
        if (count == 1)
        {
            HMACSHA256.HashData(key, RpmbFrameFields.MacMessage(frames), mac);
            return;
        }
        int length = count * L.MacMessageSize;
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            for (int i = 0; i < count; i++)
                RpmbFrameFields.MacMessage(frames.Slice(i * L.FrameSize, L.FrameSize)).CopyTo(rented.AsSpan(i * L.MacMessageSize));
            HMACSHA256.HashData(key, rented.AsSpan(0, length), mac);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Computes the MAC of <paramref name="frames"/> and writes it into the last frame's <c>key_mac</c> (5.12.6.1).</summary>
    public static void Sign(ReadOnlySpan<byte> key, Span<byte> frames)
    {
        Span<byte> last = frames.Slice(frames.Length - L.FrameSize, L.FrameSize);
        Compute(key, frames, RpmbFrameFields.KeyMac(last));
    }

    /// <summary>
    /// Whether the last frame's <c>key_mac</c> is the MAC of <paramref name="frames"/> under <paramref name="key"/>,
    /// compared in fixed time (5.12.6.1.3: "compare this with the MAC in the request").
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> key, ReadOnlySpan<byte> frames)
    {
        if (frames.Length < L.FrameSize || frames.Length % L.FrameSize != 0) return false;
        Span<byte> expected = stackalloc byte[Size];
        Compute(key, frames, expected);
        ReadOnlySpan<byte> last = frames.Slice(frames.Length - L.FrameSize, L.FrameSize);
        return CryptographicOperations.FixedTimeEquals(expected, RpmbFrameFields.KeyMac(last));
    }
}
