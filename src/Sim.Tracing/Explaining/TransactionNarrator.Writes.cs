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
}
