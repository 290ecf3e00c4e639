using System.Globalization;
using Sim.Core.Costs;
using Sim.Core.Time;
using Sim.Hypervisors.Costs;
using Sim.Tracing.Explaining;

namespace Sim.Worlds.Running;

/// <summary>
/// The prices <c>sim explain</c> shows: what one device's two cost ledgers (its driver's vCPU,
/// <c>DEVICE/driver/costs</c>, and its backend's thread, <c>DEVICE/backend/costs</c>) recorded during each event of
/// the run, per side and entry, with each entry's provenance from the cost profile. Nothing else prices a step, so
/// explain can only show what the model charged: the platform's exits, round trips, grant and IOMMU work, TLB flushes
/// and copies, the actors' own work, and the delivery delays of kicks and interrupts, which are delay lines in the
/// ledger of the side that sent them.
/// </summary>
internal sealed class LedgerPrices
{
    /// <summary>Provenance texts longer than this are cut (with an ellipsis) in a step's source.</summary>
    private const int ProvenanceLength = 140;

    private readonly CostProfile? _profile;
    private readonly (string Side, CostLedger Ledger)[] _sides;
    private readonly Dictionary<string, LedgerLine>[] _before;
    private readonly Dictionary<long, EventPrice> _prices = [];

    /// <summary>
    /// Prices from <paramref name="driver"/> and <paramref name="backend"/> (either may be missing), with provenance
    /// from <paramref name="profile"/>; what the ledgers hold now is the baseline, charged before any event told.
    /// </summary>
    public LedgerPrices(CostProfile? profile, CostLedger? driver, CostLedger? backend)
    {
        _profile = profile;
        _sides = new[] { ("driver", driver), ("backend", backend) }
            .Where(s => s.Item2 is not null)
            .Select(s => (s.Item1, s.Item2!))
            .ToArray();
        _before = _sides.Select(s => s.Ledger.Lines.ToDictionary(l => l.Name, StringComparer.Ordinal)).ToArray();
    }

    /// <summary>Records what the ledgers charged since the previous call (or since construction) as event <paramref name="eventNumber"/>'s charges.</summary>
    public void After(long eventNumber)
    {
        List<StepCharge>? charges = null;
        for (int i = 0; i < _sides.Length; i++)
        {
            var (side, ledger) = _sides[i];
            var seen = _before[i];
            foreach (var line in ledger.Lines)
            {
                var old = seen.GetValueOrDefault(line.Name);
                long count = line.Count - (old?.Count ?? 0);
                long busy = line.Busy.Picoseconds - (old?.Busy.Picoseconds ?? 0);
                long delay = line.Delay.Picoseconds - (old?.Delay.Picoseconds ?? 0);
                if (count == 0 && busy == 0 && delay == 0) continue;
                (charges ??= []).Add(new StepCharge(side, line.Name, count, busy, delay));
                seen[line.Name] = line;
            }
        }
        if (charges is not null) _prices[eventNumber] = new EventPrice(charges, Describe(charges));
    }

    /// <summary>What was charged during event <paramref name="eventNumber"/>; null when nothing was.</summary>
    public EventPrice? Of(long eventNumber) => _prices.GetValueOrDefault(eventNumber);

    /// <summary>
    /// The charges in words, side and entry with the operations (<c>x</c>) or bytes (<c>B</c>) and the time charged, e.g.
    /// <c>xen-x86: driver xen.ioreq.roundTrip 1 x: 9.772667us busy (derived: …); driver xen.ioreq.toBackend 1 x: 3.922667us delay (estimate: …)</c>.
    /// </summary>
    private string Describe(IReadOnlyList<StepCharge> charges)
    {
        var c = CultureInfo.InvariantCulture;
        var parts = new List<string>();
        foreach (var charge in charges)
        {
            var entry = _profile is not null && _profile.Has(charge.Entry) ? _profile[charge.Entry] : null;
            string count = entry?.IsBandwidth == true ? string.Create(c, $"{charge.Count} B") : string.Create(c, $"{charge.Count} x");
            var times = new List<string>();
            if (charge.Busy != 0 || charge.Delay == 0) times.Add($"{new SimTime(charge.Busy)} busy");
            if (charge.Delay != 0) times.Add($"{new SimTime(charge.Delay)} delay");
            string provenance = entry is null ? "not a cost-profile entry" : $"{entry.Provenance.KindName}: {Cut(entry.Provenance.Text)}";
            parts.Add($"{charge.Side} {charge.Entry} {count}: {string.Join(" + ", times)} ({provenance})");
        }
        return _profile is null ? string.Join("; ", parts) : $"{_profile.Name}: {string.Join("; ", parts)}";
    }

    private static string Cut(string text) => text.Length <= ProvenanceLength ? text : text[..(ProvenanceLength - 1)] + "…";
}
