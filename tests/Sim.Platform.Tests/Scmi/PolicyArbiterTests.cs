using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Time;
using Sim.Devices.Scmi;
using Sim.Platform.Scmi;
using Sim.Interconnect.Aggregation;
using Sim.Tests.Shared;
using static Sim.Platform.Tests.Scmi.BusVotes;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Platform.Tests.Scmi;

/// <summary>
/// <see cref="PolicyArbiter"/> behind a real <see cref="ScmiPerformanceServer"/> and a recording policy: LEVEL_SET
/// states the average and LIMITS_SET's range_min the peak, each vote carries the agent's latest of both, and the
/// SCMI status is the policy's.
/// </summary>
public sealed class PolicyArbiterTests
{
    private readonly RecordingPolicy _policy = new(Table);
    private SimTime _now = SimTime.Zero;
    private readonly PolicyArbiter _arbiter;
    private readonly ScmiPerformanceServer _server;

    public PolicyArbiterTests()
    {
        _arbiter = new PolicyArbiter(_policy, () => _now);
        _server = new ScmiPerformanceServer([BusPerfDomain.Create(Table)], _arbiter, powerInMilliwatts: true);
    }

    private ScmiStatus Send(int agent, ScmiPerfRequest request) => _server.Handle(agent, request).Status;

    [Fact]
    public void Level_set_and_limits_set_become_one_bandwidth_vote_with_the_agents_latest_average_and_peak()
    {
        _now = Ms(1);
        Assert.Equal(ScmiStatus.Success, Send(1, new PerfLevelSetRequest(0, 1_500_000)));
        _now = Ms(2);
        Assert.Equal(ScmiStatus.Success, Send(1, new PerfLimitsSetRequest(0, 4_000_000, 3_000_000)));
        _now = Ms(3);
        Assert.Equal(ScmiStatus.Success, Send(2, new PerfLimitsSetRequest(0, uint.MaxValue, 250)));
        _now = Ms(4);
        Assert.Equal(ScmiStatus.Success, Send(1, new PerfLevelSetRequest(0, 123_456)));

        Assert.Equal(
            [(Ms(1), (BusVote)new BandwidthVote("vm1", 1.5e9, 0)),
             (Ms(2), new BandwidthVote("vm1", 1.5e9, 3e9)),
             (Ms(3), new BandwidthVote("vm2", 0, 250_000)),
             (Ms(4), new BandwidthVote("vm1", 123_456_000, 3e9))], _policy.Votes);
        Assert.Equal(new AgentNeed(123_456, 3_000_000), _arbiter.NeedOf(1));
        Assert.Equal(4, _arbiter.Votes);
    }

    [Fact]
    public void The_answer_is_the_policys_status_and_a_refused_vote_is_not_kept()
    {
        Assert.Equal(ScmiStatus.Success, Send(1, new PerfLevelSetRequest(0, 1000)));
        _policy.Outcome = VoteOutcome.Refused(ScmiStatus.Denied, "over quota");
        Assert.Equal(ScmiStatus.Denied, Send(1, new PerfLevelSetRequest(0, 2000)));
        Assert.Equal(VoteOutcome.Refused(ScmiStatus.Denied, "over quota"), _arbiter.LastOutcome);
        Assert.Equal(new AgentNeed(1000, 0), _arbiter.NeedOf(1));

        _policy.Outcome = VoteOutcome.Clipped("capped");
        Assert.Equal(ScmiStatus.Success, Send(1, new PerfLimitsSetRequest(0, 5000, 5000)));
        // The refused average 2000 is not carried into the next vote.
        Assert.Equal(new BandwidthVote("vm1", 1e6, 5e6), _policy.Votes[^1].Vote);
    }

    [Fact]
    public void Any_value_up_to_the_top_is_a_vote_and_values_above_it_are_out_of_range_without_reaching_the_policy()
    {
        Assert.Equal(ScmiStatus.Success, Send(1, new PerfLevelSetRequest(0, 0)));
        Assert.Equal(ScmiStatus.Success, Send(1, new PerfLevelSetRequest(0, 4_000_000)));
        Assert.Equal(ScmiStatus.OutOfRange, Send(1, new PerfLevelSetRequest(0, 4_000_001)));
        Assert.Equal(ScmiStatus.OutOfRange, Send(1, new PerfLimitsSetRequest(0, uint.MaxValue, 4_000_001)));
        Assert.Equal(ScmiStatus.InvalidParameters, Send(1, new PerfLimitsSetRequest(0, 10, 20)));
        Assert.Equal(2, _policy.Votes.Count);
    }

    [Fact]
    public void Decide_keeps_the_policys_level_and_ask_again_time_and_level_get_answers_its_kilobytes_per_second()
    {
        Assert.Equal(1_000_000u, _arbiter.CurrentLevel(0));
        _now = Ms(5);
        _policy.Decision = new LevelDecision(2, Ms(6));
        Assert.Equal(new LevelDecision(2, Ms(6)), _arbiter.Decide());
        Assert.Equal((2, (SimTime?)Ms(6)), (_arbiter.Level, _arbiter.AskAgainAt));
        Assert.Equal([Ms(5)], _policy.Decisions);
        var reply = _server.Handle(1, new PerfLevelGetRequest(0));
        Assert.Equal(new PerfLevelGetResponse(4_000_000), reply.Body);
        Assert.Equal((0u, 4_000_000u), _arbiter.CurrentLimits(0));
    }

    [Fact]
    public void The_bus_domain_describes_the_opp_table_in_kilobytes_per_second_milliwatts_and_microseconds()
    {
        var domain = BusPerfDomain.Create(Table);
        Assert.Equal([new ScmiPerfLevel(1_000_000, 500, 10), new ScmiPerfLevel(2_000_000, 1500, 50), new ScmiPerfLevel(4_000_000, 4000, 100)],
            domain.Levels);
        Assert.True(domain.AcceptsAnyValue);
        Assert.Equal(BusPerfDomain.Flags, domain.Flags);
    }

    [Fact]
    public void Every_vote_carries_the_agents_latest_average_and_peak_in_bytes_per_second()
    {
        var steps = Gen.Elements(1, 2, 3).SelectMany(agent => Gen.Choose(0, 4_000_000).SelectMany(value =>
            Gen.Elements(true, false).Select(isPeak => (Agent: agent, Value: (uint)value, IsPeak: isPeak))));
        var property = Prop.ForAll(Arb.From(Gen.ListOf(steps)), plan =>
        {
            var policy = new RecordingPolicy(Table);
            var arbiter = new PolicyArbiter(policy, () => SimTime.Zero);
            var expected = new Dictionary<int, (double Avg, double Peak)>();
            bool ok = true;
            foreach (var (agent, value, isPeak) in plan)
            {
                var status = isPeak ? arbiter.RequestLimits(agent, 0, value, uint.MaxValue) : arbiter.RequestLevel(agent, 0, value);
                var (avg, peak) = expected.GetValueOrDefault(agent);
                expected[agent] = isPeak ? (avg, value * 1000.0) : (value * 1000.0, peak);
                ok &= status == ScmiStatus.Success
                    && policy.Votes[^1].Vote == new BandwidthVote("vm" + agent, expected[agent].Avg, expected[agent].Peak);
            }
            return (ok && policy.Votes.Count == plan.Count).Label(string.Join(", ", plan));
        });
        Check.One(PropertyRuns.Config(200), property);
    }
}
