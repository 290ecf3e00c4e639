using Sim.Studies.Benchmarks;
using System.CommandLine;
using System.Globalization;
using Sim.Cli.Output;
using Sim.Worlds.Benchmarks;
using Sim.Worlds.Results;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim bench kernel [--pending N] [--events N] [--baseline] [--json]</c>: the hold-model benchmark of the kernel
/// (events per second, allocated bytes per event), optionally beside the bare priority-queue baseline.
/// </summary>
internal static class BenchCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var pending = new Option<int>("--pending") { Description = "Events kept pending.", DefaultValueFactory = _ => 1_000 };
        var events = new Option<long>("--events") { Description = "Events to deliver in the measured run.", DefaultValueFactory = _ => 20_000_000 };
        var baseline = new Option<bool>("--baseline") { Description = "Also run the hold model on a bare PriorityQueue, in the same process." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        pending.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--pending must be at least 1"); });
        events.Validators.Add(r => { if (r.GetValueOrDefault<long>() < 1) r.AddError("--events must be at least 1"); });

        var kernel = new Command("kernel", "Hold model through the actor kernel: events per second and bytes per event.")
        {
            pending, events, baseline, json,
        };
        kernel.SetAction(parse =>
        {
            var result = KernelBenchmark.Measure(parse.GetValue(pending), parse.GetValue(events), parse.GetValue(baseline));
            output.Write(parse.GetValue(json) ? Json(result) : Text(result));
            return ExitCodes.Ok;
        });
        var roundTrips = new Option<long>("--round-trips") { Description = "Round trips per ring format.", DefaultValueFactory = _ => 5_000_000 };
        roundTrips.Validators.Add(r => { if (r.GetValueOrDefault<long>() < 1) r.AddError("--round-trips must be at least 1"); });
        var virtqueueJson = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var virtqueueTrace = new Option<FileInfo?>("--trace") { Description = "Record every ring write as a trace (FILE.split, FILE.packed) while measuring." };
        var virtqueue = new Command("virtqueue", "Request/response round trips through split and packed rings, byte for byte, on one core.")
        {
            roundTrips, virtqueueJson, virtqueueTrace,
        };
        virtqueue.SetAction(parse =>
        {
            string? trace = null;
            if (parse.GetValue(virtqueueTrace) is { } traceFile)
            {
                // Two files are written, FILE.split and FILE.packed; each is checked before either ring runs.
                if (OutputLocation.PrepareFile("--trace", traceFile + ".split", error) is null
                    || OutputLocation.PrepareFile("--trace", traceFile + ".packed", error) is null) return ExitCodes.BadInput;
                trace = traceFile.FullName;
            }
            var results = new[]
            {
                VirtqueueBenchmark.Measure(false, parse.GetValue(roundTrips), trace is null ? null : trace + ".split"),
                VirtqueueBenchmark.Measure(true, parse.GetValue(roundTrips), trace is null ? null : trace + ".packed"),
            };
            output.Write(parse.GetValue(virtqueueJson) ? VirtqueueJson(results) : VirtqueueText(results));
            return ExitCodes.Ok;
        });
        var steps = new Option<long>("--steps") { Description = "Hostile steps per ring variant and per lifecycle campaign.", DefaultValueFactory = _ => 1_000_000 };
        steps.Validators.Add(r => { if (r.GetValueOrDefault<long>() < 1) r.AddError("--steps must be at least 1"); });
        var seed = new Option<ulong>("--seed") { Description = "Seed of the hostile driver's stream.", DefaultValueFactory = _ => 1 };
        var hostileJson = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var hostile = new Command("hostile", "A malicious driver scribbling over its own rings against split and packed devices; checks the device never strays.")
        {
            steps, seed, hostileJson,
        };
        hostile.SetAction(parse => HostileCommand.Run(output, parse.GetValue(steps), parse.GetValue(seed), parse.GetValue(hostileJson)));
        var runs = new Option<int>("--runs") { Description = "Runs in the benchmark study (20 points).", DefaultValueFactory = _ => 200 };
        runs.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 20) r.AddError("--runs must be at least 20"); });
        var jobs = new Option<int>("--jobs") { Description = "Jobs of the parallel pass (default: one per core).", DefaultValueFactory = _ => Environment.ProcessorCount };
        jobs.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--jobs must be at least 1"); });
        var sweepJson = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var sweep = new Command("sweep", "The same study of short runs with one job and with N: wall times, speed-up, identical results.")
        {
            runs, jobs, sweepJson,
        };
        sweep.SetAction(parse =>
        {
            var r = SweepBenchmark.Measure(parse.GetValue(runs), parse.GetValue(jobs));
            output.Write(parse.GetValue(sweepJson) ? CanonicalJsonWriter.Write(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["benchmark"] = "sweep-speed-up",
                ["runs"] = r.Runs,
                ["jobs"] = r.Jobs,
                ["cores"] = Environment.ProcessorCount,
                ["oneJobSeconds"] = Math.Round(r.OneJobSeconds, 3),
                ["manyJobsSeconds"] = Math.Round(r.ManyJobsSeconds, 3),
                ["speedUp"] = Math.Round(r.SpeedUp, 3),
                ["machineCeiling"] = Math.Round(r.Ceiling, 3),
                ["sameResults"] = r.SameResults,
            }) : r.Text());
            return r.SameResults ? ExitCodes.Ok : ExitCodes.InternalError;
        });
        return new Command("bench", "Benchmarks of the simulator itself.") { kernel, virtqueue, hostile, sweep, BenchClusterCommand.Build(output, error), BenchScaleCommand.Build(output, error) };
    }

    private static string VirtqueueJson(IEnumerable<VirtqueueBenchmarkResult> results)
    {
        var tree = new Dictionary<string, object?>(StringComparer.Ordinal) { ["benchmark"] = "virtqueue-round-trip" };
        foreach (var r in results)
        {
            tree[r.Format] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["roundTrips"] = r.RoundTrips,
                ["roundTripsPerSecond"] = Math.Round(r.RoundTripsPerSecond),
                ["bytesPerRoundTrip"] = Math.Round(r.BytesPerRoundTrip, 3),
                ["kicks"] = r.Kicks,
                ["interrupts"] = r.Interrupts,
                ["tracedWrites"] = r.TracedWrites,
                ["traceBytes"] = r.TraceBytes,
            };
        }
        return CanonicalJsonWriter.Write(tree);
    }

    private static string VirtqueueText(IEnumerable<VirtqueueBenchmarkResult> results) => string.Concat(results.Select(r =>
        string.Format(CultureInfo.InvariantCulture, "{0,-6} {1:N0} round trips: {2:N0} round trips/s, {3:F2} bytes/round trip, {4:N0} kicks, {5:N0} interrupts{6}\n",
            r.Format, r.RoundTrips, r.RoundTripsPerSecond, r.BytesPerRoundTrip, r.Kicks, r.Interrupts,
            r.TracedWrites == 0 ? "" : string.Format(CultureInfo.InvariantCulture, "; traced {0:N0} ring writes, {1:N0} bytes ({2:F1} per write)",
                r.TracedWrites, r.TraceBytes, r.TraceBytes / (double)r.TracedWrites))));

    private static string Json(KernelBenchmarkResult r)
    {
        var tree = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["benchmark"] = "kernel-hold",
            ["pending"] = r.Pending,
            ["events"] = r.Events,
            ["eventsPerSecond"] = Math.Round(r.EventsPerSecond),
            ["bytesPerEvent"] = Math.Round(r.BytesPerEvent, 3),
        };
        if (r.BaselineEventsPerSecond is { } b)
        {
            tree["baselineEventsPerSecond"] = Math.Round(b);
            tree["ratioToBaseline"] = Math.Round(r.EventsPerSecond / b, 3);
        }
        return CanonicalJsonWriter.Write(tree);
    }

    private static string Text(KernelBenchmarkResult r)
    {
        var c = CultureInfo.InvariantCulture;
        string text = string.Format(c, "hold model, {0:N0} pending, {1:N0} events: {2:N0} events/s, {3:F2} bytes/event\n",
            r.Pending, r.Events, r.EventsPerSecond, r.BytesPerEvent);
        if (r.BaselineEventsPerSecond is { } b)
            text += string.Format(c, "bare PriorityQueue baseline: {0:N0} events/s; kernel/baseline = {1:F2}\n", b, r.EventsPerSecond / b);
        return text;
    }
}
