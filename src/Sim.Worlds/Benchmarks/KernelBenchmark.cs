using System.Diagnostics;
using Sim.Core.Running;
using Sim.Core.Time;

namespace Sim.Worlds.Benchmarks;

/// <summary>Measured figures of one <c>bench kernel</c> run.</summary>
/// <param name="Pending">Events kept pending.</param>
/// <param name="Events">Events delivered in the measured run.</param>
/// <param name="EventsPerSecond">Delivered events per wall-clock second.</param>
/// <param name="BytesPerEvent">Managed bytes allocated per delivered event on the running thread.</param>
/// <param name="BaselineEventsPerSecond">The bare priority-queue baseline, when asked for.</param>
public sealed record KernelBenchmarkResult(int Pending, long Events, double EventsPerSecond, double BytesPerEvent, double? BaselineEventsPerSecond);

/// <summary>
/// Runs the hold model through the kernel (after a warm-up run so the JIT has settled), and optionally the bare-queue
/// baseline in the same process, so their ratio can be read from one run.
/// </summary>
public static class KernelBenchmark
{
    /// <summary>Measures <paramref name="events"/> events with <paramref name="pending"/> pending.</summary>
    public static KernelBenchmarkResult Measure(int pending, long events, bool baseline, ulong seed = 1)
    {
        Warm(pending);
        var simulation = HoldModel.Build(pending, seed);
        var limits = new RunLimits(SimTime.MaxValue, SimTime.Zero, events);
        GC.Collect();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var outcome = simulation.Run(limits);
        watch.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        double rate = outcome.Events / watch.Elapsed.TotalSeconds;

        double? baselineRate = null;
        if (baseline)
        {
            BareQueueHold.Run(pending, Math.Min(events, 2_000_000), seed);
            var baselineWatch = Stopwatch.StartNew();
            BareQueueHold.Run(pending, events, seed);
            baselineWatch.Stop();
            baselineRate = events / baselineWatch.Elapsed.TotalSeconds;
        }
        return new KernelBenchmarkResult(pending, outcome.Events, rate, allocated / (double)outcome.Events, baselineRate);
    }

    private static void Warm(int pending)
    {
        var warm = HoldModel.Build(Math.Min(pending, 10_000), 99);
        warm.Run(new RunLimits(SimTime.MaxValue, SimTime.Zero, 2_000_000));
    }
}
