namespace Sim.Devices.Gpu;

/// <summary>
/// The 2D resource formats (virtio 1.2, 5.7.6.8 <c>enum virtio_gpu_formats</c>; Linux <c>virtio_gpu.h</c>), named by the
/// byte order in memory. Every one is 32 bits per pixel (<see cref="GpuFormats.BytesPerPixel"/>).
/// </summary>
public enum GpuFormat : uint
{
    /// <summary>VIRTIO_GPU_FORMAT_B8G8R8A8_UNORM.</summary>
    B8G8R8A8Unorm = 1,
    /// <summary>VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM.</summary>
    B8G8R8X8Unorm = 2,
    /// <summary>VIRTIO_GPU_FORMAT_A8R8G8B8_UNORM.</summary>
    A8R8G8B8Unorm = 3,
    /// <summary>VIRTIO_GPU_FORMAT_X8R8G8B8_UNORM.</summary>
    X8R8G8B8Unorm = 4,
    /// <summary>VIRTIO_GPU_FORMAT_R8G8B8A8_UNORM.</summary>
    R8G8B8A8Unorm = 67,
    /// <summary>VIRTIO_GPU_FORMAT_X8B8G8R8_UNORM.</summary>
    X8B8G8R8Unorm = 68,
    /// <summary>VIRTIO_GPU_FORMAT_A8B8G8R8_UNORM.</summary>
    A8B8G8R8Unorm = 121,
    /// <summary>VIRTIO_GPU_FORMAT_R8G8B8X8_UNORM.</summary>
    R8G8B8X8Unorm = 134,
}

/// <summary>Facts about <see cref="GpuFormat"/> values.</summary>
public static class GpuFormats
{
    /// <summary>Whether <paramref name="format"/> is one of the formats of virtio 1.2, 5.7.6.8.</summary>
    public static bool IsKnown(GpuFormat format) => Enum.IsDefined(format);

    /// <summary>Bytes per pixel of <paramref name="format"/>: 4 for every 2D format; throws for an unknown one.</summary>
    public static int BytesPerPixel(GpuFormat format) =>
        IsKnown(format)
            ? 4
            : throw new ArgumentOutOfRangeException(nameof(format), (uint)format, "not a virtio-gpu 2D format (virtio 1.2, 5.7.6.8)");
}
