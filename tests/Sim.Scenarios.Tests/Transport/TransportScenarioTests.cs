using Sim.Core.Statistics;
using Sim.Scenarios.Loading;
using Sim.Worlds.Results;
using Sim.Worlds.Running;

namespace Sim.Scenarios.Tests.Transport;

/// <summary>The echo device over virtio-mmio, end to end, on both ring formats.</summary>
public sealed class TransportScenarioTests
{
    private static string Scenario(string ring, bool eventIdx, string extraDevice = "", string workload = "outstanding: 4, service: { constant: 2us }") => $$"""
        name: t
        seed: 3
        duration: 5ms
        warmup: 500us
        guests:
          - name: vm
            devices:
              - { name: echo0, type: echo, ring: {{ring}}, eventIdx: {{(eventIdx ? "true" : "false")}}, queueSize: 16, {{extraDevice}}
                  workload: { requestBytes: 64, responseBytes: 256, {{workload}} } }
        """;

    private static Dictionary<string, MetricSummary> Run(string yaml, out RunResults results)
    {
        results = ScenarioRunner.Run(ScenarioLoader.LoadText(yaml, "t.yaml"));
        return results.Metrics.ToDictionary(m => m.Key, m => m.Value);
    }

    [Theory]
    [InlineData("split", false)]
    [InlineData("split", true)]
    [InlineData("packed", false)]
    [InlineData("packed", true)]
    public void Requests_complete_on_every_ring_format_with_no_findings(string ring, bool eventIdx)
    {
        var metrics = Run(Scenario(ring, eventIdx), out var results);
        Assert.Empty(results.Findings);
        double requests = metrics["vm/echo0/driver/requests"].Get("count");
        Assert.True(requests > 100, $"only {requests} requests completed");
        double served = metrics["vm/echo0/backend/requests"].Get("count");
        Assert.InRange(served - requests, -4, 4); // at most the in-flight requests differ at the window's edges
        Assert.InRange(metrics["vm/echo0/driver/kicksPerRequest"].Get("value"), 0.01, 1.0);
        Assert.InRange(metrics["vm/echo0/driver/interruptsPerRequest"].Get("value"), 0.01, 1.0);
        // Each request reads 64 bytes and writes 256 through the recorded access path.
        Assert.Equal(served * 256, metrics["vm/echo0/backend/bytesWritten"].Get("count"));
        Assert.True(metrics["vm/echo0/driver/latency"].Get("mean") > 2e-6);
        // The backend's traffic through its recorded access path, and its exposure since the warm-up.
        var memory = metrics["vm/echo0/backend/memory"];
        Assert.Equal("access", memory.Kind);
        // The 256-byte responses plus the ring bookkeeping (used elements, indexes, event areas): a few bytes each.
        Assert.InRange(memory.Get("bytesWritten"), served * 256 + served * 4, served * 256 + served * 32);
        Assert.Equal(0, memory.Get("refused"));
        // Rings (3 pages at most) and the in-flight buffers: a handful of pages, not all of guest memory.
        Assert.InRange(memory.Get("pagesTouched"), 2, 16);
    }

    [Fact]
    public void The_same_seed_gives_identical_results_on_a_transport_scenario()
    {
        string yaml = Scenario("packed", true, workload: "outstanding: 8, service: { exponential: 2us }, interarrival: { exponential: 3us }");
        string first = ResultsJson.Write(ScenarioRunner.Run(ScenarioLoader.LoadText(yaml, "t.yaml")));
        Assert.Equal(first, ResultsJson.Write(ScenarioRunner.Run(ScenarioLoader.LoadText(yaml, "t.yaml"))));
    }

    [Fact]
    public void A_driver_asking_for_a_ring_format_the_device_lacks_fails_initialisation_as_a_finding()
    {
        var metrics = Run(Scenario("packed", false, "deviceFeatures: [version1, eventIdx],"), out var results);
        Assert.Contains(results.Findings, f => f.Rule == "device-initialisation-failed" && f.Actor == "vm/echo0/driver");
        Assert.Equal(0, metrics["vm/echo0/driver/requests"].Get("count"));
    }

    [Fact]
    public void The_split_vs_packed_scenario_loads_four_variants()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Simulator.sln"))) root = Path.GetDirectoryName(root)!;
        var model = ScenarioLoader.LoadFile(Path.Combine(root, "scenarios", "transport", "split-vs-packed.yaml"));
        Assert.Equal(["split", "split-evtidx", "packed", "packed-evtidx"], model.Transport!.Guests.Select(g => g.Name));
        Assert.Equal("kvm-x86", model.Transport.Costs.Name);
        Assert.All(model.Transport.Guests, g => Assert.Equal(("kvm", "full", "vhost-user"), (g.Platform, g.Devices[0].Sharing.Mechanism, g.Devices[0].Sharing.Backend)));
    }

    [Theory]
    [InlineData("ring: split,", "ring: circular,", "expected 'split' or 'packed'")]
    [InlineData("ring: split,", "ring: split, deviceFeatures: [eventIndex],", "did you mean 'eventIdx'")]
    [InlineData("queueSize: 16,", "queueSize: 12,", "power of two")]
    public void Bad_device_settings_are_located_errors(string find, string replacement, string phrase)
    {
        string yaml = Scenario("split", false).Replace(find, replacement);
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(yaml, "t.yaml"));
        Assert.Contains(phrase, ex.Message);
        Assert.Equal(8, ex.Line);
    }

    [Fact]
    public void An_unknown_cost_profile_or_override_is_a_located_error()
    {
        string yaml = Scenario("split", false).Replace("guests:", "costs: no-such-profile\nguests:");
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(yaml, "t.yaml"));
        Assert.Contains("no cost profile 'no-such-profile'", ex.Message);
        yaml = Scenario("split", false).Replace("guests:", "costOverrides:\n  kvm.exit.mmioIoeventf: { value: 1us, source: what-if }\nguests:");
        ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(yaml, "t.yaml"));
        Assert.Contains("did you mean 'kvm.exit.mmioIoeventfd'", ex.Message);
        Assert.Equal((6, 3), (ex.Line, ex.Column));
    }
}
