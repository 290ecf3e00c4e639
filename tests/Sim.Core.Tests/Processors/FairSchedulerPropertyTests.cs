using Sim.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Processors;
using Sim.Core.Time;

namespace Sim.Core.Tests.Processors;

/// <summary>
/// Invariants of the <see cref="FairScheduler"/> over random hosts (1-4 cores, some isolated), threads (nice levels,
/// affinities) and wake-ups: no thread runs on two cores at once and no core runs two threads; every burst runs for
/// exactly its work, only on cores its thread may use; work conservation (a runnable thread waits only while every core
/// it may use is busy); and fairness within the slice on a shared core.
/// </summary>
public sealed class FairSchedulerPropertyTests
{
    private sealed record Host(int Cores, int[] Isolated, CpuThreadSpec[] Threads, (long At, int Thread, long Work)[] Wakes, long TickUs = 0, long SwitchNs = 0)
    {
        public override string ToString() =>
            $"{Cores} cores, tick {TickUs} us, switch {SwitchNs} ns, isolated [{string.Join(",", Isolated)}], threads [{string.Join("; ", Threads.Select(t => $"{t.Name} nice {t.Nice} on {(t.Affinity is null ? "any" : string.Join(",", t.Affinity))}"))}], wakes [{string.Join(" ", Wakes.Select(w => $"{w.Thread}@{w.At}+{w.Work}"))}]";
    }

    private static readonly Gen<Host> Hosts =
        from cores in Gen.Choose(1, 4)
        from isolateOne in Gen.Elements(false, false, true)
        let isolated = isolateOne && cores > 1 ? new[] { cores - 1 } : []
        from count in Gen.Choose(1, 7)
        from threads in Gen.ArrayOf(
            from nice in Gen.Elements(-5, 0, 0, 5)
            from pinned in Gen.Elements(false, false, true)
            from mask in Gen.Choose(1, (1 << cores) - 1)
            select (nice, pinned ? Enumerable.Range(0, cores).Where(c => (mask & (1 << c)) != 0).ToArray() : null), count)
        from tick in Gen.Elements(0, 0, 1_000, 4_000)
        from contextSwitch in Gen.Elements(0, 0, 1_500)
        from wakeCount in Gen.Choose(1, 25)
        from wakes in Gen.ArrayOf(
            from at in Gen.Choose(0, 30_000)               // microseconds
            from thread in Gen.Choose(0, count - 1)
            from work in Gen.Elements(5, 50, 500, 3_000, 12_000)
            select ((long)at * SimTime.PicosPerMicrosecond, thread, (long)work * SimTime.PicosPerMicrosecond), wakeCount)
        select new Host(cores, isolated,
            threads.Select((t, i) => new CpuThreadSpec($"t{i}", t.nice, t.Item2)).ToArray(),
            wakes.OrderBy(w => w.Item1).ThenBy(w => w.thread).ToArray(), tick, contextSwitch);

    [Fact]
    public void No_thread_on_two_cores_and_no_core_running_two_threads()
    {
        Check.One(PropertyRuns.Config(300), Prop.ForAll(Hosts.ToArbitrary(), host =>
        {
            var run = Run(host);
            bool threadsApart = run.Segments.GroupBy(s => s.Thread).All(g => Disjoint(g));
            bool coresApart = run.Segments.GroupBy(s => s.Core).All(g => Disjoint(g));
            return (threadsApart && coresApart).Label(host.ToString());
        }));
    }

    [Fact]
    public void Every_burst_runs_for_exactly_its_work_and_its_context_switches_on_cores_its_thread_may_use()
    {
        Check.One(PropertyRuns.Config(300), Prop.ForAll(Hosts.ToArbitrary(), host =>
        {
            var run = Run(host);
            bool allowed = run.Segments.All(s => Allowed(host, host.Threads[s.Thread], s.Core));
            bool exact = Enumerable.Range(0, host.Threads.Length).All(t =>
                run.Segments.Where(s => s.Thread == t).Sum(s => s.End - s.Start)
                    == host.Wakes.Where(w => w.Thread == t).Sum(w => w.Work) + run.Switches[t] * host.SwitchNs * SimTime.PicosPerNanosecond);
            bool finished = run.Done.Count == host.Wakes.Length
                && run.Done.All(d => run.Segments.Any(s => s.Thread == d.Thread && s.Start < d.At.Picoseconds && d.At.Picoseconds <= s.End));
            return (allowed && exact && finished).Label($"allowed {allowed}, exact {exact}, finished {finished}: {host}");
        }));
    }

