using Sim.Platform.Network.TrafficControl;
using Sim.Scenarios.Loading;
using Sim.Worlds.Results;
using Sim.Worlds.Running;
using Sim.Scenarios.Tests.Running;

namespace Sim.Scenarios.Tests.Network;

/// <summary>
/// A host path's <c>sender</c>: host1's qdiscs (tc(8)) and NIC transmit side from the scenario, with located errors for
/// a tree tc would refuse; and what the qdisc does to the samples: behind mqprio the i225 serves their queue first but
/// a bulk frame on the wire finishes first, while taprio with full offload and a guard band keeps the wire free when
/// their gate opens (IEEE 802.1Qbv 8.6.8.4).
/// </summary>
public sealed class SenderTrafficControlTests
{
    private const string Mqprio = """
        qdisc:
          kind: mqprio
          numTc: 2
          map: [1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
          queues: [1@0, 3@1]
          children: [{ queue: 0, qdisc: { kind: etf, delta: 10us, offload: true } }]
        sample: { priority: 3, txtime: 20us }
        """;

    private const string Taprio = """
        qdisc:
          kind: taprio
          numTc: 2
          map: [1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
          queues: [1@0, 3@1]
          entries: [{ open: [0], interval: 50us }, { open: [1], interval: 950us }]
          offload: full
        sample: { priority: 3 }
        """;

    private static string Scenario(string sender, string phase = "") => $$"""
        name: tc
        seed: 3
        duration: 150ms
        warmup: 50ms
        guests:
          - name: vm
            memory: 16MiB
            devices:
              - name: net0
                type: net
                host:
                  stages: [nic, socket]
                  sample: { period: 1ms, frameBytes: 128{{phase}} }
                  background: { flows: 3, kind: tcp, frameBytes: 1514, rate: 780Mb/s }
                  sender:
        {{Indent(sender, 12)}}
        """;

    private static string Indent(string text, int spaces) => string.Join('\n', text.Split('\n').Select(l => new string(' ', spaces) + l));

    private static double Latency(RunResults results, string value) => results.Value("vm/net0/app/rxLatency", value) * 1e6;

    [Fact]
    public void An_mqprio_tree_with_an_etf_child_and_socket_options_is_read_as_tc_would_set_it_up()
    {
        var sender = ScenarioLoader.LoadText(Scenario(Mqprio), "tc.yaml").Transport!.Guests.Single().Net.Single().Host!.Sender!;
        var mqprio = Assert.IsType<MqprioSpec>(sender.Qdisc);
        Assert.Equal(2, mqprio.NumTc);
        Assert.Equal(0, mqprio.Map[3]);
        Assert.Equal([new TxQueueRange(1, 0), new TxQueueRange(3, 1)], mqprio.Queues);
        Assert.Equal(new EtfSpec(Sim.Core.Time.SimTime.FromMicroseconds(10), Offload: true), mqprio.Children![0]);
        Assert.Equal(new SocketOptions(3, Sim.Core.Time.SimTime.FromMicroseconds(20)), sender.Sample);
        Assert.Equal((4, TxArbitration.LowestIndexFirst), (sender.TxQueues, sender.Arbitration));
    }

    [Theory]
    [InlineData("map: [1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]", "map: [1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]", "beyond num_tc")]
    [InlineData("queues: [1@0, 3@1]", "queues: [1@0, 3@0]", "overlap")]
    [InlineData("queues: [1@0, 3@1]", "queues: [1-0, 3@1]", "count@offset")]
    [InlineData("open: [1], interval: 950us", "open: [2], interval: 950us", "beyond num_tc")]
    [InlineData("offload: full", "offload: partial", "a taprio mode")]
    public void A_tree_tc_would_refuse_is_a_located_error(string good, string bad, string expected)
    {
        string yaml = Scenario(Taprio.Contains(good, StringComparison.Ordinal) ? Taprio.Replace(good, bad, StringComparison.Ordinal) : Mqprio.Replace(good, bad, StringComparison.Ordinal));
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(yaml, "tc.yaml"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.True(error.Line >= 15, $"line {error.Line}: {error.Message}");
    }

    [Fact]
    public void Behind_mqprio_a_sample_waits_at_most_one_bulk_frame_on_the_wire_and_behind_aligned_taprio_it_never_does()
    {
        var mqprioScenario = ScenarioLoader.LoadText(Scenario(Mqprio), "tc.yaml");
        var mqprio = ScenarioRunner.Run(mqprioScenario);
        var taprio = ScenarioRunner.Run(ScenarioLoader.LoadText(Scenario(Taprio, ", phase: 990us"), "tc.yaml"));

        // A sample's wait: the rest of one bulk frame on the wire, then at most one bulk frame ahead of it in each of
        // host2's stages (the nic and the socket serve the bulk flows too).
        var costs = mqprioScenario.Transport!.Costs;
        double wire = (1514 + 24) * costs.Time("net.host.link.perByte").TotalSeconds * 1e6;
        double stages = (costs.Time("net.host.nic.perPacket") + costs.Time("net.host.socket.perPacket")).TotalSeconds * 1e6;
        double spread = Latency(mqprio, "max") - Latency(mqprio, "min");
        Assert.InRange(spread, stages + 0.5, wire + stages + 0.01);
        // Behind taprio's guard band the wire is free when the samples' gate opens: what is left is host2's stages.
        Assert.InRange(Latency(taprio, "max") - Latency(taprio, "min"), 0, stages);
        Assert.True(Latency(taprio, "count") >= 99);
    }
}
