using System.Buffers.Binary;
using Sim.Core.Time;

namespace Sim.Devices.Net;

/// <summary>
/// The simulator's own frame content (not a real protocol): sent-at time in picoseconds le64 @0, sequence le64 @8,
/// flow le32 @16, timed flag u8 @20, frame length le64 @21, then a pattern byte per position derived from the sequence. Short frames carry a
/// prefix of it. The receiver decodes the stamp from the bytes the device wrote into guest memory and checks the pattern.
/// </summary>
public static class NetPayload
{
    /// <summary>Bytes of the stamp at the start of a frame.</summary>
    public const int StampBytes = 29;

    /// <summary>Writes <paramref name="frame"/>'s content into <paramref name="destination"/> (its first <see cref="NetFrame.Bytes"/> bytes at most).</summary>
    public static void Write(NetFrame frame, Span<byte> destination)
    {
        Span<byte> stamp = stackalloc byte[StampBytes];
        BinaryPrimitives.WriteInt64LittleEndian(stamp, frame.SentAt.Picoseconds);
        BinaryPrimitives.WriteInt64LittleEndian(stamp[8..], frame.Sequence);
        BinaryPrimitives.WriteInt32LittleEndian(stamp[16..], frame.Flow);
        stamp[20] = frame.Timed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt64LittleEndian(stamp[21..], frame.Bytes);
        int n = Math.Min(StampBytes, destination.Length);
        stamp[..n].CopyTo(destination);
        for (int i = StampBytes; i < destination.Length; i++) destination[i] = Pattern(frame.Sequence, i);
    }

    /// <summary>The pattern byte at <paramref name="offset"/> of frame <paramref name="sequence"/>.</summary>
    public static byte Pattern(long sequence, int offset) => (byte)(sequence * 31 + offset);

    /// <summary>Decodes the stamp from a frame's first bytes (its length is the stamped one); false when fewer than <see cref="StampBytes"/> are given.</summary>
    public static bool TryRead(ReadOnlySpan<byte> start, out NetFrame frame)
    {
        frame = new NetFrame(0, SimTime.Zero, 0, 0, false);
        if (start.Length < StampBytes) return false;
        frame = new NetFrame(BinaryPrimitives.ReadInt64LittleEndian(start[21..]), new SimTime(BinaryPrimitives.ReadInt64LittleEndian(start)),
            BinaryPrimitives.ReadInt64LittleEndian(start[8..]), BinaryPrimitives.ReadInt32LittleEndian(start[16..]), start[20] != 0);
        return true;
    }

    /// <summary>The offset of the first byte of <paramref name="body"/> (bytes from <paramref name="offset"/> on) that breaks frame <paramref name="sequence"/>'s pattern, or -1.</summary>
    public static int FirstMismatch(long sequence, ReadOnlySpan<byte> body, int offset)
    {
        for (int i = 0; i < body.Length; i++)
        {
            int at = offset + i;
            if (at >= StampBytes && body[i] != Pattern(sequence, at)) return at;
        }
        return -1;
    }
}
