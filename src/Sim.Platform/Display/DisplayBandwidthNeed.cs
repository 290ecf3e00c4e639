using Sim.Devices.Gpu;
using Sim.Devices.Scmi.Protocol;
using Sim.Devices.Scmi;

namespace Sim.Platform.Display;

/// <summary>
/// What a display's scanout needs from the bus, in the unit the bus votes use: kB/s (1000 B/s) as an SCMI performance
/// value (Arm DEN0056, 4.5: the performance level of the bus domain is its bandwidth in kB/s).
/// <see cref="AverageKBps"/> is the mode's <see cref="GpuDisplayMode.BytesPerSecond"/>; <see cref="PeakKBps"/> is the
/// rate that reads a frame within <see cref="PeakFraction"/> of the frame period (1.0: peak = average). Both round up
/// and saturate at <see cref="uint.MaxValue"/>, the largest value the 32-bit SCMI fields carry.
/// </summary>
/// <param name="AverageKBps">The average need, kB/s.</param>
/// <param name="PeakKBps">The peak need, kB/s.</param>
/// <param name="PeakFraction">The fraction of the frame period the frame must be read within.</param>
public sealed record DisplayBandwidthNeed(uint AverageKBps, uint PeakKBps, double PeakFraction)
{
    /// <summary>Bytes per second in one kB/s.</summary>
    public const long BytesPerKB = 1000;

    /// <summary>
    /// The need of <paramref name="mode"/> when each frame must be read within <paramref name="peakFraction"/> (in
    /// (0, 1]) of the frame period: average = ceil(BytesPerSecond / 1000); peak = ceil(BytesPerSecond / fraction / 1000),
    /// never below the average (1080p60 XRGB: 497,664 kB/s for both at fraction 1).
    /// </summary>
    public static DisplayBandwidthNeed For(GpuDisplayMode mode, double peakFraction = 1.0)
    {
        ArgumentNullException.ThrowIfNull(mode);
        if (!(peakFraction > 0 && peakFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(peakFraction), peakFraction, "the peak fraction of the frame period must be in (0, 1]");
        long bytesPerSecond = mode.BytesPerSecond;
        uint average = Saturate((bytesPerSecond + BytesPerKB - 1) / BytesPerKB);
        // Decimal keeps e.g. 497,664,000 / 0.8 exact (a double quotient can land a hair above and round up a whole kB/s);
        // the double estimate only guards the decimal range.
        double estimate = bytesPerSecond / peakFraction / BytesPerKB;
        uint peak = estimate >= uint.MaxValue
            ? uint.MaxValue
            : Math.Max(average, Saturate((long)Math.Ceiling((decimal)bytesPerSecond / (decimal)peakFraction / BytesPerKB)));
        return new DisplayBandwidthNeed(average, peak, peakFraction);
    }

    private static uint Saturate(long value) => value >= uint.MaxValue ? uint.MaxValue : (uint)value;
}
