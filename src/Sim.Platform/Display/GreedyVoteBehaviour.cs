using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Devices.Scmi.Protocol;
using Sim.Devices.Scmi;

namespace Sim.Platform.Display;

/// <summary>
/// The greedy adversary: whatever its need, it votes the most it may, <see cref="Top"/> kB/s (0xFFFFFFFF unless
/// capped), as both the level and range_min; once, or every <see cref="Period"/>.
/// </summary>
public sealed class GreedyVoteBehaviour : DisplayVoteBehaviour
{
    /// <summary>A greedy voter asking for <paramref name="top"/> kB/s, re-voting every <paramref name="period"/> (null: once).</summary>
    public GreedyVoteBehaviour(uint top = uint.MaxValue, SimTime? period = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(top);
        if (period is { } p && p <= SimTime.Zero) throw new ArgumentOutOfRangeException(nameof(period), period, "a re-vote period must be positive");
        Top = top;
        Period = period;
    }

    /// <summary>The value voted, kB/s.</summary>
    public uint Top { get; }

    /// <summary>Time between votes; null to vote once.</summary>
    public SimTime? Period { get; }

    /// <inheritdoc />
    public override string Name => "greedy";

    /// <inheritdoc />
    public override DisplayVote Vote(DisplayBandwidthNeed need) => new(Top, Top, DisplayVote.Unbounded);

    /// <inheritdoc />
    public override SimTime? NextVoteDelay(ActorRandom random) => Period;
}
