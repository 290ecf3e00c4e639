using System.Globalization;
using Sim.Tracing.Recording;

namespace Sim.Tracing.Explaining;

/// <summary>
/// Tells one device's first requests step by step from a trace: every write into its rings decoded (a descriptor, an
/// available or used ring entry, an index moving, an event index) with the notification decision it leads to and its
/// numbers (<c>vring_need_event</c>, virtio 1.2, 2.7.10, or the NO_NOTIFY / NO_INTERRUPT flags), every grant entry
/// written, every message between the device's actors, and what the platform did meanwhile (exits, hypercalls, grant
/// operations, IPIs, IOTLB misses, copies: the platform counters' changes during each event). It stops once
/// <c>requests</c> requests have completed and the driver has taken the interrupt that reported them.
/// </summary>
public sealed class TransactionNarrator
{
    /// <summary>The platform counts shown with every step (a subset of the platform counters, in this order).</summary>
    public static IReadOnlyList<string> CounterNames { get; } =
        ["kicks", "interrupts", "exits", "hypercalls", "grantMaps", "grantUnmaps", "grantCopies", "flushIpis", "iommuRequests", "iommuFlushes", "iotlbMisses", "copies", "bytesCopied", "exposedPages", "stalePages"];

    private readonly TraceHeader header;
    private readonly string device;
    private readonly bool eventIdx;
    private readonly IReadOnlyList<string> counterNames;
    private readonly Func<long, long[]?> countersAfter;
    private readonly List<ExplainStep> steps = [];
    private readonly List<string> actors = [];
    private readonly Dictionary<int, int> regionOf = []; // trace region index -> explained region index
    private readonly List<RingState> rings = [];
    private readonly Dictionary<int, (TraceRegion Region, int Index)> windows = []; // trace region index -> a bounce window of the device's guest, and its index among the explained regions
    private readonly long[] running;
    private readonly Dictionary<string, ushort> decided = new(StringComparer.Ordinal); // index at each ring's last notification decision
    private readonly Dictionary<string, int> packedMadeAvailable = new(StringComparer.Ordinal); // per packed queue, during the current event
    private readonly Dictionary<string, int> packedMarkedUsed = new(StringComparer.Ordinal);

    /// <summary>
    /// A narrator for <paramref name="device"/> (e.g. <c>kvm/blk0</c>) of the trace with <paramref name="header"/>.
    /// <paramref name="countersAfter"/> gives the device's platform counters (named <paramref name="platformCounterNames"/>)
    /// as they stood after event number k, or null when unknown.
    /// </summary>
    public TransactionNarrator(TraceHeader header, string device, bool eventIdx, IReadOnlyList<string> platformCounterNames, Func<long, long[]?> countersAfter)
    {
        this.header = header;
        this.device = device;
        this.eventIdx = eventIdx;
        counterNames = platformCounterNames;
        this.countersAfter = countersAfter;
        running = new long[CounterNames.Count];
        string domain = device.Contains('/') ? device[..device.LastIndexOf('/')] : device;
        for (int i = 0; i < header.Regions.Count; i++)
        {
            var r = header.Regions[i];
            if (r.Kind == "window" && r.Name.StartsWith(domain + "/window@", StringComparison.Ordinal))
            {
                windows[i] = (r, -1); // told as copies; the page shows it as a slot map (it is megabytes)
                continue;
            }
            if (!r.Name.StartsWith(device + "/", StringComparison.Ordinal) && r.Name != domain + "/grant-table") continue;
            int size = r.Kind switch
            {
                "split-desc" or "packed-desc" => (int)(r.Length / 16),
                "split-avail" => (int)((r.Length - 6) / 2),
                "split-used" => (int)((r.Length - 6) / 8),
                _ => 0,
            };
            regionOf[i] = rings.Count;
            rings.Add(new RingState(new ExplainedRegion(r.Name, r.Kind, r.Start, r.Length, size)));
        }
        int next = rings.Count;
        foreach (int key in windows.Keys.Order().ToList()) windows[key] = (windows[key].Region, next++);
    }

