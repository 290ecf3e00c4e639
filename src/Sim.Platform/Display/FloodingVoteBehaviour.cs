using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Devices.Scmi.Protocol;
using Sim.Devices.Scmi;

namespace Sim.Platform.Display;

/// <summary>
/// The flooding adversary: votes its real need (as <see cref="HonestVoteBehaviour"/>) again and again, every
/// <see cref="Interval"/> plus a jitter drawn uniformly from [0, <see cref="Jitter"/>] whole picoseconds out of the
/// voter's own random stream, loading the platform's channel and arbitration.
/// </summary>
public sealed class FloodingVoteBehaviour : DisplayVoteBehaviour
{
    /// <summary>A flooder re-voting every <paramref name="interval"/> + U[0, <paramref name="jitter"/>].</summary>
    public FloodingVoteBehaviour(SimTime interval, SimTime jitter)
    {
        if (interval.Picoseconds < 0) throw new ArgumentOutOfRangeException(nameof(interval), interval, "the interval must not be negative");
        if (jitter.Picoseconds < 0) throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "the jitter must not be negative");
        if (interval.Picoseconds == 0 && jitter.Picoseconds == 0) throw new ArgumentException("a flooder needs a positive interval or jitter, or it never lets time pass", nameof(interval));
        Interval = interval;
        Jitter = jitter;
    }

    /// <summary>The least time between votes.</summary>
    public SimTime Interval { get; }

    /// <summary>The most extra time drawn on top of <see cref="Interval"/>.</summary>
    public SimTime Jitter { get; }

    /// <inheritdoc />
    public override string Name => "flooder";

    /// <inheritdoc />
    public override DisplayVote Vote(DisplayBandwidthNeed need)
    {
        ArgumentNullException.ThrowIfNull(need);
        return new DisplayVote(need.AverageKBps, need.PeakKBps, DisplayVote.Unbounded);
    }

    /// <inheritdoc />
    public override SimTime? NextVoteDelay(ActorRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        long extra = (long)random.NextUInt64((ulong)Jitter.Picoseconds + 1);
        return Interval + SimTime.FromPicoseconds(extra);
    }
}
