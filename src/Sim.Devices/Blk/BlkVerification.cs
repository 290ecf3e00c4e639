using Sim.Core.Randomness;

namespace Sim.Devices.Blk;

/// <summary>
/// Which reads the virtio-blk driver checks against what it wrote (the data of VIRTIO_BLK_T_IN, virtio 1.2, 5.2.6).
/// Only reads of sectors whose last write is known and not in flight can be checked (<em>eligible</em> reads); of those,
/// <see cref="Full"/> checks every one (the default), <see cref="None"/> none, and <see cref="Sample"/> a
/// <see cref="Fraction"/> of them, chosen by a hash of the request's number and sector, so the choice neither draws
/// from a random stream (the run's requests and times are those of a fully checked run) nor depends on anything but
/// the request. A read that will not be checked skips the work that exists only for the check: the pattern compared
/// and the 0xEE marker written into its buffer beforehand (the marker is what makes bytes a device fails to write show
/// up as a mismatch; an unchecked read's buffer keeps whatever its slot last held).
/// </summary>
public sealed record BlkVerification
{
    private BlkVerification(double fraction) => Fraction = fraction;

    /// <summary>Every eligible read is checked.</summary>
    public static BlkVerification Full { get; } = new(1);

    /// <summary>No read is checked.</summary>
    public static BlkVerification None { get; } = new(0);

    /// <summary>A <paramref name="fraction"/> of eligible reads is checked, in [0, 1] (1 is <see cref="Full"/>).</summary>
    public static BlkVerification Sample(double fraction)
    {
        if (double.IsNaN(fraction) || fraction < 0 || fraction > 1)
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the share of reads verified must lie in [0, 1]");
        return fraction == 1 ? Full : fraction == 0 ? None : new BlkVerification(fraction);
    }

    /// <summary>The share of eligible reads checked, in [0, 1].</summary>
    public double Fraction { get; }

    /// <summary>Whether every eligible read is checked (then no read is counted as skipped).</summary>
    public bool IsFull => Fraction >= 1;

    /// <summary>
    /// Whether read <paramref name="tag"/> of <paramref name="sector"/> is one of those checked: always under
    /// <see cref="Full"/>, never under <see cref="None"/>, otherwise when a hash of the two, as a number in [0, 1),
    /// falls below <see cref="Fraction"/>.
    /// </summary>
    public bool Checks(ulong sector, long tag)
    {
        if (Fraction >= 1) return true;
        if (Fraction <= 0) return false;
        ulong hash = SplitMix64.Mix(SplitMix64.Mix((ulong)tag * SplitMix64.Gamma) ^ sector);
        return (hash >> 11) * (1.0 / (1UL << 53)) < Fraction;
    }

    /// <inheritdoc />
    public override string ToString() => IsFull ? "full" : Fraction <= 0 ? "none" : $"sample {Fraction}";
}
