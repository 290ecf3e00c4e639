using Sim.Scenarios.Loading;
using Sim.Worlds.Results;
using Sim.Worlds.Running;
using Sim.Scenarios.Tests.Running;

namespace Sim.Scenarios.Tests.Host;

/// <summary>
/// The guests' threads on the host's cores (<c>host:</c>): with a core of their own they do exactly what they do without
/// a CPU model, and background load on their cores makes them wait, as the fair scheduler implies.
/// </summary>
public sealed class HostCpuWorldTests
{
    private const string OwnCores = """
        host:
          cores: 2
          threads:
            - { match: vm/blk0/driver, cores: [0] }
            - { match: vm/blk0/backend, cores: [1] }
        """;

    private static RunResults Run(string host) => ScenarioRunner.Run(ScenarioLoader.LoadText(HostSectionTests.Scenario(host), "h.yaml"));

    /// <summary>
    /// Every guest metric, all values, but the queue gauges' maxima: those are peaks at a single instant, and on the cores
    /// a turn's end reaches its resource from the cores rather than from itself, so among events at the same instant an
    /// arrival may be counted before or after the end of the turn it waits for. Their time means are compared.
    /// </summary>
    private static Dictionary<string, string> GuestMetrics(RunResults results) =>
        results.Metrics.Where(m => m.Key.StartsWith("vm/", StringComparison.Ordinal))
            .ToDictionary(m => m.Key, m => string.Join(",", m.Value.Values
                .Where(v => !(m.Key.EndsWith("/queue", StringComparison.Ordinal) && v.Key == "max"))
                .Select(v => $"{v.Key}={v.Value:R}")), StringComparer.Ordinal);

    [Fact]
    public void With_a_core_each_the_guest_measures_exactly_what_it_does_without_a_host()
    {
        var withHost = Run(OwnCores);
        var without = Run("");
        Assert.Equal(GuestMetrics(without), GuestMetrics(withHost));
        Assert.Equal(0, withHost.Value("host/cpus/vm/blk0/driver/coreWait", "max"));
        Assert.True(withHost.Value("host/cpus/vm/blk0/driver/pieces", "count") > 0);
    }

    [Fact]
    public void Load_on_the_guests_cores_makes_its_threads_wait_and_its_requests_slower()
    {
        var quiet = Run(OwnCores);
        var busy = Run(OwnCores + "\n  load: [ { name: stress, threads: 2, busy: 1, burst: 1ms } ]");
        Assert.True(busy.Value("host/cpus/vm/blk0/driver/coreWait", "count") > 0);
        Assert.True(busy.Value("host/cpus/vm/blk0/driver/coreWait", "max") > 0, "the vCPU waited for a core");
        Assert.True(busy.Value("vm/blk0/driver/latency", "mean") > quiet.Value("vm/blk0/driver/latency", "mean"));
        Assert.True(busy.Value("vm/blk0/driver/requests", "count") < quiet.Value("vm/blk0/driver/requests", "count"));
        // The cores were never idle while a thread could have run: the load kept both busy all the time it was measured.
        Assert.Equal(1.0, busy.Value("host/cpus/core0/utilization", "mean"), 12);
        Assert.Equal(1.0, busy.Value("host/cpus/core1/utilization", "mean"), 12);
    }

    [Fact]
    public void The_same_host_and_seed_give_byte_identical_results()
    {
        string host = OwnCores + "\n  load: [ { name: stress, threads: 3, busy: 0.5, burst: 500us } ]";
        Assert.Equal(ResultsJson.Write(Run(host)), ResultsJson.Write(Run(host)));
    }
}
