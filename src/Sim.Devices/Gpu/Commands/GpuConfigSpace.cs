using System.Buffers.Binary;

namespace Sim.Devices.Gpu;

/// <summary>
/// Builds the bytes of <c>struct virtio_gpu_config</c> (virtio 1.2, 5.7.4; little-endian,
/// <see cref="GpuLayout.Config.Size"/> bytes) for a virtio-mmio device's configuration space.
/// </summary>
public static class GpuConfigSpace
{
    /// <summary>
    /// The configuration space of a device with <paramref name="numScanouts"/> scanouts (1 to
    /// <see cref="GpuLayout.MaxScanouts"/>), <paramref name="numCapsets"/> capability sets (0 for 2D) and pending
    /// <paramref name="eventsRead"/> (<see cref="GpuLayout.EventDisplay"/>). events_clear reads as zero.
    /// </summary>
    public static byte[] Build(uint numScanouts, uint numCapsets = 0, uint eventsRead = 0)
    {
        if (numScanouts is < 1 or > GpuLayout.MaxScanouts)
            throw new ArgumentOutOfRangeException(nameof(numScanouts), numScanouts, $"num_scanouts is 1 to {GpuLayout.MaxScanouts} (virtio 1.2, 5.7.4)");
        var bytes = new byte[GpuLayout.Config.Size];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(GpuLayout.Config.EventsRead), eventsRead);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(GpuLayout.Config.NumScanouts), numScanouts);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(GpuLayout.Config.NumCapsets), numCapsets);
        return bytes;
    }

    /// <summary>The num_scanouts field of <paramref name="config"/>.</summary>
    public static uint NumScanouts(ReadOnlySpan<byte> config) =>
        BinaryPrimitives.ReadUInt32LittleEndian(config[GpuLayout.Config.NumScanouts..]);
}
