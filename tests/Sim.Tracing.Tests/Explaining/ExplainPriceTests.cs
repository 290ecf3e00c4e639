using System.Text.RegularExpressions;
using Sim.Core.Costs;
using Sim.Core.Time;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Worlds.Running;
using Sim.Tests.Shared;
using Sim.Tracing.Explaining;
using Sim.Tracing.Recording;

namespace Sim.Tracing.Tests.Explaining;

/// <summary>
/// <c>sim explain</c> shows no cost the model did not charge: every priced step is exactly what the device's two cost
/// ledgers recorded during one event, checked against a second run of the scenario probed on its own.
/// </summary>
public sealed partial class ExplainPriceTests
{
    private const int Requests = 4;
    private static readonly SimTime Until = SimTime.FromMilliseconds(4);

    /// <summary>Every teaching scenario (its first device) and the quickstart's Xen device.</summary>
    public static TheoryData<string, string?> Devices()
    {
        var data = new TheoryData<string, string?>();
        foreach (string file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root(), "scenarios/teaching"), "*.yaml").Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(RepositoryPaths.Root(), file), null);
        data.Add("scenarios/teaching/event-idx-under-load.yaml", "no-event-idx/blk0");
        data.Add("scenarios/quickstart.yaml", "xen-grants/blk0");
        return data;
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Each_priced_step_is_what_the_ledgers_charged_during_one_event(string file, string? device)
    {
        var scenario = ScenarioLoader.LoadFile(Path.Combine(RepositoryPaths.Root(), file));
        var run = ExplainRunner.Explain(scenario, device, Requests, Until);
        Assert.True(run.FirstEvent >= 0 && run.LastEvent >= run.FirstEvent, $"events told: {run.FirstEvent}..{run.LastEvent}");
        var events = ChargesPerEvent(scenario, run.Device, run.FirstEvent, run.LastEvent);
        var priced = run.Steps.Where(s => s.Cost is not null).ToList();
        Assert.NotEmpty(priced);

        // Per entry, the steps add up to the ledgers' totals over the same events: nothing left out, nothing added.
        Assert.Equal(Totals(events.SelectMany(e => e)), Totals(priced.SelectMany(s => s.Charges!)));
        // Each priced step is one event's charges, whole, and each event that charged something prices one step.
        Assert.Equal(events.Where(e => e.Count > 0).Select(Key).Order(StringComparer.Ordinal), priced.Select(s => Key(s.Charges!)).Order(StringComparer.Ordinal));

        var charged = events.SelectMany(e => e).Select(c => (c.Side, c.Entry)).ToHashSet();
        foreach (var step in run.Steps)
        {
            if (step.Cost is null)
            {
                Assert.Null(step.Source);
                Assert.True(step.Charges is null or { Count: 0 }, $"step {step.Index} has charges but no cost");
                continue;
            }
            Assert.Equal(step.Charges!.Sum(c => c.Busy + c.Delay), step.Cost);
            var named = Named(step.Source!);
            Assert.Equal(step.Charges!.Select(c => (c.Side, c.Entry, c.Count)), named);
            foreach (var (side, entry, _) in named)
                Assert.True(charged.Contains((side, entry)), $"step {step.Index} names {side} {entry}, which the ledgers did not charge");
        }
    }

    [Fact]
    public void On_xen_the_kick_names_the_ioreq_round_trip_and_its_flight_and_the_unmap_batch_its_flushes()
    {
        var run = ExplainRunner.Explain(ScenarioLoader.LoadFile(Path.Combine(RepositoryPaths.Root(), "scenarios/teaching/one-request-xen.yaml")), null, 1, Until);
        var kick = run.Steps.Single(s => s.Kind == "kick" && s.Cost is not null && s.Text.Contains("is true: kick", StringComparison.Ordinal));
        var kickNames = Named(kick.Source!).Select(n => $"{n.Side} {n.Entry}").ToList();
        Assert.Contains("driver xen.ioreq.roundTrip", kickNames);
        Assert.Contains("driver xen.ioreq.toBackend", kickNames);
        Assert.Matches(@"driver xen\.ioreq\.toBackend 1 x: [0-9.]+[a-z]+ delay \((source|derived|fitted|estimate): ", kick.Source); // the flight: a delay of the sender

        var unmap = run.Steps.Single(s => s.Kind == "platform" && s.Text.Contains("grant unmap(s)", StringComparison.Ordinal));
        var unmapNames = Named(unmap.Source!).Select(n => $"{n.Side} {n.Entry}").ToList();
        Assert.Contains("backend xen.grant.unmap", unmapNames);
        Assert.Contains("backend xen.tlbFlush.local", unmapNames);
        Assert.Contains("backend xen.tlbFlush.ipi", unmapNames);
        Assert.Contains("backend xen.tlbFlush.remote", unmapNames);
        Assert.Matches(@"backend xen\.tlbFlush\.ipi 3 x: [0-9.]+[a-z]+ busy \((source|derived|fitted|estimate): ", unmap.Source); // 4 backend vCPUs: 3 IPIs

        Assert.DoesNotContain(run.Steps, s => s.Source?.Contains("xen.evtchn.deliver", StringComparison.Ordinal) == true); // never charged
    }

    /// <summary>The (side, entry, count) a source names, in its order: <c>driver xen.ioreq.roundTrip 84 x: …</c>, <c>backend storage.readBandwidth 4096 B: …</c>.</summary>
    private static List<(string Side, string Entry, long Count)> Named(string source) =>
        ChargeName().Matches(source).Select(m => (m.Groups[1].Value, m.Groups[2].Value, long.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();

    [GeneratedRegex(@"(?:^|: |; )(driver|backend) (\S+) (\d+) (?:x|B): ")]
    private static partial Regex ChargeName();

    private static List<(string Side, string Entry, long Count, long Busy, long Delay)> Totals(IEnumerable<StepCharge> charges) =>
        charges.GroupBy(c => (c.Side, c.Entry))
            .Select(g => (g.Key.Side, g.Key.Entry, g.Sum(c => c.Count), g.Sum(c => c.Busy), g.Sum(c => c.Delay)))
            .OrderBy(t => t.Side, StringComparer.Ordinal).ThenBy(t => t.Entry, StringComparer.Ordinal)
            .ToList();

    private static string Key(IEnumerable<StepCharge> charges) =>
        string.Join(" | ", charges.Select(c => $"{c.Side} {c.Entry} {c.Count} {c.Busy} {c.Delay}").Order(StringComparer.Ordinal));

    /// <summary>
    /// Runs <paramref name="scenario"/> as <see cref="ExplainRunner"/> does and reads <paramref name="device"/>'s two
    /// ledgers before every event from <paramref name="first"/> to <paramref name="last"/> and after the last: what each
    /// of those events charged, per side and entry.
    /// </summary>
    private static List<List<StepCharge>> ChargesPerEvent(ScenarioModel scenario, string device, long first, long last)
    {
        var model = scenario with { Duration = SimTime.Min(scenario.Duration, Until), Warmup = SimTime.Zero, MaxEvents = null };
        string path = Path.Combine(Path.GetTempPath(), $"virtiosim-price-test-{Guid.NewGuid():N}.trace");
        var snapshots = new List<Dictionary<(string, string), LedgerLine>>();
        (string Side, CostLedger Ledger)[]? ledgers = null;
        Dictionary<(string, string), LedgerLine> Snapshot() =>
            ledgers!.SelectMany(l => l.Ledger.Lines.Select(line => KeyValuePair.Create((l.Side, line.Name), line))).ToDictionary();
        using (var recorder = new TraceRecorder(path, scenario.Name, scenario.Seed))
        {
            recorder.BeforeEvent = k =>
            {
                ledgers ??= new[] { "driver", "backend" }.Select(side => (side, (CostLedger)recorder.Simulation!.Metrics.Find($"{device}/{side}/costs")!)).ToArray();
                if (k >= first && k <= last + 1) snapshots.Add(Snapshot());
            };
            ScenarioRunner.Run(model, trace: recorder);
            if (snapshots.Count == last - first + 1) snapshots.Add(Snapshot());
        }
        File.Delete(path);
        Assert.Equal(last - first + 2, snapshots.Count);
        var events = new List<List<StepCharge>>();
        for (int i = 0; i + 1 < snapshots.Count; i++)
        {
            var charges = new List<StepCharge>();
            foreach (var ((side, entry), line) in snapshots[i + 1])
            {
                var old = snapshots[i].GetValueOrDefault((side, entry));
                long count = line.Count - (old?.Count ?? 0), busy = (line.Busy - (old?.Busy ?? SimTime.Zero)).Picoseconds, delay = (line.Delay - (old?.Delay ?? SimTime.Zero)).Picoseconds;
                if (count != 0 || busy != 0 || delay != 0) charges.Add(new StepCharge(side, entry, count, busy, delay));
            }
            events.Add(charges);
        }
        return events;
    }
}
