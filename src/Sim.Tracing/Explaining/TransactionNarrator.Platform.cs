using System.Globalization;
using Sim.Tracing.Recording;

namespace Sim.Tracing.Explaining;

/// <summary>
/// The part of <see cref="TransactionNarrator"/> that tells what the platform did during each event (the changes of
/// its counters) and what that cost from the cost profile.
/// </summary>
public sealed partial class TransactionNarrator
{
    /// <summary>
    /// After an event of the device: what the platform did while it was handled (the platform counters' changes, e.g.
    /// an exit, hypercalls, grant maps and the flush IPIs of an unmap, IOTLB misses, copies), as a step of its own.
    /// </summary>
    private void AddCounters(long eventNumber, TraceEvent e)
    {
        if (countersAfter(eventNumber) is not { } now) return;
        var changes = new List<string>();
        var operations = new List<(string, long)>();
        for (int i = 2; i < CounterNames.Count; i++)
        {
            int at = IndexOfName(CounterNames[i]);
            if (at < 0) continue;
            long delta = now[at] - running[i];
            if (delta != 0 && CounterNames[i] is "exposedPages" or "stalePages")
                changes.Add(string.Create(CultureInfo.InvariantCulture, $"{Spell(CounterNames[i])} now {now[at]} ({delta:+#;-#})"));
            else if (delta != 0) changes.Add(string.Create(CultureInfo.InvariantCulture, $"{delta:+#;-#} {Spell(CounterNames[i])}"));
            if (delta > 0) operations.Add((CounterNames[i], delta));
            running[i] = now[at];
        }
        if (changes.Count == 0) return;
        Add(e.Time, header.Actors[e.To], null, "platform", $"meanwhile the platform: {string.Join(", ", changes)}");
        PriceLast(operations);
    }

    private void PriceLast(IReadOnlyList<(string, long)> operations)
    {
        if (Price is null || steps.Count == 0) return;
        var (cost, source) = Price(operations);
        steps[^1] = steps[^1] with { Cost = cost, Source = source };
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
        for (int i = 0; i < counterNames.Count; i++)
            if (counterNames[i] == name) return i;
        return -1;
    }
}
