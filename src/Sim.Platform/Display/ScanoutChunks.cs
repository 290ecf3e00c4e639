using Sim.Devices.Gpu;

namespace Sim.Platform.Display;

/// <summary>
/// How a scanout splits one frame's read into transfers kept in flight together (a display controller's DMA engine
/// reading the scanout resource, virtio 1.2, 5.7.6.8 / 5.7.6.7: the host reads the resource's backing for the scanout).
/// </summary>
public static class ScanoutChunks
{
    /// <summary>
    /// The size of chunk <paramref name="index"/> when <paramref name="totalBytes"/> are split into
    /// <paramref name="count"/> chunks: <c>total / count</c> each, the first <c>total % count</c> chunks one byte more,
    /// so the sizes add up to the total exactly.
    /// </summary>
    public static long SizeOf(long totalBytes, int count, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if ((uint)index >= (uint)count) throw new ArgumentOutOfRangeException(nameof(index), index, $"chunk index must be in [0, {count})");
        long quotient = Math.DivRem(totalBytes, count, out long remainder);
        return index < remainder ? quotient + 1 : quotient;
    }
}
