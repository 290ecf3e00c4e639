using Sim.Devices.Virtio.Queues;
using Sim.Devices.Virtio.Split;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Split.Support;

/// <summary>Descriptor flag shorthands for ring-building scenarios.</summary>
internal static class F
{
    public const ushort Next = SplitLayout.FlagNext;
    public const ushort Write = SplitLayout.FlagWrite;
    public const ushort Indirect = SplitLayout.FlagIndirect;
}

/// <summary>
/// A misbehaving (or hand-driven) guest driver: writes arbitrary raw descriptors, indirect tables and avail entries
/// straight into guest memory, one line per structure, so a test reads like the ring it builds:
/// <c>ring.Desc(0, Data, 16, F.Next, next: 8).Publish(0)</c>.
/// </summary>
internal sealed class SplitRingBuilder(GuestMemory memory, QueueConfig config)
{
    /// <summary>The avail idx the builder last wrote.</summary>
    public ushort AvailIdx { get; private set; }

    /// <summary>Writes descriptor <paramref name="index"/> of the ring's table (any index, even past the table).</summary>
    public SplitRingBuilder Desc(int index, ulong addr, uint len, ushort flags = 0, ushort next = 0) =>
        Raw(config.DescriptorTable + (ulong)index * SplitLayout.DescriptorSize, new SplitDescriptor(addr, len, flags, next));

    /// <summary>Writes an indirect table of <paramref name="entries"/> at <paramref name="at"/>.</summary>
    public SplitRingBuilder Table(ulong at, params SplitDescriptor[] entries)
    {
        for (int i = 0; i < entries.Length; i++) Raw(at + (ulong)i * SplitLayout.DescriptorSize, entries[i]);
        return this;
    }

    /// <summary>A descriptor value, for <see cref="Table"/>.</summary>
    public static SplitDescriptor D(ulong addr, uint len, ushort flags = 0, ushort next = 0) => new(addr, len, flags, next);

    /// <summary>Puts <paramref name="heads"/> in the avail ring at the current idx, then moves avail idx past them.</summary>
    public SplitRingBuilder Publish(params ushort[] heads)
    {
        foreach (ushort head in heads)
        {
            memory.WriteUInt16(config.DriverArea + SplitLayout.AvailEntryOffset(AvailIdx & (config.Size - 1)), head);
            AvailIdx++;
        }
        return SetAvailIdx(AvailIdx);
    }

    /// <summary>Writes avail idx as given (to move it back or too far).</summary>
    public SplitRingBuilder SetAvailIdx(ushort idx)
    {
        AvailIdx = idx;
        memory.WriteUInt16(config.DriverArea + SplitLayout.RingIdx, idx);
        return this;
    }

    private SplitRingBuilder Raw(ulong at, SplitDescriptor descriptor)
    {
        Span<byte> raw = stackalloc byte[SplitLayout.DescriptorSize];
        descriptor.Encode(raw);
        memory.Write(at, raw);
        return this;
    }
}