    [Fact]
    public void A_runnable_thread_waits_only_while_every_core_it_may_use_is_busy()
    {
        Check.One(PropertyRuns.Config(300), Prop.ForAll(Hosts.ToArbitrary(), host =>
        {
            var run = Run(host);
            var times = run.Segments.SelectMany(s => new[] { s.Start, s.End })
                .Concat(run.Done.SelectMany(d => new[] { d.WokenAt.Picoseconds, d.At.Picoseconds })).Distinct().Order().ToArray();
            foreach (var burst in run.Done)
                for (int i = 0; i + 1 < times.Length; i++)
                {
                    long at = times[i];
                    if (at < burst.WokenAt.Picoseconds || at >= burst.At.Picoseconds) continue;
                    if (run.Segments.Any(s => s.Thread == burst.Thread && s.Start <= at && at < s.End)) continue;
                    for (int core = 0; core < host.Cores; core++)
                        if (Allowed(host, host.Threads[burst.Thread], core) && !run.Segments.Any(s => s.Core == core && s.Start <= at && at < s.End))
                            return false.Label($"t{burst.Thread} waits at {at} ps while core {core} is idle: {host}");
                }
            return true.ToProperty();
        }));
    }

    [Fact]
    public void Threads_sharing_a_core_stay_within_one_slice_of_virtual_runtime_of_each_other()
    {
        var gen = from count in Gen.Choose(2, 10)
                  from nices in Gen.ArrayOf(Gen.Elements(-10, -5, 0, 0, 3, 7), count)
                  from samples in Gen.ArrayOf(Gen.Choose(1, 400_000), 12)
                  select (Nices: nices, Samples: samples.Order().ToArray());
        var settings = FairSchedulerSettings.Linux(1);
        Check.One(PropertyRuns.Config(150), Prop.ForAll(gen.ToArbitrary(), world =>
        {
            var scheduler = new FairScheduler(1, settings);
            var threads = world.Nices.Select((n, i) => scheduler.AddThread(new CpuThreadSpec($"t{i}", n))).ToArray();
            foreach (int t in threads) scheduler.Wake(t, SimTime.Zero, SimTime.FromSeconds(10));
            long totalWeight = world.Nices.Sum(n => (long)NiceWeights.Of(n));
            // Each slice advances its thread's virtual runtime by period·NICE_0/total weight, whatever its weight.
            double bound = (double)settings.Period(threads.Length).Picoseconds * NiceWeights.NiceZero / totalWeight + threads.Length;
            foreach (int us in world.Samples)
            {
                scheduler.RunUntil(SimTime.FromMicroseconds(us));
                var vruntimes = threads.Select((t, i) => (double)scheduler.Statistics(t).Ran.Picoseconds * NiceWeights.NiceZero / NiceWeights.Of(world.Nices[i])).ToArray();
                double spread = vruntimes.Max() - vruntimes.Min();
                if (spread > bound) return false.Label($"at {us} us the virtual runtimes spread {spread:F0} ps > {bound:F0} ps: nices [{string.Join(",", world.Nices)}]");
            }
            return true.ToProperty();
        }));
    }

    private static bool Allowed(Host host, CpuThreadSpec thread, int core) =>
        thread.Affinity is { } affinity ? affinity.Contains(core) : !host.Isolated.Contains(core);

    private static bool Disjoint(IEnumerable<RunSegment> segments)
    {
        long end = long.MinValue;
        foreach (var s in segments.OrderBy(s => s.Start))
        {
            if (s.Start < end || s.End <= s.Start) return false;
            end = s.End;
        }
        return true;
    }

    private static (List<RunSegment> Segments, List<BurstDone> Done, long[] Switches) Run(Host host)
    {
        var segments = new List<RunSegment>();
        var done = new List<BurstDone>();
        var settings = FairSchedulerSettings.Linux(host.Cores) with { Tick = SimTime.FromMicroseconds(host.TickUs), ContextSwitch = SimTime.FromNanoseconds(host.SwitchNs) };
        var scheduler = new FairScheduler(host.Cores, settings, host.Isolated, segments.Add);
        foreach (var spec in host.Threads) scheduler.AddThread(spec);
        foreach (var (at, thread, work) in host.Wakes)
        {
            scheduler.Wake(thread, new SimTime(at), new SimTime(work));
            done.AddRange(scheduler.TakeDone());
        }
        FairSchedulerTests.Drain(scheduler);
        done.AddRange(scheduler.TakeDone());
        return (segments, done, Enumerable.Range(0, host.Threads.Length).Select(t => scheduler.Statistics(t).Switches).ToArray());
    }
}
