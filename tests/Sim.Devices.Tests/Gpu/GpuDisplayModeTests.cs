using Sim.Core.Time;
using Sim.Devices.Gpu;

namespace Sim.Devices.Tests.Gpu;

/// <summary>
/// Frame sizes and timing for the scanout model: bytes per frame of width × height × bytes per pixel, frame period and
/// frame deadlines as <see cref="SimTime"/>, rounded once per deadline so they never drift.
/// </summary>
public sealed class GpuDisplayModeTests
{
    private static readonly GpuDisplayMode FullHd60 = GpuDisplayMode.AtHz(1920, 1080, GpuFormat.B8G8R8A8Unorm, 60);

    [Fact]
    public void A_1080p_frame_is_8294400_bytes_and_60_of_them_a_second_are_497664000()
    {
        Assert.Equal(4, FullHd60.BytesPerPixel);
        Assert.Equal(7680, FullHd60.Stride);
        Assert.Equal(8_294_400, FullHd60.BytesPerFrame);
        Assert.Equal(497_664_000, FullHd60.BytesPerSecond);
        Assert.Equal(new GpuRect(0, 0, 1920, 1080), FullHd60.Rect);
        Assert.Equal(FullHd60.BytesPerFrame, FullHd60.BytesFor(FullHd60.Rect));
        Assert.Equal(64 * 64 * 4, FullHd60.BytesFor(new GpuRect(100, 100, 64, 64)));
    }

    [Fact]
    public void The_60_hz_period_rounds_to_the_nearest_picosecond_and_deadlines_do_not_drift()
    {
        Assert.Equal(SimTime.FromPicoseconds(16_666_666_667), FullHd60.FramePeriod);
        Assert.Equal(SimTime.FromPicoseconds(50_000_000_000), FullHd60.FrameStart(3)); // not 3 × 16,666,666,667
        Assert.Equal(SimTime.FromSeconds(1), FullHd60.FrameStart(60));
        Assert.Equal(SimTime.Zero, FullHd60.FrameStart(0));
    }

    [Fact]
    public void A_59_94_hz_mode_is_exact_in_millihertz()
    {
        var ntsc = new GpuDisplayMode(1280, 720, GpuFormat.X8R8G8B8Unorm, refreshMillihertz: 59_940);
        Assert.Equal(SimTime.FromPicoseconds(16_683_350_017), ntsc.FramePeriod);   // 10^15 / 59940 = 16,683,350,016.68
        Assert.Equal(SimTime.FromSeconds(1000), ntsc.FrameStart(59_940));
        Assert.Equal(1280L * 720 * 4 * 59_940 / 1000, ntsc.BytesPerSecond);
    }

    [Fact]
    public void A_mode_needs_a_known_format_and_non_zero_size_and_refresh()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GpuDisplayMode(1920, 1080, (GpuFormat)5, 60_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GpuDisplayMode(0, 1080, GpuFormat.B8G8R8A8Unorm, 60_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GpuDisplayMode(1920, 1080, GpuFormat.B8G8R8A8Unorm, 0));
    }
}
