using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Time;
using Sim.Interconnect.Aggregation;

namespace Sim.Interconnect.Tests.Aggregation;

/// <summary>
/// A random sequence of votes from four agents (vm0..vm3) over time: bandwidth votes in steps of 0.25 GB/s from 0
/// to 10 GB/s (beyond the top level), level votes (a few outside the table), limits, departures and a few malformed
/// bandwidths. Sums of such values are exact in doubles, so a reference model can compare with ==.
/// </summary>
internal sealed record VoteProgram(TimedVote[] Votes)
{
    public const int Agents = 4;
    public const int MaxSteps = 60;
    private const double Quarter = 0.25e9;

    private static readonly Gen<BusVote> Vote =
        from agent in Gen.Choose(0, Agents - 1).Select(i => $"vm{i}")
        from kind in Gen.Frequency((6, Gen.Constant(0)), (3, Gen.Constant(1)), (1, Gen.Constant(2)), (1, Gen.Constant(3)), (1, Gen.Constant(4)))
        from a in Gen.Choose(0, 40)
        from b in Gen.Choose(0, 40)
        from level in Gen.Choose(-1, Bus.Table.Count)
        select kind switch
        {
            0 => (BusVote)new BandwidthVote(agent, a * Quarter, b * Quarter),
            1 => new LevelVote(agent, level),
            2 => new LimitsVote(agent, Math.Min(a, b) % Bus.Table.Count, Math.Max(a, b) % Bus.Table.Count),
            3 => new AgentLeft(agent),
            _ => new BandwidthVote(agent, -a * Quarter - 1, b * Quarter),
        };

    private static readonly Gen<(int Delta, BusVote Vote)> Step =
        from delta in Gen.Frequency((3, Gen.Constant(0)), (6, Gen.Choose(1, 400)), (2, Gen.Choose(400, 3000)))
        from vote in Vote
        select (delta, vote);

    /// <summary>Programs of 1 to <see cref="MaxSteps"/> votes, gaps of 0 to 3 ms (microsecond grain), shrinking by halves and single votes.</summary>
    public static Arbitrary<VoteProgram> Arbitrary { get; } = Arb.From(
        from count in Gen.Choose(1, MaxSteps)
        from steps in Gen.ArrayOf(Step, count)
        select FromSteps(steps),
        program => program.Shrink());

    private static VoteProgram FromSteps((int Delta, BusVote Vote)[] steps)
    {
        var time = SimTime.Zero;
        var votes = new TimedVote[steps.Length];
        for (int i = 0; i < steps.Length; i++)
        {
            time += SimTime.FromMicroseconds(steps[i].Delta);
            votes[i] = new TimedVote(time, steps[i].Vote);
        }
        return new VoteProgram(votes);
    }

    public IEnumerable<VoteProgram> Shrink()
    {
        if (Votes.Length > 1)
        {
            yield return new VoteProgram(Votes[..(Votes.Length / 2)]);
            yield return new VoteProgram(Votes[(Votes.Length / 2)..]);
        }
        for (int i = 0; i < Votes.Length && Votes.Length > 1; i++)
            yield return new VoteProgram([.. Votes[..i], .. Votes[(i + 1)..]]);
    }

    public override string ToString() => $"{Votes.Length} votes: {string.Join("; ", Votes.Select(v => $"{v.At} {v.Vote}"))}";
}
