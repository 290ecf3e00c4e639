using System.Globalization;
using Sim.Tracing.Recording;

namespace Sim.Tracing.Explaining;

/// <summary>
/// Tells one device's first requests step by step from a trace: every write into its rings decoded (a descriptor, an
/// available or used ring entry, an index moving, an event index) with the notification decision it leads to and its
/// numbers (<c>vring_need_event</c>, virtio 1.2, 2.7.10, or the NO_NOTIFY / NO_INTERRUPT flags), every grant entry
/// written, every message between the device's actors, what the platform did meanwhile (exits, hypercalls, grant
/// operations, IPIs, IOTLB misses, copies: the platform counters' changes during each event), and what each event cost
/// as the device's cost ledgers recorded it (<see cref="Prices"/>, told on one step of the event). It stops once
/// <c>requests</c> requests have completed and the driver has taken the interrupt that reported them.
/// </summary>
public sealed partial class TransactionNarrator
{
    /// <summary>The platform counts shown with every step (a subset of the platform counters, in this order).</summary>
    public static IReadOnlyList<string> CounterNames { get; } =
        ["kicks", "interrupts", "exits", "hypercalls", "grantMaps", "grantUnmaps", "grantCopies", "flushIpis", "iommuRequests", "iommuFlushes", "iotlbMisses", "copies", "bytesCopied", "exposedPages", "stalePages"];

    private readonly TraceHeader _header;
    private readonly string _device;
    private readonly bool _eventIdx;
    private readonly IReadOnlyList<string> _counterNames;
    private readonly Func<long, long[]?> _countersAfter;
    private readonly List<ExplainStep> _steps = [];
    private readonly List<string> _actors = [];
    private readonly Dictionary<int, int> _regionOf = []; // trace region index -> explained region index
    private readonly List<RingState> _rings = [];
    private readonly Dictionary<int, (TraceRegion Region, int Index)> _windows = []; // trace region index -> a bounce window of the device's guest, and its index among the explained regions
    private readonly long[] _running;
    private readonly Dictionary<string, ushort> _decided = new(StringComparer.Ordinal); // index at each ring's last notification decision
    private readonly Dictionary<string, int> _packedMadeAvailable = new(StringComparer.Ordinal); // per packed queue, during the current event
    private readonly Dictionary<string, int> _packedMarkedUsed = new(StringComparer.Ordinal);
    private int _eventFirstStep; // the first step of the event being told
    private long _firstTold = -1, _lastTold = -1; // trace event numbers of the first and last event told

    /// <summary>
    /// A narrator for <paramref name="device"/> (e.g. <c>kvm/blk0</c>) of the trace with <paramref name="header"/>.
    /// <paramref name="countersAfter"/> gives the device's platform counters (named <paramref name="platformCounterNames"/>)
    /// as they stood after event number k, or null when unknown.
    /// </summary>
    public TransactionNarrator(TraceHeader header, string device, bool eventIdx, IReadOnlyList<string> platformCounterNames, Func<long, long[]?> countersAfter)
    {
        _header = header;
        _device = device;
        _eventIdx = eventIdx;
        _counterNames = platformCounterNames;
        _countersAfter = countersAfter;
        _running = new long[CounterNames.Count];
        string domain = device.Contains('/') ? device[..device.LastIndexOf('/')] : device;
        for (int i = 0; i < header.Regions.Count; i++)
        {
            var r = header.Regions[i];
            var kind = RegionKinds.Parse(r.Kind);
            if (kind == RegionKind.Window && r.Name.StartsWith(domain + "/window@", StringComparison.Ordinal))
            {
                _windows[i] = (r, -1); // told as copies; the page shows it as a slot map (it is megabytes)
                continue;
            }
            if (!r.Name.StartsWith(device + "/", StringComparison.Ordinal) && r.Name != domain + "/grant-table") continue;
            int size = kind is RegionKind.SplitDesc or RegionKind.PackedDesc or RegionKind.SplitAvail or RegionKind.SplitUsed
                ? (int)LayoutCatalog.Struct(kind.Value).EntriesIn((long)r.Length)
                : 0;
            _regionOf[i] = _rings.Count;
            _rings.Add(new RingState(new ExplainedRegion(r.Name, r.Kind, r.Start, r.Length, size)));
        }
        int next = _rings.Count;
        foreach (int key in _windows.Keys.Order().ToList()) _windows[key] = (_windows[key].Region, next++);
    }

    /// <summary>
    /// What the device's cost ledgers recorded during event number k (the driver's vCPU and the backend's thread, per
    /// entry), or null when nothing was charged; null for no prices. The only source of a step's cost.
    /// </summary>
    public Func<long, EventPrice?>? Prices { get; init; }

