using System.Globalization;
using Sim.Tracing.Recording;

namespace Sim.Tracing.Explaining;

/// <summary>
/// The part of <see cref="TransactionNarrator"/> that tells how each write into a watched region is told:
/// descriptors, ring entries and indices, event structures, grant entries, virtio-iommu requests.
/// </summary>
public sealed partial class TransactionNarrator
{
    /// <summary>Narrates one write; returns how many requests it completed (used idx moves).</summary>
    private int NarrateWrite(TraceWrite w, RingState ring, int region, string actor)
    {
        var kind = ring.Region.Known;
        ushort before = kind is RegionKind.SplitAvail or RegionKind.SplitUsed ? ring.Idx : (ushort)0;
        int offset = ring.Apply(w.Address, w.Bytes);
        var change = new RegionChange(region, w.Address, w.Bytes);
        string queue = QueueOf(ring.Region.Name);
        var c = CultureInfo.InvariantCulture;
        int stride = ring.Layout?.EntrySize ?? 0;
        switch (kind)
        {
            case RegionKind.SplitDesc:
            {
                int i = offset / stride, at = i * stride;
                ushort flags = ring.U16(ring.EntryField(at, "flags"));
                string next = (flags & NarratedLayouts.SplitDescFlags.ValueOf("NEXT")) != 0 ? string.Create(c, $", next {ring.U16(ring.EntryField(at, "next"))}") : "";
                Add(w.Time, actor, null, "descriptor", string.Create(c,
                    $"descriptor {i} of {queue} written at GPA 0x{ring.Region.Start + (ulong)at:x}: addr {RingWords.Address(ring.U64(ring.EntryField(at, "addr")))}, len {ring.U32(ring.EntryField(at, "len"))}, flags {RingWords.DescriptorFlags(flags)}{next}"), change);
                return 0;
            }
            case RegionKind.SplitAvail or RegionKind.SplitUsed:
                return NarrateSplitRing(w.Time, ring, offset, before, queue, actor, change);
            case RegionKind.PackedDesc:
            {
                // Who wrote it tells what it is (virtio 1.2, 2.8.1): the driver makes descriptors available (the
                // head's flags last), the device marks them used (AVAIL and USED both equal to its wrap counter).
                int i = offset / stride, at = i * stride, flagsAt = ring.EntryField(at, "flags");
                ushort flags = ring.U16(flagsAt);
                bool byDevice = actor.EndsWith("/backend", StringComparison.Ordinal);
                bool flagsWritten = offset <= flagsAt && offset + w.Bytes.Length >= flagsAt + 2;
                bool marked = (flags & NarratedLayouts.PackedAvailOrUsed) != 0;
                string what = byDevice && !flagsWritten ? "given its used id and length by the device (its flags follow)"
                    : byDevice ? "marked used by the device"
                    : !marked ? "written by the driver, not yet available (a chain's head gets its flags last)"
                    : "made available by the driver";
                Add(w.Time, actor, null, byDevice ? "used" : "descriptor", string.Create(c,
                    $"packed descriptor {i} of {queue} {what}: addr {RingWords.Address(ring.U64(ring.EntryField(at, "addr")))}, len {ring.U32(ring.EntryField(at, "len"))}, id {ring.U16(ring.EntryField(at, "id"))}, flags {RingWords.PackedFlags(flags)}"), change);
                if (flagsWritten && marked)
                {
                    var counts = byDevice ? _packedMarkedUsed : _packedMadeAvailable;
                    counts[queue] = counts.GetValueOrDefault(queue) + 1;
                }
                return byDevice && flagsWritten ? 1 : 0;
            }
            case RegionKind.PackedDriverEvent or RegionKind.PackedDeviceEvent:
            {
                string whose = kind == RegionKind.PackedDriverEvent ? "driver" : "device";
                Add(w.Time, actor, null, whose == "driver" ? "avail" : "used", $"{whose} event suppression of {queue}: {PackedEventMode(ring)}", change);
                return 0;
            }
            case RegionKind.IommuRequests:
            {
                int slot = offset / stride, at = slot * stride;
                if (offset % stride != 0) return 0; // the device's status in the tail; the request was told when posted
                Add(w.Time, actor, null, "iommu", IommuRequest(ring, at, slot), change);
                return 0;
            }
            case RegionKind.GrantTable:
            {
                int entry = offset / stride, at = entry * stride;
                if (offset % stride != 0) return 0; // domid and frame go in first; the entry is told when its flags are written
                Add(w.Time, actor, null, "grant", string.Create(c,
                    $"grant entry {entry}: flags {RingWords.GrantFlags(ring.U16(ring.EntryField(at, "flags")))}, domid {ring.U16(ring.EntryField(at, "domid"))}, frame 0x{ring.U32(ring.EntryField(at, "frame")):x}"), change);
                return 0;
            }
            default:
                if (NarrateBuffer(w, ring, offset, actor, change)) return 0;
                Add(w.Time, actor, null, "message", string.Create(c, $"{w.Bytes.Length} byte(s) written to {ring.Region.Name} at 0x{w.Address:x}"), change);
                return 0;
        }
    }

