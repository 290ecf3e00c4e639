using System.Globalization;
using Sim.Tracing.Recording;

namespace Sim.Tracing.Explaining;

/// <summary>
/// The part of <see cref="TransactionNarrator"/> that tells what the platform did during each event (the changes of
/// its counters) and what the event cost (what the device's cost ledgers recorded during it).
/// </summary>
public sealed partial class TransactionNarrator
{
    /// <summary>The end of an event of the device: the notification decisions it took, what the platform counted, what it cost.</summary>
    private void EndEvent(long eventNumber, TraceEvent e)
    {
        Decide(e);
        AddCounters(eventNumber, e);
        PriceEvent(eventNumber);
    }

    /// <summary>
    /// After an event of the device: what the platform did while it was handled (the platform counters' changes, e.g.
    /// an exit, hypercalls, grant maps and the flush IPIs of an unmap, IOTLB misses, copies), as a step of its own.
    /// </summary>
    private void AddCounters(long eventNumber, TraceEvent e)
    {
        if (_countersAfter(eventNumber) is not { } now) return;
        var changes = new List<string>();
        for (int i = 2; i < CounterNames.Count; i++)
        {
            int at = IndexOfName(CounterNames[i]);
            if (at < 0) continue;
            long delta = now[at] - _running[i];
            if (delta != 0 && CounterNames[i] is "exposedPages" or "stalePages")
                changes.Add(string.Create(CultureInfo.InvariantCulture, $"{Spell(CounterNames[i])} now {now[at]} ({delta:+#;-#})"));
            else if (delta != 0) changes.Add(string.Create(CultureInfo.InvariantCulture, $"{delta:+#;-#} {Spell(CounterNames[i])}"));
            _running[i] = now[at];
        }
        if (changes.Count == 0) return;
        Add(e.Time, _header.Actors[e.To], null, "platform", $"meanwhile the platform: {string.Join(", ", changes)}");
    }

    /// <summary>
    /// What the event cost, exactly as the device's ledgers recorded it during the event (<see cref="Prices"/>), told
    /// once, on one of its steps: the driver's kick decision when the event published chains (the end of a submission:
    /// the kick's exit or IOREQ round trip and its flight to the backend, a delay in the driver's ledger, are charged
    /// there); else the platform step, next to what the platform counted; else the step that opened the event (the
    /// kick or interrupt that arrived, or the message that started it). An event that charged nothing has no price.
    /// </summary>
    private void PriceEvent(long eventNumber)
    {
        if (Prices?.Invoke(eventNumber) is not { } price) return;
        int at = LastOfEvent(s => s.Kind == "kick" && s.Target is null);
        if (at < 0) at = LastOfEvent(s => s.Kind == "platform");
        if (at < 0) at = _eventFirstStep;
        _steps[at] = _steps[at] with { Cost = price.Cost, Source = price.Source, Charges = price.Charges };
    }

    private int LastOfEvent(Func<ExplainStep, bool> what)
    {
        for (int i = _steps.Count - 1; i >= _eventFirstStep; i--)
            if (what(_steps[i])) return i;
        return -1;
    }

    private static string Spell(string counter) => counter switch
    {
        "exits" => "vCPU exit(s)",
        "hypercalls" => "hypercall(s)",
        "grantMaps" => "grant map(s)",
        "grantUnmaps" => "grant unmap(s)",
        "grantCopies" => "grant copy operation(s)",
        "flushIpis" => "TLB-flush IPI(s)",
        "iotlbMisses" => "IOTLB miss(es)",
        "iommuRequests" => "virtio-iommu request(s) (MAP/UNMAP)",
        "iommuFlushes" => "IOTLB flush(es)",
        "copies" => "bounce/pool copy(ies)",
        "bytesCopied" => "byte(s) copied",
        "exposedPages" => "guest pages the backend can reach",
        "stalePages" => "stale pages (unmapped by the guest, still reachable)",
        _ => counter,
    };

    private int IndexOfName(string name)
    {
        for (int i = 0; i < _counterNames.Count; i++)
            if (_counterNames[i] == name) return i;
        return -1;
    }
}
