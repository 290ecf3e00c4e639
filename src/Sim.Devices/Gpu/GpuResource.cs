namespace Sim.Devices.Gpu;

/// <summary>
/// A 2D resource on the device (virtio 1.2, 5.7.6.8, RESOURCE_CREATE_2D): its id, format and size, its guest backing
/// once attached, and the host's copy of its pixels, which TRANSFER_TO_HOST_2D fills and a scanout shows. The host
/// copy is allocated at the first transfer.
/// </summary>
public sealed class GpuResource
{
    private byte[]? _pixels;

    /// <summary>Resource <paramref name="id"/> of <paramref name="width"/> × <paramref name="height"/> pixels of <paramref name="format"/>.</summary>
    public GpuResource(uint id, GpuFormat format, uint width, uint height)
    {
        Id = id;
        Format = format;
        Width = width;
        Height = height;
    }

    /// <summary>The guest's id for it (never 0).</summary>
    public uint Id { get; }

    /// <summary>Its pixel format.</summary>
    public GpuFormat Format { get; }

    /// <summary>Width in pixels.</summary>
    public uint Width { get; }

    /// <summary>Height in pixels.</summary>
    public uint Height { get; }

    /// <summary>Bytes per row: width × 4 (every 2D format has four bytes per pixel).</summary>
    public long Stride => Width * 4L;

    /// <summary>Bytes of the host copy: stride × height.</summary>
    public long Bytes => Stride * Height;

    /// <summary>The guest pages behind it, null until RESOURCE_ATTACH_BACKING (and after DETACH_BACKING).</summary>
    public GpuBacking? Backing { get; set; }

    /// <summary>The host copy of the pixels (allocated on first use).</summary>
    public Span<byte> Pixels => _pixels ??= new byte[Bytes];

    /// <summary>Whether <paramref name="rect"/> lies within the resource (and is not empty).</summary>
    public bool Contains(GpuRect rect) =>
        rect.Width > 0 && rect.Height > 0 && (ulong)rect.X + rect.Width <= Width && (ulong)rect.Y + rect.Height <= Height;
}
