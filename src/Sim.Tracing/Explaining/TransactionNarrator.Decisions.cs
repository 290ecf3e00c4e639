using System.Globalization;
using Sim.Tracing.Recording;

namespace Sim.Tracing.Explaining;

/// <summary>
/// The part of <see cref="TransactionNarrator"/> that tells the notification decisions each side takes once per
/// batch: split rings by vring_need_event or the flags, packed rings by the event suppression structures.
/// </summary>
public sealed partial class TransactionNarrator
{
    /// <summary>
    /// At the end of an event that moved an index, the notification decision the side that moved it takes once for its
    /// whole batch (Linux: virtqueue_kick_prepare for the driver, vhost_notify for the device), from the index at its
    /// previous decision to the index now.
    /// </summary>
    private void Decide(TraceEvent e)
    {
        string actor = _header.Actors[e.To];
        DecidePacked(e.Time, actor);
        foreach (var ring in _rings.Where(r => r.Region.Known is RegionKind.SplitAvail or RegionKind.SplitUsed))
        {
            ushort now = ring.Idx;
            ushort old = _decided.GetValueOrDefault(ring.Region.Name);
            if (old == now) continue;
            _decided[ring.Region.Name] = now;
            string queue = QueueOf(ring.Region.Name);
            if (ring.Region.Known == RegionKind.SplitAvail)
                Add(e.Time, actor, null, "kick", $"kick decision for {queue} after publishing avail idx {old} → {now}" + KickDecision(ring, old, now));
            else
                Add(e.Time, actor, null, "interrupt", $"interrupt decision for {queue} after used idx {old} → {now}" + InterruptDecision(ring, old, now));
        }
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
            (_packedMadeAvailable, RegionKind.PackedDeviceEvent, "kick"),
            (_packedMarkedUsed, RegionKind.PackedDriverEvent, "interrupt"),
        })
        {
            foreach (var (queue, n) in counts.OrderBy(q => q.Key, StringComparer.Ordinal).ToList())
            {
                var events = _rings.FirstOrDefault(r => r.Region.Known == structure && QueueOf(r.Region.Name) == queue);
                if (events is null) continue;
                var (flags, offset, wrap) = NarratedLayouts.PackedEvent(events);
                string whose = structure == RegionKind.PackedDeviceEvent ? "the device's" : "the driver's";
                string rule = NarratedLayouts.PackedEventFlags.NameOf(flags) switch
                {
                    "ENABLE" => $"{whose} event suppression says ENABLE: {what}",
                    "DISABLE" => $"{whose} event suppression says DISABLE: no {what}",
                    "DESC" => string.Create(CultureInfo.InvariantCulture, $"{whose} event suppression says DESC at offset {offset}, wrap {wrap}: {what} once the ring has passed that descriptor"),
                    _ => string.Create(CultureInfo.InvariantCulture, $"{whose} event suppression flags are 0x{flags:x} (reserved)"),
                };
                Add(time, actor, null, what, string.Create(CultureInfo.InvariantCulture, $"{what} decision for {queue} after {n} descriptor(s) {(what == "kick" ? "made available" : "marked used")}: {rule}"));
            }
            counts.Clear();
        }
    }

    /// <summary>Whether a queue negotiated EVENT_IDX: the device's own queues as asked; the virtio-iommu request queue never does here.</summary>
    private bool EventIdxOn(string queue) => _eventIdx && !queue.StartsWith("iommu/", StringComparison.Ordinal);

    private string KickDecision(RingState avail, ushort old, ushort now)
    {
        var used = _rings.FirstOrDefault(r => r.Region.Known == RegionKind.SplitUsed && QueueOf(r.Region.Name) == QueueOf(avail.Region.Name));
        if (used is null) return "";
        if (EventIdxOn(QueueOf(avail.Region.Name)))
        {
            ushort e = used.TrailingEvent;
            bool kick = (ushort)(now - e - 1) < (ushort)(now - old);
            return string.Create(CultureInfo.InvariantCulture,
                $": vring_need_event(avail_event={e}, new={now}, old={old}): (u16)({now} - {e} - 1) = {(ushort)(now - e - 1)} < (u16)({now} - {old}) = {(ushort)(now - old)} is {(kick ? "true: kick" : "false: no kick, the device has not caught up with its event yet and will see them anyway")}");
        }
        bool noNotify = (used.RingFlags & NarratedLayouts.UsedFlags.ValueOf("NO_NOTIFY")) != 0;
        return noNotify ? ": used flags have NO_NOTIFY: no kick (the device is polling)" : ": used flags are 0: kick";
    }

    private string InterruptDecision(RingState used, ushort old, ushort now)
    {
        var avail = _rings.FirstOrDefault(r => r.Region.Known == RegionKind.SplitAvail && QueueOf(r.Region.Name) == QueueOf(used.Region.Name));
        if (avail is null) return "";
        if (EventIdxOn(QueueOf(used.Region.Name)))
        {
            ushort e = avail.TrailingEvent;
            bool irq = (ushort)(now - e - 1) < (ushort)(now - old);
            return string.Create(CultureInfo.InvariantCulture,
                $": vring_need_event(used_event={e}, new={now}, old={old}): (u16)({now} - {e} - 1) = {(ushort)(now - e - 1)} < (u16)({now} - {old}) = {(ushort)(now - old)} is {(irq ? "true: interrupt" : "false: suppressed")}");
        }
        bool noInterrupt = (avail.RingFlags & NarratedLayouts.AvailFlags.ValueOf("NO_INTERRUPT")) != 0;
        return noInterrupt ? ": avail flags have NO_INTERRUPT: suppressed" : ": avail flags are 0: interrupt";
    }
}
