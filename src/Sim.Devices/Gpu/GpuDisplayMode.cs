using Sim.Core.Time;

namespace Sim.Devices.Gpu;

/// <summary>
/// A scanout's mode as the scanout model sees it: width × height pixels of a <see cref="GpuFormat"/>, refreshed
/// <see cref="RefreshMillihertz"/>/1000 times a second. It gives the bytes a full-frame TRANSFER_TO_HOST_2D moves
/// (virtio 1.2, 5.7.6.8: the resource is width × height pixels of the format, stride width × bytes-per-pixel) and the
/// frame period and deadlines as <see cref="SimTime"/>. Refresh in millihertz keeps 59.94 Hz (59940) exact.
/// </summary>
public sealed record GpuDisplayMode
{
    /// <summary>Picoseconds × millihertz in one second: 10^12 ps × 1000.</summary>
    private static readonly Int128 PicoMillis = (Int128)SimTime.PicosPerSecond * 1000;

    /// <summary>A mode of <paramref name="width"/> × <paramref name="height"/> pixels of <paramref name="format"/> at <paramref name="refreshMillihertz"/> mHz.</summary>
    public GpuDisplayMode(uint width, uint height, GpuFormat format, uint refreshMillihertz)
    {
        ArgumentOutOfRangeException.ThrowIfZero(width);
        ArgumentOutOfRangeException.ThrowIfZero(height);
        ArgumentOutOfRangeException.ThrowIfZero(refreshMillihertz);
        GpuFormats.BytesPerPixel(format);
        Width = width;
        Height = height;
        Format = format;
        RefreshMillihertz = refreshMillihertz;
    }

    /// <summary>A mode refreshed a whole <paramref name="refreshHz"/> times a second.</summary>
    public static GpuDisplayMode AtHz(uint width, uint height, GpuFormat format, uint refreshHz) =>
        new(width, height, format, checked(refreshHz * 1000));

    /// <summary>Width in pixels.</summary>
    public uint Width { get; }

    /// <summary>Height in pixels.</summary>
    public uint Height { get; }

    /// <summary>The pixel format.</summary>
    public GpuFormat Format { get; }

    /// <summary>Refresh rate in thousandths of a hertz (60 Hz is 60000).</summary>
    public uint RefreshMillihertz { get; }

    /// <summary>Bytes per pixel of <see cref="Format"/>.</summary>
    public int BytesPerPixel => GpuFormats.BytesPerPixel(Format);

    /// <summary>Bytes per row of a tightly packed frame: width × bytes per pixel.</summary>
    public long Stride => (long)Width * BytesPerPixel;

    /// <summary>Bytes of one full frame: width × height × bytes per pixel (1920 × 1080 × 4 = 8,294,400).</summary>
    public long BytesPerFrame => Stride * Height;

    /// <summary>The scanout rectangle: the whole frame at the origin.</summary>
    public GpuRect Rect => new(0, 0, Width, Height);

    /// <summary>Time between frames, 1 / refresh rounded to the nearest picosecond (60 Hz: 16,666,666,667 ps).</summary>
    public SimTime FramePeriod => FrameStart(1);

    /// <summary>
    /// When frame <paramref name="frame"/> starts, counted from frame 0 at zero: frame × 1 / refresh, rounded to the
    /// nearest picosecond once (not frame × a rounded period), so deadlines do not drift over long runs.
    /// </summary>
    public SimTime FrameStart(long frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        Int128 numerator = frame * PicoMillis;
        Int128 quotient = Int128.DivRem(numerator, RefreshMillihertz).Quotient;
        Int128 remainder = numerator - quotient * RefreshMillihertz;
        if (remainder * 2 >= RefreshMillihertz) quotient += 1;
        return SimTime.FromPicoseconds(checked((long)quotient));
    }

    /// <summary>Bytes per second a full-frame transfer every frame moves: <see cref="BytesPerFrame"/> × refresh, rounded up.</summary>
    public long BytesPerSecond
    {
        get
        {
            Int128 numerator = (Int128)BytesPerFrame * RefreshMillihertz;
            Int128 quotient = Int128.DivRem(numerator, 1000).Quotient;
            return checked((long)(quotient * 1000 == numerator ? quotient : quotient + 1));
        }
    }

    /// <summary>Bytes a TRANSFER_TO_HOST_2D of <paramref name="rect"/> moves in this mode's format: width × height × bytes per pixel.</summary>
    public long BytesFor(GpuRect rect) => checked((long)rect.PixelCount * BytesPerPixel);
}
