
namespace Sim.Devices.Gpu;

/// <summary>
/// One scanout's entry of VIRTIO_GPU_RESP_OK_DISPLAY_INFO (virtio 1.2, 5.7.6.8; <c>struct virtio_gpu_display_one</c>,
/// <see cref="GpuLayout.DisplayOne"/>): its preferred position and size, whether it is enabled, and flags.
/// </summary>
/// <param name="Rect">The scanout's preferred geometry.</param>
/// <param name="Enabled">Non-zero when a display is connected and enabled.</param>
/// <param name="Flags">Scanout flags (none are defined in virtio 1.2).</param>
public readonly record struct GpuDisplayOne(GpuRect Rect, uint Enabled, uint Flags)
{
    /// <summary>An unused entry: zero geometry, disabled.</summary>
    public static GpuDisplayOne Disabled => default;

    /// <summary>An enabled scanout of <paramref name="width"/> × <paramref name="height"/> at the origin.</summary>
    public static GpuDisplayOne EnabledAt(uint width, uint height) => new(new GpuRect(0, 0, width, height), 1, 0);
}
