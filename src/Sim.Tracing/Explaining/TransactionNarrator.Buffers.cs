using System.Globalization;
using Sim.Tracing.Recording;

namespace Sim.Tracing.Explaining;

/// <summary>
/// The part of <see cref="TransactionNarrator"/> that tells the writes into a device driver's request, response and
/// event buffers, decoded by their structures' descriptions: virtio-input events (virtio 1.2, 5.8.6), virtio-rpmb frames
/// (5.12.6.1, big-endian), virtio-snd control requests, events and I/O messages (5.14.6), virtio-i2c request headers,
/// message bytes and statuses (5.16.6.1), virtio-gpio requests, responses and interrupt buffers (5.18.6), virtio-gpu
/// commands, responses and cursor commands (5.7.6.7-5.7.6.10).
/// </summary>
public sealed partial class TransactionNarrator
{
    /// <summary>Tells a write into a device buffer region; false when the region is not one.</summary>
    private bool NarrateBuffer(TraceWrite w, RingState ring, int offset, string actor, RegionChange change)
    {
        if (ring.Layout is not { } layout) return false;
        string where = ring.Region.Name.StartsWith(_device + "/", StringComparison.Ordinal) ? ring.Region.Name[(_device.Length + 1)..] : ring.Region.Name;
        string who = actor.EndsWith("/backend", StringComparison.Ordinal) ? "the device" : "the driver";
        var all = ring.Bytes;
        var c = CultureInfo.InvariantCulture;
        switch (ring.Region.Known)
        {
            case RegionKind.InputEvents or RegionKind.SoundEvents or RegionKind.RpmbFrames:
            {
                var entry = layout.Entries!;
                int first = offset / entry.Size, last = (offset + w.Bytes.Length - 1) / entry.Size;
                var told = new List<string>();
                string noun = ring.Region.Known switch { RegionKind.InputEvents => "input event", RegionKind.SoundEvents => "sound event", _ => "frame" };
                for (int i = first; i <= last && (i + 1) * entry.Size <= all.Length; i++)
                {
                    var e = all.Slice(i * entry.Size, entry.Size);
                    told.Add(string.Create(c, $"{noun} {i} ({where}[{i}]): ") + Entry(ring.Region.Known!.Value, entry, e));
                }
                Add(w.Time, actor, null, "buffer", $"{who} writes {string.Join("; ", told)}", change);
                return true;
            }
            case RegionKind.I2cOutHdr:
            {
                var flags = LayoutCatalog.Flags(layout.Field("flags").Flags!);
                bool read = (BufferWords.Value(layout, all, "flags") & flags.ValueOf("M_RD")) != 0;
                ulong address = layout.Field("addr").Bit("address").Of(BufferWords.Value(layout, all, "addr"));
                Add(w.Time, actor, null, "buffer", $"{who} writes the I2C request header ({where}): to address {BufferWords.Hex(address, 2)}, " +
                    $"{(read ? "a read (the device fills the data buffer)" : "a write (the device reads the data buffer)")}, flags {BufferWords.Named(layout, all, "flags")}", change);
                return true;
            }
            case RegionKind.I2cData:
                Add(w.Time, actor, null, "buffer", $"{who} writes {w.Bytes.Length} byte(s) {(who == "the device" ? "it read from the bus" : "to send on the bus")} ({where}): " +
                    string.Join(' ', w.Bytes.Select(b => BufferWords.Hex(b, 2))), change);
                return true;
            case RegionKind.I2cInHdr or RegionKind.GpioIrqResponse:
            {
                string what = ring.Region.Known == RegionKind.I2cInHdr ? "I2C status" : "GPIO interrupt status";
                Add(w.Time, actor, null, "buffer", $"{who} writes the {what} ({where}): {Status(layout, all, "status")}", change);
                return true;
            }
            case RegionKind.GpioRequest:
                Add(w.Time, actor, null, "buffer", $"{who} writes the GPIO request ({where}): {BufferWords.Named(layout, all, "type")} of line {BufferWords.Named(layout, all, "gpio")}, value {BufferWords.Named(layout, all, "value")}", change);
                return true;
            case RegionKind.GpioResponse:
            {
                var value = layout.Field("value");
                Add(w.Time, actor, null, "buffer", offset > 0
                    ? string.Create(c, $"{who} writes {w.Bytes.Length} bytes after the status of the GPIO response ({where}): the line names of a GET_NAMES answer")
                    : $"{who} writes the GPIO response ({where}): {Status(layout, all, "status")}" +
                      (w.Bytes.Length > value.Offset ? $", value {BufferWords.Named(layout, all, "value")}" : ""), change);
                return true;
            }
            case RegionKind.GpioIrqRequest:
                Add(w.Time, actor, null, "buffer", $"{who} writes the GPIO interrupt request ({where}): line {BufferWords.Named(layout, all, "gpio")} (the buffer waits for its interrupt)", change);
                return true;
            case RegionKind.SoundControlRequest:
            {
                var code = BufferWords.Flag(layout, all, "code");
                string fields = code?.Struct is { } id ? BufferWords.Fields(LayoutCatalog.Struct(id), all, "code", "padding") : "";
                Add(w.Time, actor, null, "buffer", $"{who} writes the control request ({where}): {BufferWords.Named(layout, all, "code")}{(fields.Length > 0 ? $" ({fields})" : "")}", change);
                return true;
            }
            case RegionKind.SoundControlResponse:
                Add(w.Time, actor, null, "buffer", $"{who} writes the control response ({where}): {Status(layout, all, "status")}" +
                    (w.Bytes.Length > layout.EntriesOffset ? string.Create(c, $", then {w.Bytes.Length - layout.EntriesOffset} bytes of items") : ""), change);
                return true;
            case RegionKind.SoundPcmXfer:
                Add(w.Time, actor, null, "buffer", $"{who} writes the I/O message header ({where}): stream {BufferWords.Named(layout, all, "stream_id")} (the period's PCM bytes follow it)", change);
                return true;
            case RegionKind.SoundPcmStatus:
                Add(w.Time, actor, null, "buffer", $"{who} writes the I/O message status ({where}): {Status(layout, all, "status")}, latency_bytes {BufferWords.Named(layout, all, "latency_bytes")}", change);
                return true;
            case RegionKind.GpuCtrlRequest or RegionKind.GpuCursorCommand:
            {
                if (all.Length < layout.Size) return false;
                var type = BufferWords.Flag(layout, all, "type");
                string fields = type?.Struct is { } id ? BufferWords.Fields(LayoutCatalog.Struct(id), all) : "";
                string fence = (BufferWords.Value(layout, all, "flags") & LayoutCatalog.Flags("gpu-ctrl-flags").ValueOf("FENCE")) != 0
                    ? $", fenced (fence_id {BufferWords.Named(layout, all, "fence_id")})" : "";
                string what = ring.Region.Known == RegionKind.GpuCursorCommand ? "cursor command" : "GPU command";
                string entries = type?.Name == "RESOURCE_ATTACH_BACKING" ? string.Create(c, $", then {BufferWords.Value(LayoutCatalog.Struct(type.Struct!), all, "nr_entries")} virtio_gpu_mem_entry runs") : "";
                Add(w.Time, actor, null, "buffer", $"{who} writes the {what} ({where}): {BufferWords.Named(layout, all, "type")}{(fields.Length > 0 ? $" ({fields})" : "")}{entries}{fence}", change);
                return true;
            }
            case RegionKind.GpuCtrlResponse:
            {
                if (all.Length < layout.Size) return false;
                string fence = (BufferWords.Value(layout, all, "flags") & LayoutCatalog.Flags("gpu-ctrl-flags").ValueOf("FENCE")) != 0
                    ? $", echoing fence_id {BufferWords.Named(layout, all, "fence_id")}" : "";
                string modes = w.Bytes.Length > layout.EntriesOffset ? string.Create(c, $", then the scanouts' modes ({w.Bytes.Length - layout.EntriesOffset} bytes)") : "";
                Add(w.Time, actor, null, "buffer", $"{who} writes the GPU response ({where}): {BufferWords.Named(layout, all, "type")}{fence}{modes}", change);
                return true;
            }
            default:
                return false;
        }
    }

