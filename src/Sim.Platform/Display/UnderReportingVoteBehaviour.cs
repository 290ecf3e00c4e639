using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Devices.Scmi.Protocol;
using Sim.Devices.Scmi;

namespace Sim.Platform.Display;

/// <summary>
/// The under-reporting adversary: votes <see cref="Fraction"/> of its real need, floor(average × fraction) as the
/// level and floor(peak × fraction) as range_min, while its scanout still moves the whole frame; once, or every
/// <see cref="Period"/>.
/// </summary>
public sealed class UnderReportingVoteBehaviour : DisplayVoteBehaviour
{
    /// <summary>An under-reporter voting <paramref name="fraction"/> (in [0, 1)) of its need, re-voting every <paramref name="period"/> (null: once).</summary>
    public UnderReportingVoteBehaviour(double fraction, SimTime? period = null)
    {
        if (!(fraction >= 0 && fraction < 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "an under-reporter reports a fraction in [0, 1) of its need");
        if (period is { } p && p <= SimTime.Zero) throw new ArgumentOutOfRangeException(nameof(period), period, "a re-vote period must be positive");
        Fraction = fraction;
        Period = period;
    }

    /// <summary>The fraction of the real need reported.</summary>
    public double Fraction { get; }

    /// <summary>Time between votes; null to vote once.</summary>
    public SimTime? Period { get; }

    /// <inheritdoc />
    public override string Name => "under-reporter";

    /// <inheritdoc />
    public override DisplayVote Vote(DisplayBandwidthNeed need)
    {
        ArgumentNullException.ThrowIfNull(need);
        return new DisplayVote((uint)Math.Floor(need.AverageKBps * Fraction), (uint)Math.Floor(need.PeakKBps * Fraction), DisplayVote.Unbounded);
    }

    /// <inheritdoc />
    public override SimTime? NextVoteDelay(ActorRandom random) => Period;
}