    /// <summary>
    /// Prices a step's platform operations (counter name, how many) from a cost profile: the cost in ps and the entries
    /// and sources behind it; null for no pricing. Also asked for a kick (<c>kick</c>, 1) and an interrupt (<c>interrupt</c>, 1).
    /// </summary>
    public Func<IReadOnlyList<(string Counter, long Count)>, (long? Cost, string? Source)>? Price { get; init; }

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
                if (current is not null && currentIsOurs)
                {
                    Decide(current);
                    AddCounters(eventNumber - 1, current);
                }
                if (lastEvent && currentIsOurs) break;
                current = e;
                currentIsOurs = Ours(e);
                if (!currentIsOurs) continue;
                string to = header.Actors[e.To];
                if (waitingForDriver && to == device + "/driver") lastEvent = true;
                NarrateEvent(e, reclaimedUpTo);
                continue;
            }
            if (record is not TraceWrite w || current is null && w.Time != 0) continue;
            if (current is not null && !currentIsOurs) continue;
            if (windows.TryGetValue(w.Region, out var entry))
            {
                var window = entry.Region;
                const int slot = 2048; // swiotlb's IO_TLB_SIZE, the window's slot (BounceWindow.SlotSize)
                ulong offset = w.Address - window.Start;
                string writer = current is null ? device + "/driver" : header.Actors[current.To];
                string where = string.Create(CultureInfo.InvariantCulture, $"at GPA 0x{w.Address:x}: slot {offset / slot} of 2 KiB ({(w.Bytes.Length + slot - 1) / slot} slot(s))");
                Add(w.Time, writer, null, "copy", writer.EndsWith("/backend", StringComparison.Ordinal)
                    ? $"the device writes {w.Bytes.Length} byte(s) into the shared window {where}; the guest will copy them out to its own buffer"
                    : $"the guest bounces {w.Bytes.Length} byte(s) into the shared window {where}; the backend reaches only the window",
                    new RegionChange(entry.Index, w.Address, w.Bytes));
                continue;
            }
            if (!regionOf.TryGetValue(w.Region, out int region)) continue;
            string actor = current is null ? device + "/driver" : header.Actors[current.To];
            completed += NarrateWrite(w, rings[region], region, actor);
            if (completed >= requests && !waitingForDriver) waitingForDriver = true;
        }
        if (current is not null && currentIsOurs)
        {
            Decide(current);
            AddCounters(eventNumber, current);
        }
        var lanes = actors.OrderBy(a => a.EndsWith("/driver", StringComparison.Ordinal) ? 0 : a.EndsWith("/backend", StringComparison.Ordinal) ? 2 : 1).ThenBy(a => a, StringComparer.Ordinal).ToList();
        var regions = rings.Select(r => r.Region)
            .Concat(windows.Values.OrderBy(w => w.Index).Select(w => new ExplainedRegion(w.Region.Name, w.Region.Kind, w.Region.Start, w.Region.Length, 0)))
            .ToList();
        return new ExplainedRun(scenario, seed, device, lanes, regions, steps);
    }

    private bool Ours(TraceEvent e) =>
        header.Actors[e.To].StartsWith(device + "/", StringComparison.Ordinal)
        || e.From >= 0 && header.Actors[e.From].StartsWith(device + "/", StringComparison.Ordinal);

    private void NarrateEvent(TraceEvent e, Dictionary<string, ushort> reclaimedUpTo)
    {
        string to = header.Actors[e.To];
        string? from = e.From >= 0 ? header.Actors[e.From] : null;
        string kind = header.Kinds[e.Kind];
        switch (kind)
        {
            case "QueueKick":
                running[0]++;
                Add(e.Time, from ?? to, to, "kick", $"the kick reaches {to}: it wakes up and walks the available ring ({e.Summary})" +
                    (Reach is null ? "" : $"; it reaches the buffers {Reach}"));
                PriceLast([("kick", 1)]);
                break;
            case "UsedBufferInterrupt":
                running[1]++;
                Add(e.Time, from ?? to, to, "interrupt", $"the used-buffer interrupt reaches {to} ({e.Summary})");
                PriceLast([("interrupt", 1)]);
                Reclaim(e.Time, to, reclaimedUpTo);
                break;
            case "ServiceDone":
                Add(e.Time, to, null, "message", $"{to} finishes the work it had queued on its CPU (it was busy until now)");
                break;
            case "StorageDone":
                Add(e.Time, to, null, "message", $"the storage behind {to} finishes an access ({e.Summary})");
                break;
            case "Initialise":
                Add(e.Time, to, null, "message", $"{to} initialises the device (virtio 1.2, 3.1.1: reset, ACKNOWLEDGE, DRIVER, features, queue set-up through registers, DRIVER_OK), then posts its first requests");
                break;
            default:
                bool self = from is null || from == to;
                Add(e.Time, from ?? to, self ? null : to, "message", self ? $"{to} handles {kind}: {e.Summary}" : $"{from} → {to}: {kind} ({e.Summary})");
                break;
        }
    }

    private void Reclaim(long time, string driver, Dictionary<string, ushort> reclaimedUpTo)
    {
        foreach (var used in rings.Where(r => r.Region.Kind == "split-used"))
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

    /// <summary>Narrates one write; returns how many requests it completed (used idx moves).</summary>
    private int NarrateWrite(TraceWrite w, RingState ring, int region, string actor)
    {
        ushort before = ring.Region.Kind is "split-avail" or "split-used" ? ring.Idx : (ushort)0;
        int offset = ring.Apply(w.Address, w.Bytes);
        var change = new RegionChange(region, w.Address, w.Bytes);
        string queue = QueueOf(ring.Region.Name);
        var c = CultureInfo.InvariantCulture;
        switch (ring.Region.Kind)
        {
            case "split-desc":
            {
                int i = offset / 16, at = i * 16;
                ushort flags = ring.U16(at + 12);
                string next = (flags & 1) != 0 ? string.Create(c, $", next {ring.U16(at + 14)}") : "";
                Add(w.Time, actor, null, "descriptor", string.Create(c,
                    $"descriptor {i} of {queue} written at GPA 0x{ring.Region.Start + (ulong)at:x}: addr {RingWords.Address(ring.U64(at))}, len {ring.U32(at + 8)}, flags {RingWords.DescriptorFlags(flags)}{next}"), change);
                return 0;
            }
            case "split-avail" when offset == 2:
            {
                ushort now = ring.Idx;
                Add(w.Time, actor, null, "avail", string.Create(c, $"avail idx of {queue}: {before} → {now} ({(ushort)(now - before)} new chain(s) published to the device)"), change);
                return 0;
            }
            case "split-avail" when offset >= 4 && offset < 4 + 2 * ring.Size:
                Add(w.Time, actor, null, "avail", string.Create(c, $"avail ring[{(offset - 4) / 2}] of {queue} = head {ring.U16(offset - offset % 2)}"), change);
                return 0;
            case "split-avail" when offset == 4 + 2 * ring.Size:
                Add(w.Time, actor, null, "avail", string.Create(c, $"used_event of {queue} = {ring.TrailingEvent}: the driver wants an interrupt once used idx passes it"), change);
                return 0;
            case "split-avail":
                Add(w.Time, actor, null, "avail", string.Create(c, $"avail flags of {queue} = {ring.U16(0)}{((ring.U16(0) & 1) != 0 ? " (NO_INTERRUPT)" : "")}"), change);
                return 0;
            case "split-used" when offset == 2:
            {
                ushort now = ring.Idx;
                Add(w.Time, actor, null, "used", string.Create(c, $"used idx of {queue}: {before} → {now} ({(ushort)(now - before)} request(s) completed)"), change);
                return queue.StartsWith("iommu/", StringComparison.Ordinal) ? 0 : (ushort)(now - before); // the device's own requests only
            }
            case "split-used" when offset >= 4 && offset < 4 + 8 * ring.Size:
            {
                int i = (offset - 4) / 8, at = 4 + 8 * i;
                Add(w.Time, actor, null, "used", string.Create(c, $"used ring[{i}] of {queue} = {{ id {ring.U32(at)}, len {ring.U32(at + 4)} }}"), change);
                return 0;
            }
            case "split-used" when offset == 4 + 8 * ring.Size:
                Add(w.Time, actor, null, "used", string.Create(c, $"avail_event of {queue} = {ring.TrailingEvent}: the device wants a kick once avail idx passes it"), change);
                return 0;
            case "split-used":
                Add(w.Time, actor, null, "used", string.Create(c, $"used flags of {queue} = {ring.U16(0)}{((ring.U16(0) & 1) != 0 ? " (NO_NOTIFY)" : "")}"), change);
                return 0;
            case "packed-desc":
            {
                // Who wrote it tells what it is (virtio 1.2, 2.8.1): the driver makes descriptors available (the
                // head's flags last), the device marks them used (AVAIL and USED both equal to its wrap counter).
                int i = offset / 16, at = i * 16;
                ushort flags = ring.U16(at + 14);
                bool byDevice = actor.EndsWith("/backend", StringComparison.Ordinal);
                bool flagsWritten = offset <= at + 14 && offset + w.Bytes.Length >= at + 16;
                string what = byDevice && !flagsWritten ? "given its used id and length by the device (its flags follow)"
                    : byDevice ? "marked used by the device"
                    : (flags & ((1 << 7) | (1 << 15))) == 0 ? "written by the driver, not yet available (a chain's head gets its flags last)"
                    : "made available by the driver";
                Add(w.Time, actor, null, byDevice ? "used" : "descriptor", string.Create(c,
                    $"packed descriptor {i} of {queue} {what}: addr {RingWords.Address(ring.U64(at))}, len {ring.U32(at + 8)}, id {ring.U16(at + 12)}, flags {RingWords.PackedFlags(flags)}"), change);
                if (flagsWritten && (flags & ((1 << 7) | (1 << 15))) != 0)
                {
                    var counts = byDevice ? packedMarkedUsed : packedMadeAvailable;
                    counts[queue] = counts.GetValueOrDefault(queue) + 1;
                }
                return byDevice && flagsWritten ? 1 : 0;
            }
            case "packed-driver-event" or "packed-device-event":
            {
                ushort flags = ring.U16(2);
                string mode = flags switch { 0 => "ENABLE", 1 => "DISABLE", 2 => string.Create(c, $"DESC at offset {ring.U16(0) & 0x7FFF}, wrap {ring.U16(0) >> 15}"), _ => string.Create(c, $"0x{flags:x}") };
                string whose = ring.Region.Kind == "packed-driver-event" ? "driver" : "device";
                Add(w.Time, actor, null, whose == "driver" ? "avail" : "used", $"{whose} event suppression of {queue}: {mode}", change);
                return 0;
            }
            case "iommu-requests":
            {
                const int slotBytes = 256;
                int slot = offset / slotBytes, at = slot * slotBytes;
                if (offset % slotBytes != 0) return 0; // the device's status in the tail; the request was told when posted
                Add(w.Time, actor, null, "iommu", IommuRequest(ring, at, slot), change);
                return 0;
            }
            case "grant-table":
            {
                int entry = offset / 8, at = entry * 8;
                if (offset % 8 != 0) return 0; // domid and frame go in first; the entry is told when its flags are written
                Add(w.Time, actor, null, "grant", string.Create(c,
                    $"grant entry {entry}: flags {RingWords.GrantFlags(ring.U16(at))}, domid {ring.U16(at + 2)}, frame 0x{ring.U32(at + 4):x}"), change);
                return 0;
            }
            default:
                Add(w.Time, actor, null, "message", string.Create(c, $"{w.Bytes.Length} byte(s) written to {ring.Region.Name} at 0x{w.Address:x}"), change);
                return 0;
        }
    }

    /// <summary>
    /// At the end of an event that moved an index, the notification decision the side that moved it takes once for its
    /// whole batch (Linux: virtqueue_kick_prepare for the driver, vhost_notify for the device), from the index at its
    /// previous decision to the index now.
    /// </summary>
    private void Decide(TraceEvent e)
    {
        string actor = header.Actors[e.To];
        DecidePacked(e.Time, actor);
        foreach (var ring in rings.Where(r => r.Region.Kind is "split-avail" or "split-used"))
        {
            ushort now = ring.Idx;
            ushort old = decided.GetValueOrDefault(ring.Region.Name);
            if (old == now) continue;
            decided[ring.Region.Name] = now;
            string queue = QueueOf(ring.Region.Name);
            if (ring.Region.Kind == "split-avail")
                Add(e.Time, actor, null, "kick", $"kick decision for {queue} after publishing avail idx {old} → {now}" + KickDecision(ring, old, now));
            else
                Add(e.Time, actor, null, "interrupt", $"interrupt decision for {queue} after used idx {old} → {now}" + InterruptDecision(ring, old, now));
        }
    }

    /// <summary>A virtio-iommu request as the driver posted it (virtio 1.2, 5.13.6; struct layouts of linux/virtio_iommu.h).</summary>
    private static string IommuRequest(RingState ring, int at, int slot)
    {
        var c = CultureInfo.InvariantCulture;
        byte type = (byte)ring.U16(at);
        string flags = RingWords.IommuMapFlags(ring.U32(at + 32));
        return type switch
        {
            1 => string.Create(c, $"virtio-iommu request (slot {slot}): ATTACH endpoint {ring.U32(at + 8)} to domain {ring.U32(at + 4)}"),
            2 => string.Create(c, $"virtio-iommu request (slot {slot}): DETACH endpoint {ring.U32(at + 8)} from domain {ring.U32(at + 4)}"),
            3 => string.Create(c, $"virtio-iommu request (slot {slot}): MAP in domain {ring.U32(at + 4)} IOVA [0x{ring.U64(at + 8):x}, 0x{ring.U64(at + 16):x}] to GPA 0x{ring.U64(at + 24):x}, {flags}"),
            4 => string.Create(c, $"virtio-iommu request (slot {slot}): UNMAP in domain {ring.U32(at + 4)} IOVA [0x{ring.U64(at + 8):x}, 0x{ring.U64(at + 16):x}]"),
            5 => string.Create(c, $"virtio-iommu request (slot {slot}): PROBE endpoint {ring.U32(at + 4)}"),
            _ => string.Create(c, $"virtio-iommu request (slot {slot}): type {type}"),
        };
    }

    /// <summary>
    /// Packed rings (virtio 1.2, 2.8.10 and 2.8.14): after a batch, the side that moved descriptors looks at the other
    /// side's event suppression structure: ENABLE (0) notify, DISABLE (1) do not, DESC (2) notify once the ring passes
    /// the descriptor offset and wrap counter given there (with EVENT_IDX).
    /// </summary>
    private void DecidePacked(long time, string actor)
    {
        foreach (var (counts, structure, what) in new[]
        {
            (packedMadeAvailable, "packed-device-event", "kick"),
            (packedMarkedUsed, "packed-driver-event", "interrupt"),
        })
        {
            foreach (var (queue, n) in counts.OrderBy(q => q.Key, StringComparer.Ordinal).ToList())
            {
                var events = rings.FirstOrDefault(r => r.Region.Kind == structure && QueueOf(r.Region.Name) == queue);
                if (events is null) continue;
                ushort flags = events.U16(2), offWrap = events.U16(0);
                string whose = structure == "packed-device-event" ? "the device's" : "the driver's";
                string rule = flags switch
                {
                    0 => $"{whose} event suppression says ENABLE: {what}",
                    1 => $"{whose} event suppression says DISABLE: no {what}",
                    2 => string.Create(CultureInfo.InvariantCulture, $"{whose} event suppression says DESC at offset {offWrap & 0x7FFF}, wrap {offWrap >> 15}: {what} once the ring has passed that descriptor"),
                    _ => string.Create(CultureInfo.InvariantCulture, $"{whose} event suppression flags are 0x{flags:x} (reserved)"),
                };
                Add(time, actor, null, what, string.Create(CultureInfo.InvariantCulture, $"{what} decision for {queue} after {n} descriptor(s) {(what == "kick" ? "made available" : "marked used")}: {rule}"));
            }
            counts.Clear();
        }
    }

    /// <summary>Whether a queue negotiated EVENT_IDX: the device's own queues as asked; the virtio-iommu request queue never does here.</summary>
    private bool EventIdxOn(string queue) => eventIdx && !queue.StartsWith("iommu/", StringComparison.Ordinal);

    private string KickDecision(RingState avail, ushort old, ushort now)
    {
        var used = rings.FirstOrDefault(r => r.Region.Kind == "split-used" && QueueOf(r.Region.Name) == QueueOf(avail.Region.Name));
        if (used is null) return "";
        if (EventIdxOn(QueueOf(avail.Region.Name)))
        {
            ushort e = used.TrailingEvent;
            bool kick = (ushort)(now - e - 1) < (ushort)(now - old);
            return string.Create(CultureInfo.InvariantCulture,
                $": vring_need_event(avail_event={e}, new={now}, old={old}): (u16)({now} - {e} - 1) = {(ushort)(now - e - 1)} < (u16)({now} - {old}) = {(ushort)(now - old)} is {(kick ? "true: kick" : "false: no kick, the device has not caught up with its event yet and will see them anyway")}");
        }
        bool noNotify = (used.U16(0) & 1) != 0;
        return noNotify ? ": used flags have NO_NOTIFY: no kick (the device is polling)" : ": used flags are 0: kick";
    }

    private string InterruptDecision(RingState used, ushort old, ushort now)
    {
        var avail = rings.FirstOrDefault(r => r.Region.Kind == "split-avail" && QueueOf(r.Region.Name) == QueueOf(used.Region.Name));
        if (avail is null) return "";
        if (EventIdxOn(QueueOf(used.Region.Name)))
        {
            ushort e = avail.TrailingEvent;
            bool irq = (ushort)(now - e - 1) < (ushort)(now - old);
            return string.Create(CultureInfo.InvariantCulture,
                $": vring_need_event(used_event={e}, new={now}, old={old}): (u16)({now} - {e} - 1) = {(ushort)(now - e - 1)} < (u16)({now} - {old}) = {(ushort)(now - old)} is {(irq ? "true: interrupt" : "false: suppressed")}");
        }
        bool noInterrupt = (avail.U16(0) & 1) != 0;
        return noInterrupt ? ": avail flags have NO_INTERRUPT: suppressed" : ": avail flags are 0: interrupt";
    }

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

    private IReadOnlyList<KeyValuePair<string, long>> Counters() =>
        CounterNames.Select((name, i) => KeyValuePair.Create(name, running[i])).ToList();

    private void Add(long time, string actor, string? target, string kind, string text, RegionChange? change = null)
    {
        if (!actors.Contains(actor)) actors.Add(actor);
        if (target is not null && !actors.Contains(target)) actors.Add(target);
        steps.Add(new ExplainStep(steps.Count, time, actor, target, kind, text, null, null, change is null ? [] : [change], Counters()));
    }

    /// <summary>The queue a ring region belongs to, named from the device down (<c>driver/q0</c>, <c>iommu/q0</c>).</summary>
    private string QueueOf(string regionName)
    {
        int slash = regionName.LastIndexOf('/');
        string queue = slash > 0 ? regionName[..slash] : regionName;
        return queue.StartsWith(device + "/", StringComparison.Ordinal) ? queue[(device.Length + 1)..] : queue;
    }
}
