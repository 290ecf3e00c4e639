using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Scenarios.Loading;
using Sim.Worlds.Running;

namespace Sim.Worlds.Benchmarks;

/// <summary>The figures of one world size in <c>bench scale</c>.</summary>
/// <param name="Vms">Guests in the world.</param>
/// <param name="BuildSeconds">Wall time to build the world from its loaded scenario.</param>
/// <param name="HeapAfterBuildBytes">Managed heap after the build, after a full collection.</param>
/// <param name="RunSeconds">Wall time of the measured part of the run (after its first fifth of simulated time).</param>
/// <param name="SimulatedSeconds">Simulated time the measured part covered.</param>
/// <param name="Events">Events delivered in the measured part.</param>
/// <param name="AllocatedBytes">Managed bytes the measured part allocated on its thread.</param>
/// <param name="Collections">Garbage collections during the measured part (all generations).</param>
public sealed record ScalePoint(int Vms, double BuildSeconds, long HeapAfterBuildBytes, double RunSeconds, double SimulatedSeconds, long Events,
    long AllocatedBytes, int Collections)
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
                $"{p.Vms,5} VMs: built in {p.BuildSeconds:F2} s, heap {p.HeapAfterBuildBytes / 1e6:N0} MB; {p.Events:N0} events in {p.RunSeconds:F2} s = {p.EventsPerSecond:N0} events/s; {p.WallPerVmSecond:F3} s wall per VM-simulated-second; {p.AllocatedBytes / (double)p.Events:F1} bytes allocated per event, {p.Collections} collections\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"ratios {Large.Vms} / {Small.Vms}: events/s {EventRateRatio:F2}, wall per VM-second {WallPerVmSecondRatio:F2}\n");
        text.Append(CultureInfo.InvariantCulture, $"peak working set {PeakWorkingSetBytes / 1e6:N0} MB\n");
        return text.ToString();
    }
}

/// <summary>
/// <c>sim bench scale</c> (issue 21): builds and runs a small and a large world of one shape in the same process, after
/// a warm-up run of the small world (so the JIT has settled), the small world for as many VM-simulated-seconds as the large
/// one, and reports build time, heap, events per second, wall per VM-simulated-second and the
/// process's peak working set.
/// </summary>
public static class ScaleBenchmark
{
    /// <summary>Measures the platform shape (<paramref name="vms"/> guests of <paramref name="ramBytes"/>, against 10) or, with <paramref name="bus"/>, the bus shape (against 4).</summary>
    public static ScaleBenchmarkResult Measure(int vms, ulong ramBytes, bool bus, int durationMs, Action<string>? progress = null)
    {
        Func<int, int, string> world = bus ? (n, ms) => ScaleScenarios.Bus(n, ms) : (n, ms) => ScaleScenarios.Platform(n, ramBytes, ms);
        int small = bus ? 4 : 10;
        progress?.Invoke("warming up");
        Point(world(small, 2_000), small); // about a million events: hot methods reach their final tier first
        progress?.Invoke($"{small} VMs");
        // The small world runs as many VM-simulated-seconds as the large one, so both runs last about as long.
        var smallPoint = Point(world(small, (int)Math.Min(int.MaxValue, (long)durationMs * Math.Max(vms, small) / small)), small);
        progress?.Invoke($"{vms} VMs");
        var largePoint = Point(world(vms, durationMs), vms);
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        return new ScaleBenchmarkResult(bus ? "bus" : "platform", ramBytes, smallPoint, largePoint, peak);
    }

    private static ScalePoint Point(string yaml, int vms)
    {
        var scenario = ScenarioLoader.LoadText(yaml, $"scale-{vms}.yaml");
        GC.Collect();
        var watch = Stopwatch.StartNew();
        var simulation = ScenarioRunner.Build(scenario, partition: true);
        double build = watch.Elapsed.TotalSeconds;
        long heap = GC.GetTotalMemory(forceFullCollection: true);
        // The first fifth of simulated time is not measured: it holds every first touch (guest pages materialised,
        // histogram octaves created, rarely taken paths compiled), which a short run of a large world would overweight.
        var settled = new SimTime(scenario.Duration.Picoseconds / 5);
        (double Wall, long Events, SimTime At, long Allocated, int Collections) start = (0, 0, SimTime.Zero, GC.GetAllocatedBytesForCurrentThread(), GC.CollectionCount(0));
        (double Wall, long Events, SimTime At, long Allocated, int Collections)? mark = null;
        watch.Restart();
        var outcome = simulation.Run(new RunLimits(scenario.Duration, scenario.Warmup, scenario.MaxEvents), progress: p =>
        {
            if (mark is null && p.Now >= settled)
                mark = (watch.Elapsed.TotalSeconds, p.Events, p.Now, GC.GetAllocatedBytesForCurrentThread(), GC.CollectionCount(0));
        });
        double end = watch.Elapsed.TotalSeconds;
        var from = mark ?? start; // no report after the first fifth (a very short run): the whole run is measured
        return new ScalePoint(vms, build, heap, end - from.Wall, (outcome.SimulatedTime - from.At).TotalSeconds, outcome.Events - from.Events,
            GC.GetAllocatedBytesForCurrentThread() - from.Allocated, GC.CollectionCount(0) - from.Collections);
    }
}
