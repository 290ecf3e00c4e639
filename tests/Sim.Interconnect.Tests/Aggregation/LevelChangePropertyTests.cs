using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Time;
using Sim.Interconnect.Aggregation;
using Sim.Interconnect.Aggregation.Policies;
using Sim.Tests.Shared;

namespace Sim.Interconnect.Tests.Aggregation;

/// <summary>Rate limiting and hysteresis hold their timing promises for any votes, with the server's ask-again loop.</summary>
public sealed class LevelChangePropertyTests
{
    private static readonly SimTime Interval = Bus.Us(500);
    private static readonly SimTime Hold = Bus.Us(700);
    private static readonly SimTime End = SimTime.FromMilliseconds(200);

    /// <summary>The decisions a decorator handed out (outer) and those of the policy it wraps (inner), with times.</summary>
    private static (List<(SimTime At, LevelDecision Decision)> Outer, List<(SimTime At, LevelDecision Decision)> Inner) Run(
        VoteProgram program, Func<IAggregationPolicy, IAggregationPolicy> decorate)
    {
        var inner = new Recording(new MaxOfLevels(Bus.Table));
        var outer = new Recording(decorate(inner));
        AggregationReplay.Run(outer, program.Votes, End);
        return (outer.Decisions, inner.Decisions);
    }

    [Fact]
    public void Rate_limiting_never_changes_level_twice_within_its_interval_and_catches_up_when_it_ends()
    {
        var property = Prop.ForAll(VoteProgram.Arbitrary, program =>
        {
            var (outer, inner) = Run(program, p => new RateLimit(p, Interval));
            int level = 0;
            SimTime? lastChange = null;
            for (int i = 0; i < outer.Count; i++)
            {
                var (at, decision) = outer[i];
                if (decision.Level != level)
                {
                    if (lastChange is { } last && at - last < Interval) return false;
                    lastChange = at;
                    level = decision.Level;
                }
                bool behind = inner[i].Decision.Level != level;
                if (behind && (lastChange is not { } l || at - l >= Interval)) return false;       // held back only inside an interval
                if (behind && decision.AskAgainAt != lastChange + Interval) return false;           // and asks again when it ends
            }
            return true;
        });
        Check.One(PropertyRuns.Config(400), property);
    }

    [Fact]
    public void Hysteresis_goes_up_at_once_and_never_goes_down_before_a_lower_level_has_been_enough_for_the_hold_time()
    {
        var property = Prop.ForAll(VoteProgram.Arbitrary, program =>
        {
            var (outer, inner) = Run(program, p => new Hysteresis(p, Hold));
            int previous = 0;
            for (int i = 0; i < outer.Count; i++)
            {
                var (at, decision) = outer[i];
                if (decision.Level < inner[i].Decision.Level) return false; // never below what is asked: up at once
                if (decision.Level < previous)
                {
                    int j = i;
                    while (j > 0 && inner[j - 1].Decision.Level < previous) j--;   // how long the lower levels have been enough
                    if (at - inner[j].At < Hold) return false;
                    if (inner.Skip(j).Take(i - j + 1).Any(d => d.Decision.Level > decision.Level)) return false;
                }
                previous = decision.Level;
            }
            return true;
        });
        Check.One(PropertyRuns.Config(400), property);
    }
}
