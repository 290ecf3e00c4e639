using Sim.Scenarios.Loading;
using Sim.Scenarios.Planning;
using Sim.Worlds.Results;
using Sim.Worlds.Running;
using Sim.Scenarios.Tests.Running;

namespace Sim.Scenarios.Tests.Network;

/// <summary>
/// Receive queues (RSS) on a host path's first stage: it and the stages after it on its thread become one chain per
/// queue on a softirq thread of their own, behind the NIC's steering; a flow's frames all take its queue, so a sample
/// that shares its queue with a bulk flow waits behind the flow's frames, and one steered alone does not.
/// </summary>
public sealed class ReceiveQueuesTests
{
    private const string Stages = """

                    - { kind: nic, thread: softirq, queues: 4STEERING }
                    - { kind: bridge, thread: softirq }
                    - { kind: tap }
        """;

    private static string Scenario(string steering, string? stages = null) => $$"""
        name: rss
        seed: 9
        duration: 60ms
        warmup: 10ms
        host:
          cores: 8
          threads:
            - { match: "vm/net0/host2/softirq0", cores: [0] }
            - { match: "vm/net0/host2/softirq1", cores: [1] }
            - { match: "vm/net0/host2/softirq2", cores: [2] }
            - { match: "vm/net0/host2/softirq3", cores: [3] }
            - { match: vm/net0/backend, cores: [4] }
            - { match: vm/net0/driver, cores: [5] }
        guests:
          - name: vm
            memory: 16MiB
            devices:
              - name: net0
                type: net
                queueSize: 256
                backend: vhost
                host:
                  stages: {{stages ?? Stages.Replace("STEERING", steering, StringComparison.Ordinal)}}
                  sample: { period: 200us, frameBytes: 128 }
                  background: { flows: 3, kind: open, frameBytes: 1514, rate: 600Mb/s }
        """;

    [Fact]
    public void The_stages_on_the_first_stages_thread_are_one_chain_per_queue_and_the_rest_are_shared()
    {
        var host = ScenarioLoader.LoadText(Scenario(""), "rss.yaml").Transport!.Guests.Single().Net.Single().Host!;
        var planned = NetHostPathPlan.Stages("vm/net0", host);

        Assert.Equal(["nic0", "bridge0", "nic1", "bridge1", "nic2", "bridge2", "nic3", "bridge3", "tap"], planned.Select(p => p.Actor["vm/net0/host2/".Length..]));
        Assert.All(planned.Where(p => p.Stage.Kind.Name == "bridge"), p => Assert.Equal("vm/net0/host2/tap", p.Next));
        Assert.Equal("vm/net0/host2/softirq2", planned.Single(p => p.Actor.EndsWith("/nic2", StringComparison.Ordinal)).Thread);
        Assert.Null(planned[^1].Next);
        Assert.Equal("vm/net0/host2/rss", NetHostPathPlan.Entry("vm/net0", host));
    }

    [Fact]
    public void A_sample_steered_alone_has_its_queue_and_softirq_to_itself_and_one_sharing_a_flows_queue_waits_behind_it()
    {
        var alone = ScenarioRunner.Run(ScenarioLoader.LoadText(Scenario(", steering: [0, 1, 2, 3]"), "rss.yaml"));
        var shared = ScenarioRunner.Run(ScenarioLoader.LoadText(Scenario(", steering: [1, 1, 2, 3]"), "rss.yaml"));

        Assert.InRange(alone.Value("vm/net0/host2/rss/rxq0/steered") - alone.Value("vm/net0/host2/nic0/served"), -1, 1);   // one at the warm-up's edge
        Assert.InRange(alone.Value("vm/net0/host2/rss/rxq0/steered"), 240, 260);   // the samples only: 50 ms at one per 200 us
        Assert.Equal(0, shared.Value("vm/net0/host2/rss/rxq0/steered"));
        // Alone on its queue a sample never waits for its softirq: nic0's queue is empty but for the instant of arrival.
        Assert.Equal(0, alone.Value("vm/net0/host2/nic0/queue", "mean"));
        Assert.True(shared.Value("vm/net0/host2/nic1/queue", "mean") > 0, "the sample's queue also carries flow 1");
        // Queue 0's softirq thread ran the samples' nic and bridge work and nothing else; with the samples on flow 1's
        // queue it had nothing to do.
        double samples = alone.Value("vm/net0/host2/nic0/served");
        Assert.InRange(alone.Value("host/cpus/vm/net0/host2/softirq0/pieces"), 2 * samples - 2, 2 * samples + 2);
        Assert.Equal(0, shared.Value("host/cpus/vm/net0/host2/softirq0/pieces"));
    }

    [Theory]
    [InlineData("[{ kind: nic }, { kind: tap, queues: 2 }]", "first stage")]
    [InlineData("[{ kind: nic, steering: [0] }, tap]", "queues: 2")]
    [InlineData("[{ kind: nic, queues: 2, steering: [2] }, tap]", "expected")]
    public void Misplaced_queues_or_steering_are_located_errors(string stages, string expected)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(Scenario("", stages), "rss.yaml"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
