using Sim.Core.Time;

namespace Sim.Interconnect.Aggregation;

/// <summary>A level set at a time.</summary>
/// <param name="At">When the level was set.</param>
/// <param name="Level">The level index.</param>
public readonly record struct LevelStep(SimTime At, int Level);

/// <summary>A vote, the time it arrived and the policy's answer.</summary>
/// <param name="At">Arrival time.</param>
/// <param name="Vote">The vote.</param>
/// <param name="Outcome">The policy's verdict.</param>
public sealed record AnsweredVote(SimTime At, BusVote Vote, VoteOutcome Outcome);

/// <summary>What a replay produced: every answer, and the level timeline (each change of level, the first decision included).</summary>
/// <param name="Answers">Every vote with its answer, in arrival order.</param>
/// <param name="Steps">The level timeline: the first decision, then each change.</param>
public sealed record ReplayResult(IReadOnlyList<AnsweredVote> Answers, IReadOnlyList<LevelStep> Steps)
{
    /// <summary>The level in force at <paramref name="time"/> (the latest step at or before it; <paramref name="before"/> when none).</summary>
    public int LevelAt(SimTime time, int before = 0)
    {
        int level = before;
        foreach (var step in Steps)
        {
            if (step.At > time) break;
            level = step.Level;
        }
        return level;
    }

    /// <summary>The highest level set.</summary>
    public int MaxLevel => Steps.Count == 0 ? 0 : Steps.Max(s => s.Level);
}

/// <summary>
/// The SCMI server's loop without the actors, for tests and quick studies: each vote is answered, then the policy is
/// asked for the level; any time a decision asks to be asked again is honoured before later votes (and before
/// <c>until</c>). The simulated server does the same on its own clock.
/// </summary>
public static class AggregationReplay
{
    /// <summary>Replays <paramref name="votes"/> (in time order) through <paramref name="policy"/> up to <paramref name="until"/>.</summary>
    public static ReplayResult Run(IAggregationPolicy policy, IEnumerable<TimedVote> votes, SimTime until)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(votes);
        var answers = new List<AnsweredVote>();
        var steps = new List<LevelStep>();
        SimTime? askAgain = null;

        void Decide(SimTime at)
        {
            var decision = policy.Decide(at);
            if (steps.Count == 0 || steps[^1].Level != decision.Level) steps.Add(new LevelStep(at, decision.Level));
            askAgain = decision.AskAgainAt is { } next && next > at ? next : null;
        }

        void CatchUp(SimTime before, bool inclusive)
        {
            while (askAgain is { } next && (next < before || (inclusive && next == before))) Decide(next);
        }

        foreach (var timed in votes)
        {
            if (timed.At >= until) break;
            CatchUp(timed.At, inclusive: false);
            answers.Add(new AnsweredVote(timed.At, timed.Vote, policy.Accept(timed.At, timed.Vote)));
            Decide(timed.At);
        }
        CatchUp(until, inclusive: false);
        return new ReplayResult(answers, steps);
    }
}