    /// <summary>One entry of a buffer table: an input event, a sound event, an RPMB frame.</summary>
    private static string Entry(RegionKind kind, WireStruct entry, ReadOnlySpan<byte> e) => kind switch
    {
        RegionKind.InputEvents => $"{BufferWords.Named(entry, e, "type")} {BufferWords.Named(entry, e, "code")} {BufferWords.Named(entry, e, "value")}",
        RegionKind.SoundEvents => $"{BufferWords.Named(entry, e, "code")}, data {BufferWords.Named(entry, e, "data")}",
        _ => RpmbFrame(entry, e),
    };

    /// <summary>An RPMB frame (5.12.6.1): its type, then what that type carries (a response its result first).</summary>
    private static string RpmbFrame(WireStruct frame, ReadOnlySpan<byte> e)
    {
        string type = BufferWords.Named(frame, e, "req_resp");
        string counter = BufferWords.Named(frame, e, "write_counter"), address = BufferWords.Named(frame, e, "address"), blocks = BufferWords.Named(frame, e, "block_count");
        return type.StartsWith("RESP_", StringComparison.Ordinal)
            ? $"RPMB response {type}, result {BufferWords.Named(frame, e, "result")}, write counter {counter}, address {address}, block_count {blocks}"
            : $"RPMB request {type}, address {address}, block_count {blocks}, write counter {counter}";
    }

    /// <summary>A status field: its name, or the number and that it is no status (the driver's placeholder until the device answers).</summary>
    private static string Status(WireStruct layout, ReadOnlySpan<byte> bytes, string field) =>
        BufferWords.Flag(layout, bytes, field) is { } named ? named.Name
        : BufferWords.Named(layout, bytes, field) + " (no status yet: the driver's placeholder until the device answers)";
}
