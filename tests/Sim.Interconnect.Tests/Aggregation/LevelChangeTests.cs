using Sim.Core.Time;
using Sim.Interconnect.Aggregation;
using Sim.Interconnect.Aggregation.Policies;
using static Sim.Interconnect.Tests.Aggregation.Bus;

namespace Sim.Interconnect.Tests.Aggregation;

/// <summary>Hysteresis and rate limiting on known vote sequences, through the server's ask-again loop.</summary>
public sealed class LevelChangeTests
{
    private static readonly SimTime End = SimTime.FromMilliseconds(10);

    [Fact]
    public void Hysteresis_goes_up_at_once_and_down_exactly_one_hold_after_demand_fell()
    {
        var policy = new Hysteresis(new MaxOfLevels(Table), Us(500));
        TimedVote[] votes = [new(Us(0), new LevelVote("a", 3)), new(Us(100), new LevelVote("a", 1)), new(Us(300), new LevelVote("a", 2))];

        var result = AggregationReplay.Run(policy, votes, End);

        // down window opens at 100 us; the highest level asked in it is 2; the drop comes when it ends, at 600 us.
        Assert.Equal([new LevelStep(Us(0), 3), new LevelStep(Us(600), 2)], result.Steps);
        Assert.Equal(2, policy.HeldDown); // at 100 and 300 us; the ask-again at 600 us dropped the level
    }

    [Fact]
    public void Hysteresis_forgets_a_fall_in_demand_that_comes_back_before_the_hold_time()
    {
        var policy = new Hysteresis(new MaxOfLevels(Table), Us(500));
        TimedVote[] votes = [new(Us(0), new LevelVote("a", 3)), new(Us(100), new LevelVote("a", 0)), new(Us(400), new LevelVote("a", 3)), new(Us(700), new LevelVote("a", 0))];

        var result = AggregationReplay.Run(policy, votes, End);

        Assert.Equal([new LevelStep(Us(0), 3), new LevelStep(Us(1200), 0)], result.Steps);
    }

    [Fact]
    public void Rate_limiting_defers_a_second_change_to_the_end_of_the_interval_and_asks_to_be_asked_then()
    {
        var policy = new RateLimit(new MaxOfLevels(Table), Us(1000));
        policy.Accept(Us(0), new LevelVote("a", 2));
        Assert.Equal(new LevelDecision(2, null), policy.Decide(Us(0)));
        policy.Accept(Us(200), new LevelVote("a", 4));

        Assert.Equal(new LevelDecision(2, Us(1000)), policy.Decide(Us(200)));
        Assert.Equal(new LevelDecision(4, null), policy.Decide(Us(1000)));
        Assert.Equal(1, policy.Deferred);
    }

    [Fact]
    public void Rate_limiting_takes_the_demand_of_the_moment_the_interval_ends_not_the_deferred_one()
    {
        var policy = new RateLimit(new MaxOfLevels(Table), Us(1000));
        TimedVote[] votes = [new(Us(0), new LevelVote("a", 2)), new(Us(200), new LevelVote("a", 4)), new(Us(300), new LevelVote("a", 3))];

        var result = AggregationReplay.Run(policy, votes, End);

        Assert.Equal([new LevelStep(Us(0), 2), new LevelStep(Us(1000), 3)], result.Steps);
    }

    [Fact]
    public void Negative_hold_or_interval_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Hysteresis(new MaxOfLevels(Table), Us(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimit(new MaxOfLevels(Table), Us(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimit(new MaxOfLevels(Table), Us(1), initialLevel: 5));
    }
}
