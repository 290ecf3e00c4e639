using Sim.Core.Time;

namespace Sim.Interconnect.Bus;

/// <summary>
/// The rounding rule of the fluid bus, in one place. A flow with <c>r</c> bytes left at <c>R</c> B/s finishes
/// <c>ceil(r x 10^12 / R)</c> picoseconds after the rates were last set, so it never finishes early; the quotient is
/// first snapped to the nearest whole picosecond when it lies within floating-point noise of it
/// (<see cref="SnapUlps"/> units in the last place of the quotient), so that 1 MB at 0.5 GB/s takes exactly 2 ms and not 2 ms + 1 ps. At that time the flow is complete: whatever residual
/// the floating-point arithmetic left (a few units in the last place: under one byte for flows under 10^14 bytes) counts as delivered, and the
/// flow is credited exactly its size.
/// </summary>
public static class FlowTiming
{
    /// <summary>Distance to a whole picosecond, in units in the last place of the quotient, within which a finishing time is taken as that whole picosecond.</summary>
    public const int SnapUlps = 16;

    /// <summary>Finishing times beyond this many picoseconds from now are reported as this ("never" for practical purposes).</summary>
    public const long Horizon = long.MaxValue / 4;

    /// <summary>
    /// Picoseconds for <paramref name="remainingBytes"/> to drain at <paramref name="bytesPerSecond"/>, rounded up as the
    /// class summary says; 0 when nothing (or only rounding noise) is left; <see cref="Horizon"/> when farther.
    /// </summary>
    public static long PicosecondsToDrain(double remainingBytes, double bytesPerSecond)
    {
        if (!(remainingBytes > 0)) return 0;
        if (!(bytesPerSecond > 0)) return Horizon;
        double q = remainingBytes * SimTime.PicosPerSecond / bytesPerSecond;
        if (!(q < Horizon)) return Horizon;
        double nearest = Math.Round(q);
        double picoseconds = Math.Abs(q - nearest) <= SnapUlps * (Math.BitIncrement(q) - q) ? nearest : Math.Ceiling(q);
        return (long)picoseconds;
    }

    /// <summary>Bytes moved in <paramref name="picoseconds"/> at <paramref name="bytesPerSecond"/>.</summary>
    public static double BytesIn(long picoseconds, double bytesPerSecond) => bytesPerSecond * picoseconds / SimTime.PicosPerSecond;
}
