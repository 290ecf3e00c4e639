using Sim.Platform.Network;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Worlds.Results;
using Sim.Worlds.Running;
using Sim.Scenarios.Tests.Running;

namespace Sim.Scenarios.Tests.Network;

/// <summary>
/// A host path is a list of stages in the scenario (<c>host.stages</c>): kinds by name or as mappings with a mode, a
/// host thread and a queue; the last stage's kind says where the path ends; stages naming a thread run on the host's
/// cores when the scenario has a host section, and wait for them like any thread.
/// </summary>
public sealed class HostPathStagesTests
{
    private static string Scenario(string stages, string hostSection = "", string background = "") => $$"""
        name: stages
        seed: 5
        duration: 30ms
        warmup: 2ms
        {{hostSection}}
        guests:
          - name: vm
            memory: 16MiB
            devices:
              - name: net0
                type: net
                queueSize: 256
                backend: vhost
                host:
                  stages: {{stages}}
                  sample: { period: 100us, frameBytes: 128 }
                  {{background}}
        """;

    private static NetHostPathModel PathOf(string yaml) => ScenarioLoader.LoadText(yaml, "s.yaml").Transport!.Guests.Single().Net.Single().Host!;

    [Fact]
    public void Stages_read_by_name_or_as_mappings_keep_their_order_mode_thread_and_queue()
    {
        var path = PathOf(Scenario("[nic, { kind: xdp, mode: native, queueLimit: 64 }, tap]"));

        Assert.Equal(["nic", "xdp", "tap"], path.Stages.Select(s => s.Kind.Name));
        Assert.Equal("nic+xdp+tap", path.Path);
        Assert.Equal("net.host.xdp.native", path.Stages[1].CostPrefix);
        Assert.Equal("net.host.tap", path.Stages[2].CostPrefix);
        Assert.Equal("net.host.afxdp.zeroCopy", HostStageKind.Named("afxdp")!.CostPrefix("zero-copy"));   // cost names are camel case
        Assert.Equal([1000, 64, 1000], path.Stages.Select(s => s.QueueLimit));
        Assert.Equal(HostPathEnding.VirtioDevice, path.Ending);
    }

    [Theory]
    [InlineData("[nic, socket]", HostPathEnding.HostApplication)]
    [InlineData("[nic, vfio]", HostPathEnding.GuestApplication)]
    [InlineData("[nic, macvtap]", HostPathEnding.VirtioDevice)]
    public void The_last_stage_says_where_the_path_ends(string stages, HostPathEnding ending)
    {
        string yaml = Scenario(stages).Replace("backend: vhost", ending == HostPathEnding.VirtioDevice ? "backend: vhost" : "ring: split", StringComparison.Ordinal);
        Assert.Equal(ending, PathOf(yaml).Ending);
    }

    [Theory]
    [InlineData("[nic, socket, tap]", "must be the last stage")]
    [InlineData("[nic, tap, tap]", "'tap' is here twice")]
    [InlineData("[nic, { kind: tap, mode: native }]", "has no modes")]
    [InlineData("[nic, { kind: xdp, mode: turbo }]", "a mode of 'xdp'")]
    [InlineData("[nic, bridg]", "a host stage kind")]
    [InlineData("[nic, { kind: tap, thread: softirq }]", "only when the scenario has a host section")]
    [InlineData("[]", "at least one stage")]
    public void Bad_stages_are_located_errors(string stages, string expected)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(Scenario(stages), "s.yaml"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(15, error.Line);
    }

    private const string Threads = "[{ kind: nic, thread: softirq }, { kind: bridge, thread: softirq }, { kind: tap, thread: softirq }]";

    private static string Host(string load) => $$"""
        host:
          cores: 3
          threads:
            - { match: vm/net0/host2/softirq, cores: [0] }
            - { match: vm/net0/driver, cores: [1] }
            - { match: vm/net0/backend, cores: [2] }
        {{load}}
        """;