    /// <summary>
    /// A write into a split available or used ring (virtio 1.2, 2.7.6 and 2.7.8): its idx, an entry, the trailing
    /// event index or its flags; returns how many of the device's requests a used idx move completed.
    /// </summary>
    private int NarrateSplitRing(long time, RingState ring, int offset, ushort before, string queue, string actor, RegionChange change)
    {
        var c = CultureInfo.InvariantCulture;
        var layout = ring.Layout!;
        bool avail = ring.Region.Known == RegionKind.SplitAvail;
        string what = avail ? "avail" : "used";
        long trailer = layout.TrailerOffset(ring.Size);
        if (offset == layout.Field("idx").Offset)
        {
            ushort now = ring.Idx;
            Add(time, actor, null, what, avail
                ? string.Create(c, $"avail idx of {queue}: {before} → {now} ({(ushort)(now - before)} new chain(s) published to the device)")
                : string.Create(c, $"used idx of {queue}: {before} → {now} ({(ushort)(now - before)} request(s) completed)"), change);
            return avail || queue.StartsWith("iommu/", StringComparison.Ordinal) ? 0 : (ushort)(now - before); // the device's own requests only
        }
        if (offset >= layout.EntriesOffset && offset < trailer)
        {
            int i = (offset - layout.EntriesOffset) / layout.EntrySize, at = (int)layout.EntryOffset(i);
            Add(time, actor, null, what, avail
                ? string.Create(c, $"avail ring[{i}] of {queue} = head {ring.U16(ring.EntryField(at, "descriptor"))}")
                : string.Create(c, $"used ring[{i}] of {queue} = {{ id {ring.U32(ring.EntryField(at, "id"))}, len {ring.U32(ring.EntryField(at, "len"))} }}"), change);
            return 0;
        }
        if (offset == trailer)
        {
            Add(time, actor, null, what, avail
                ? string.Create(c, $"{layout.Trailer[0].Name} of {queue} = {ring.TrailingEvent}: the driver wants an interrupt once used idx passes it")
                : string.Create(c, $"{layout.Trailer[0].Name} of {queue} = {ring.TrailingEvent}: the device wants a kick once avail idx passes it"), change);
            return 0;
        }
        var flagSet = avail ? NarratedLayouts.AvailFlags : NarratedLayouts.UsedFlags;
        var flag = flagSet.Flags[0];
        ushort flags = ring.RingFlags;
        Add(time, actor, null, what, string.Create(c, $"{what} flags of {queue} = {flags}{((flags & flag.Value) != 0 ? $" ({flag.Name})" : "")}"), change);
        return 0;
    }

    /// <summary>A packed event suppression structure's mode: ENABLE, DISABLE, DESC at offset and wrap, or its flags in hex.</summary>
    private static string PackedEventMode(RingState events)
    {
        var (flags, offset, wrap) = NarratedLayouts.PackedEvent(events);
        string? name = NarratedLayouts.PackedEventFlags.NameOf(flags);
        return name == "DESC" ? string.Create(CultureInfo.InvariantCulture, $"DESC at offset {offset}, wrap {wrap}")
            : name ?? string.Create(CultureInfo.InvariantCulture, $"0x{flags:x}");
    }

    /// <summary>A virtio-iommu request as the driver posted it (virtio 1.2, 5.13.6; struct layouts of linux/virtio_iommu.h).</summary>
    private static string IommuRequest(RingState ring, int at, int slot)
    {
        var c = CultureInfo.InvariantCulture;
        byte type = (byte)ring.U16(at + LayoutCatalog.Struct("iommu-head").Field("type").Offset);
        string? name = NarratedLayouts.IommuRequestTypes.NameOf(type);
        if (name is null) return string.Create(c, $"virtio-iommu request (slot {slot}): type {type}");
        uint U32(string field) => ring.U32(at + NarratedLayouts.IommuField(type, field));
        ulong U64(string field) => ring.U64(at + NarratedLayouts.IommuField(type, field));
        return name switch
        {
            "ATTACH" => string.Create(c, $"virtio-iommu request (slot {slot}): ATTACH endpoint {U32("endpoint")} to domain {U32("domain")}"),
            "DETACH" => string.Create(c, $"virtio-iommu request (slot {slot}): DETACH endpoint {U32("endpoint")} from domain {U32("domain")}"),
            "MAP" => string.Create(c, $"virtio-iommu request (slot {slot}): MAP in domain {U32("domain")} IOVA [0x{U64("virt_start"):x}, 0x{U64("virt_end"):x}] to GPA 0x{U64("phys_start"):x}, {RingWords.IommuMapFlags(U32("flags"))}"),
            "UNMAP" => string.Create(c, $"virtio-iommu request (slot {slot}): UNMAP in domain {U32("domain")} IOVA [0x{U64("virt_start"):x}, 0x{U64("virt_end"):x}]"),
            _ => string.Create(c, $"virtio-iommu request (slot {slot}): {name} endpoint {U32("endpoint")}"),
        };
    }
}