    /// <summary>How the backend reaches the guest's buffers, in words (e.g. "through its mapping of all guest RAM"); null when unknown.</summary>
    public string? Reach { get; init; }

    /// <summary>The steps of the first <paramref name="requests"/> requests in <paramref name="records"/>.</summary>
    public ExplainedRun Narrate(IReadOnlyList<TraceRecord> records, int requests, string scenario, ulong seed)
    {
        long eventNumber = -1;
        TraceEvent? current = null;
        bool currentIsOurs = false;
        int completed = 0;
        bool waitingForDriver = false, lastEvent = false;
        var reclaimedUpTo = new Dictionary<string, ushort>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (record is TraceEvent e)
            {
                eventNumber++;
                if (current is not null && currentIsOurs) EndEvent(eventNumber - 1, current);
                if (lastEvent && currentIsOurs)
                {
                    current = null;   // ended just above: the event after it is not told, and must not price it again
                    break;
                }
                current = e;
                currentIsOurs = Ours(e) || Prices?.Invoke(eventNumber) is not null; // another actor's event that charged the device is told too
                if (!currentIsOurs) continue;
                if (_firstTold < 0) _firstTold = eventNumber;
                _lastTold = eventNumber;
                string to = _header.Actors[e.To];
                if (waitingForDriver && to == _device + "/driver") lastEvent = true;
                _eventFirstStep = _steps.Count;
                NarrateEvent(e, reclaimedUpTo);
                continue;
            }
            if (record is not TraceWrite w || current is null && w.Time != 0) continue;
            if (current is not null && !currentIsOurs) continue;
            if (_windows.TryGetValue(w.Region, out var entry))
            {
                var window = entry.Region;
                int slot = LayoutCatalog.Struct(RegionKind.Window).EntrySize; // swiotlb's IO_TLB_SIZE (BounceWindow.SlotSize)
                ulong offset = w.Address - window.Start;
                string writer = current is null ? _device + "/driver" : _header.Actors[current.To];
                string where = string.Create(CultureInfo.InvariantCulture, $"at GPA 0x{w.Address:x}: slot {offset / (ulong)slot} of 2 KiB ({(w.Bytes.Length + slot - 1) / slot} slot(s))");
                Add(w.Time, writer, null, "copy", writer.EndsWith("/backend", StringComparison.Ordinal)
                    ? $"the device writes {w.Bytes.Length} byte(s) into the shared window {where}; the guest will copy them out to its own buffer"
                    : $"the guest bounces {w.Bytes.Length} byte(s) into the shared window {where}; the backend reaches only the window",
                    new RegionChange(entry.Index, w.Address, w.Bytes));
                continue;
            }
            if (!_regionOf.TryGetValue(w.Region, out int region)) continue;
            string actor = current is null ? _device + "/driver" : _header.Actors[current.To];
            completed += NarrateWrite(w, _rings[region], region, actor);
            if (completed >= requests && !waitingForDriver) waitingForDriver = true;
        }
        if (current is not null && currentIsOurs) EndEvent(eventNumber, current);
        var lanes = _actors.OrderBy(a => a.EndsWith("/driver", StringComparison.Ordinal) ? 0 : a.EndsWith("/backend", StringComparison.Ordinal) ? 2 : 1).ThenBy(a => a, StringComparer.Ordinal).ToList();
        var regions = _rings.Select(r => r.Region)
            .Concat(_windows.Values.OrderBy(w => w.Index).Select(w => new ExplainedRegion(w.Region.Name, w.Region.Kind, w.Region.Start, w.Region.Length, 0)))
            .ToList();
        return new ExplainedRun(scenario, seed, _device, lanes, regions, _steps) { FirstEvent = _firstTold, LastEvent = _lastTold };
    }

    private bool Ours(TraceEvent e) =>
        _header.Actors[e.To].StartsWith(_device + "/", StringComparison.Ordinal)
        || e.From >= 0 && _header.Actors[e.From].StartsWith(_device + "/", StringComparison.Ordinal);

    private void NarrateEvent(TraceEvent e, Dictionary<string, ushort> reclaimedUpTo)
    {
        string to = _header.Actors[e.To];
        string? from = e.From >= 0 ? _header.Actors[e.From] : null;
        string kind = _header.Kinds[e.Kind];
        switch (kind)
        {
            case "QueueKick":
                _running[0]++;
                Add(e.Time, from ?? to, to, "kick", $"the kick reaches {to}: it wakes up and walks the available ring ({e.Summary})" +
                    (Reach is null ? "" : $"; it reaches the buffers {Reach}"));
                break;
            case "UsedBufferInterrupt":
                _running[1]++;
                Add(e.Time, from ?? to, to, "interrupt", $"the used-buffer interrupt reaches {to} ({e.Summary})");
                Reclaim(e.Time, to, reclaimedUpTo);
                break;
            case "ServiceDone":
                Add(e.Time, to, null, "message", $"{to} finishes the work it had queued on its CPU (it was busy until now)");
                break;
            case "StorageDone":
                Add(e.Time, to, null, "message", $"the storage behind {to} finishes an access");
                break;
            case "TransportStop":
                Add(e.Time, from ?? to, to, "message", e.Summary.Contains("device", StringComparison.Ordinal)
                    ? $"{from} wrote 0 to the device status (a reset, virtio 1.2, 2.4): the VMM stops {to}, which drops its queues and any request it held"
                    : $"{from} stopped a queue of the device ({e.Summary}): {to} drops it");
                break;
            case "TransportStopped":
                Add(e.Time, from ?? to, to, "message", $"{from} has stopped: the reset's register write completes for {to}");
                break;
            case "DriverStatusWritten":
                Add(e.Time, from ?? to, to, "message", $"{from} wrote the device status; the VMM tells {to} at the write's time ({e.Summary})");
                break;
            case "QueueEnabledNotice":
                Add(e.Time, from ?? to, to, "message", $"{from} enabled a queue; the VMM tells {to} where its rings are ({e.Summary})");
                break;
            case "InterruptAcknowledged":
                Add(e.Time, from ?? to, to, "message", $"{from} takes the interrupt ({e.Summary}): the next one {to} raises on that line or vector is sent, not merged");
                break;
            case "DeviceNeedsReset":
                Add(e.Time, from ?? to, to, "message", $"{from} set DEVICE_NEEDS_RESET (virtio 1.2, 2.1.2): the status {to} reads shows it");
                break;
            case "Initialise":
                Add(e.Time, to, null, "message", $"{to} initialises the device (virtio 1.2, 3.1.1: reset, ACKNOWLEDGE, DRIVER, features, queue set-up through registers, DRIVER_OK), then posts its first requests");
                break;
            default:
                bool self = from is null || from == to;
                string summary = Readable(e.Summary);
                Add(e.Time, from ?? to, self ? null : to, "message", self ? $"{to} handles {kind}: {summary}" : $"{from} → {to}: {kind} ({summary})");
                break;
        }
    }

    /// <summary>A message's summary as a reader wants it: a bare .NET type name (a message without its own text) loses its namespace and nesting.</summary>
    private static string Readable(string summary) =>
        summary.StartsWith("Sim.", StringComparison.Ordinal) && !summary.Contains(' ') ? summary[(summary.LastIndexOfAny(['.', '+']) + 1)..] : summary;

    private void Reclaim(long time, string driver, Dictionary<string, ushort> reclaimedUpTo)
    {
        foreach (var used in _rings.Where(r => r.Region.Known == RegionKind.SplitUsed))
        {
            ushort from = reclaimedUpTo.GetValueOrDefault(used.Region.Name), to = used.Idx;
            if (from == to) continue;
            var taken = new List<string>();
            for (ushort i = from; i != to; i++)
            {
                int slot = i % used.Size;
                taken.Add(string.Create(CultureInfo.InvariantCulture, $"id {used.U32(4 + 8 * slot)} (len {used.U32(8 + 8 * slot)})"));
            }
            reclaimedUpTo[used.Region.Name] = to;
            Add(time, driver, null, "reclaim",
                $"the driver reclaims used[{from}..{to}) of {QueueOf(used.Region.Name)}: {string.Join(", ", taken)}; their descriptors are free again");
        }
    }

    private IReadOnlyList<KeyValuePair<string, long>> Counters() =>
        CounterNames.Select((name, i) => KeyValuePair.Create(name, _running[i])).ToList();

    private void Add(long time, string actor, string? target, string kind, string text, RegionChange? change = null)
    {
        if (!_actors.Contains(actor)) _actors.Add(actor);
        if (target is not null && !_actors.Contains(target)) _actors.Add(target);
        _steps.Add(new ExplainStep(_steps.Count, time, actor, target, kind, text, null, null, change is null ? [] : [change], Counters()));
    }

    /// <summary>The queue a ring region belongs to, named from the device down (<c>driver/q0</c>, <c>iommu/q0</c>).</summary>
    private string QueueOf(string regionName)
    {
        int slash = regionName.LastIndexOf('/');
        string queue = slash > 0 ? regionName[..slash] : regionName;
        return queue.StartsWith(_device + "/", StringComparison.Ordinal) ? queue[(_device.Length + 1)..] : queue;
    }
}