    [Fact]
    public void A_rule_can_place_a_stage_thread_and_one_that_matches_nothing_lists_the_stage_threads()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(
            Scenario(Threads, Host("").Replace("vm/net0/host2/softirq", "vm/net0/host2/ksoftirqd", StringComparison.Ordinal)), "s.yaml"));
        Assert.Contains("vm/net0/host2/softirq", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stages_on_one_thread_run_its_pieces_and_wait_only_when_load_shares_its_core()
    {
        const string background = "background: { flows: 1, kind: open, frameBytes: 1514, rate: 500Mb/s }";
        var alone = ScenarioRunner.Run(ScenarioLoader.LoadText(Scenario(Threads, Host(""), background), "s.yaml"));
        var loaded = ScenarioRunner.Run(ScenarioLoader.LoadText(Scenario(Threads, Host("  load:\n    - { name: stress, busy: 0.5, burst: 1ms, cores: [0] }"), background), "s.yaml"));

        const string thread = "host/cpus/vm/net0/host2/softirq";
        foreach (var results in new[] { alone, loaded })
        {
            double served = results.Value("vm/net0/host2/nic/served") + results.Value("vm/net0/host2/bridge/served") + results.Value("vm/net0/host2/tap/served");
            Assert.True(results.Value($"{thread}/pieces") is var pieces && Math.Abs(pieces - served) <= 3,   // a stage's frame in service at the warm-up's end or the run's
                $"{pieces} pieces run for {served} frames served");
        }
        // Alone on its core a piece waits only behind the other stages' pieces of its thread (1 + 1 + 1.5 us at most).
        Assert.InRange(alone.Value($"{thread}/coreWait", "max"), 0, 3.5e-6);
        Assert.True(loaded.Value($"{thread}/coreWait", "max") > 100e-6, "a thread sharing its core with 1 ms bursts waits");
        Assert.True(loaded.Value("vm/net0/driver/rxLatency", "mean") > alone.Value("vm/net0/driver/rxLatency", "mean") + 20e-6);
    }

    [Fact]
    public void A_poll_mode_stage_on_the_backend_thread_shares_it_with_the_backend_and_keeps_its_core()
    {
        const string stages = "[{ kind: afxdp, mode: zero-copy, thread: softirq }, { kind: pmd, thread: backend }]";
        string host = Host("").Replace("vm/net0/host2/softirq", "vm/net0/host2/softirq", StringComparison.Ordinal);
        var scenario = ScenarioLoader.LoadText(Scenario(stages, host).Replace("backend: vhost", "backend: vhost-user", StringComparison.Ordinal), "s.yaml");
        var threads = Sim.Scenarios.Planning.HostThreadNames.Threads(scenario.Transport!);
        Assert.DoesNotContain(threads, t => t.Name == "vm/net0/host2/backend");
        Assert.Equal(["vm/net0/backend", "vm/net0/host2/pmd"], threads.Single(t => t.Name == "vm/net0/backend").Actors);

        var results = ScenarioRunner.Run(scenario);
        Assert.Empty(results.Findings);
        Assert.True(results.Value("vm/net0/host2/pmd/served") >= 250, "the samples went through the PMD");
        Assert.True(results.Value("vm/net0/driver/rxLatency") >= 250, "and reached the guest");
        // The PMD keeps its core between frames (busy polling): the backend's thread is on its core nearly all the time,
        // though its work is a few hundred nanoseconds every 100 us.
        Assert.True(results.Value("host/cpus/vm/net0/backend/running", "mean") > 0.95);
        Assert.True(results.Value("host/cpus/vm/net0/host2/softirq/running", "mean") < 0.05);
    }

    [Fact]
    public void A_device_thread_on_a_path_that_ends_in_an_application_is_a_located_error()
    {
        string yaml = Scenario("[nic, { kind: socket, thread: backend }]", Host("").Replace("vm/net0/driver", "vm/net0/host2/softirq", StringComparison.Ordinal)
            .Replace("vm/net0/backend", "vm/net0/host2/softirq", StringComparison.Ordinal)).Replace("backend: vhost", "ring: split", StringComparison.Ordinal);
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(yaml, "s.yaml"));
        Assert.Contains("ends in an application", error.Message, StringComparison.Ordinal);
    }
}
