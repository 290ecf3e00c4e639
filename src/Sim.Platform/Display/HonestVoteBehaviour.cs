using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Devices.Scmi.Protocol;
using Sim.Devices.Scmi;

namespace Sim.Platform.Display;

/// <summary>The honest driver: votes its real average as the level and its real peak as range_min, once or every <see cref="Period"/>.</summary>
public sealed class HonestVoteBehaviour : DisplayVoteBehaviour
{
    /// <summary>An honest voter that re-votes every <paramref name="period"/> (null: votes once).</summary>
    public HonestVoteBehaviour(SimTime? period = null)
    {
        if (period is { } p && p <= SimTime.Zero) throw new ArgumentOutOfRangeException(nameof(period), period, "a re-vote period must be positive");
        Period = period;
    }

    /// <summary>Time between votes; null to vote once.</summary>
    public SimTime? Period { get; }

    /// <inheritdoc />
    public override string Name => "honest";

    /// <inheritdoc />
    public override DisplayVote Vote(DisplayBandwidthNeed need)
    {
        ArgumentNullException.ThrowIfNull(need);
        return new DisplayVote(need.AverageKBps, need.PeakKBps, DisplayVote.Unbounded);
    }

    /// <inheritdoc />
    public override SimTime? NextVoteDelay(ActorRandom random) => Period;
}
