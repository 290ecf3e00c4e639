using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sim.Core.Running;
using Sim.Scenarios.Loading;
using Sim.Worlds.Running;

namespace Sim.Worlds.Benchmarks;

/// <summary>The figures of one world size in <c>bench scale</c>.</summary>
/// <param name="Vms">Guests in the world.</param>
/// <param name="BuildSeconds">Wall time to build the world from its loaded scenario.</param>
/// <param name="HeapAfterBuildBytes">Managed heap after the build, after a full collection.</param>
/// <param name="RunSeconds">Wall time of the run.</param>
/// <param name="SimulatedSeconds">Simulated time the run covered.</param>
/// <param name="Events">Events delivered.</param>
public sealed record ScalePoint(int Vms, double BuildSeconds, long HeapAfterBuildBytes, double RunSeconds, double SimulatedSeconds, long Events)
{
    /// <summary>Events delivered per wall second of the run.</summary>
    public double EventsPerSecond => Events / RunSeconds;

    /// <summary>Wall seconds per VM-simulated-second: the run's wall time over guests × simulated seconds.</summary>
    public double WallPerVmSecond => RunSeconds / (Vms * SimulatedSeconds);
}

/// <summary>What one <c>bench scale</c> measured: a small and a large world of the same shape, in one process.</summary>
/// <param name="Shape">"platform" or "bus" (see <see cref="ScaleScenarios"/>).</param>
/// <param name="RamBytes">Guest RAM per VM in the platform shape.</param>
/// <param name="Small">The small world (10 VMs, or 4 on the bus).</param>
/// <param name="Large">The large world.</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set at the end (the large world dominates it).</param>
public sealed record ScaleBenchmarkResult(string Shape, ulong RamBytes, ScalePoint Small, ScalePoint Large, long PeakWorkingSetBytes)
{
    /// <summary>Events per second of the large world over the small one's.</summary>
    public double EventRateRatio => Large.EventsPerSecond / Small.EventsPerSecond;

    /// <summary>Wall per VM-simulated-second of the large world over the small one's.</summary>
    public double WallPerVmSecondRatio => Large.WallPerVmSecond / Small.WallPerVmSecond;

    /// <summary>The figures as lines of text.</summary>
    public string Text()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"bench scale ({Shape}{(Shape == "platform" ? $", {RamBytes >> 20} MiB per guest" : "")})\n");
        foreach (var p in new[] { Small, Large })
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{p.Vms,5} VMs: built in {p.BuildSeconds:F2} s, heap {p.HeapAfterBuildBytes / 1e6:N0} MB; {p.Events:N0} events in {p.RunSeconds:F2} s = {p.EventsPerSecond:N0} events/s; {p.WallPerVmSecond:F3} s wall per VM-simulated-second\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"ratios {Large.Vms} / {Small.Vms}: events/s {EventRateRatio:F2}, wall per VM-second {WallPerVmSecondRatio:F2}\n");
        text.Append(CultureInfo.InvariantCulture, $"peak working set {PeakWorkingSetBytes / 1e6:N0} MB\n");
        return text.ToString();
    }
}

/// <summary>
/// <c>sim bench scale</c> (issue 21): builds and runs a small and a large world of one shape in the same process, after
/// a tiny warm-up world, and reports build time, heap, events per second, wall per VM-simulated-second and the
/// process's peak working set.
/// </summary>
public static class ScaleBenchmark
{
    /// <summary>Measures the platform shape (<paramref name="vms"/> guests of <paramref name="ramBytes"/>, against 10) or, with <paramref name="bus"/>, the bus shape (against 4).</summary>
    public static ScaleBenchmarkResult Measure(int vms, ulong ramBytes, bool bus, int durationMs, Action<string>? progress = null)
    {
        Func<int, string> world = bus ? n => ScaleScenarios.Bus(n, durationMs) : n => ScaleScenarios.Platform(n, ramBytes, durationMs);
        progress?.Invoke("warming up");
        Point(bus ? ScaleScenarios.Bus(2, 5) : ScaleScenarios.Platform(2, ramBytes, 5), 2);
        int small = bus ? 4 : 10;
        progress?.Invoke($"{small} VMs");
        var smallPoint = Point(world(small), small);
        progress?.Invoke($"{vms} VMs");
        var largePoint = Point(world(vms), vms);
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        return new ScaleBenchmarkResult(bus ? "bus" : "platform", ramBytes, smallPoint, largePoint, peak);
    }

    private static ScalePoint Point(string yaml, int vms)
    {
        var scenario = ScenarioLoader.LoadText(yaml, $"scale-{vms}.yaml");
        GC.Collect();
        var watch = Stopwatch.StartNew();
        var simulation = ScenarioRunner.Build(scenario);
        double build = watch.Elapsed.TotalSeconds;
        long heap = GC.GetTotalMemory(forceFullCollection: true);
        watch.Restart();
        var outcome = simulation.Run(new RunLimits(scenario.Duration, scenario.Warmup, scenario.MaxEvents));
        double run = watch.Elapsed.TotalSeconds;
        return new ScalePoint(vms, build, heap, run, outcome.SimulatedTime.TotalSeconds, outcome.Events);
    }
}
