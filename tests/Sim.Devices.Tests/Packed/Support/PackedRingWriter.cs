using Sim.Devices.Virtio.Packed;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Packed.Support;

/// <summary>Packed descriptor flag shorthands for ring-building scenarios.</summary>
internal static class P
{
    public const ushort Next = PackedLayout.FlagNext;
    public const ushort Write = PackedLayout.FlagWrite;
    public const ushort Indirect = PackedLayout.FlagIndirect;
    public const ushort Avail = PackedLayout.FlagAvail;
    public const ushort Used = PackedLayout.FlagUsed;
}

/// <summary>
/// A hand-driven (or misbehaving) packed driver: writes raw descriptors, indirect tables and event suppression
/// structures straight into guest memory, one line each, so a test reads like the ring it builds:
/// <c>ring.Avail(0, Data, 16, id: 3, P.Next).Avail(1, Data + 16, 8, id: 3, P.Write)</c>.
/// </summary>
internal sealed class PackedRingWriter(GuestMemory memory, QueueConfig config)
{
    /// <summary>Writes slot <paramref name="slot"/> exactly as given (flags include any AVAIL/USED bits).</summary>
    public PackedRingWriter Raw(int slot, ulong addr, uint len, ushort id, ushort flags) =>
        At(config.DescriptorTable + (ulong)slot * PackedLayout.DescriptorSize, new PackedDescriptor(addr, len, id, flags));

    /// <summary>Writes slot <paramref name="slot"/> as available in the lap of <paramref name="wrap"/> (AVAIL = wrap, USED = !wrap).</summary>
    public PackedRingWriter Avail(int slot, ulong addr, uint len, ushort id, ushort flags = 0, bool wrap = true) =>
        Raw(slot, addr, len, id, (ushort)(flags | PackedDescriptor.AvailableBits(wrap)));

    /// <summary>Writes an indirect table of <paramref name="entries"/> at <paramref name="at"/>.</summary>
    public PackedRingWriter Table(ulong at, params PackedDescriptor[] entries)
    {
        for (int i = 0; i < entries.Length; i++) At(at + (ulong)i * PackedLayout.DescriptorSize, entries[i]);
        return this;
    }

    /// <summary>An indirect table entry (id 0 unless given).</summary>
    public static PackedDescriptor E(ulong addr, uint len, ushort flags = 0, ushort id = 0) => new(addr, len, id, flags);

    /// <summary>Writes the driver event suppression structure (what the driver asks of the device).</summary>
    public PackedRingWriter DriverEvent(ushort offWrap, ushort flags) => Event(config.DriverArea, offWrap, flags);

    /// <summary>Writes the device event suppression structure (what the device asks of the driver).</summary>
    public PackedRingWriter DeviceEvent(ushort offWrap, ushort flags) => Event(config.DeviceArea, offWrap, flags);

    private PackedRingWriter Event(ulong at, ushort offWrap, ushort flags)
    {
        memory.WriteUInt32(at, PackedEventSuppression.Encode(offWrap, flags));
        return this;
    }

    private PackedRingWriter At(ulong at, PackedDescriptor descriptor)
    {
        Span<byte> raw = stackalloc byte[PackedLayout.DescriptorSize];
        descriptor.Encode(raw);
        memory.Write(at, raw);
        return this;
    }
}
