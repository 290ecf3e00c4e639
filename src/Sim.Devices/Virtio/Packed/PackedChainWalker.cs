using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Virtio.Packed;

/// <summary>
/// Walks and validates one available packed chain for the device (virtio 1.2, 2.8.6 next flag, 2.8.7 indirect;
/// QEMU <c>virtqueue_packed_pop</c>, DPDK vhost <c>fill_vec_buf_packed</c>): consecutive ring slots while NEXT is set,
/// at most N of them, then optionally one indirect table. It reads only ring slots and indirect table entries, one
/// 16-byte access each, never buffer contents: a buffer the access path refuses is found later, when
/// <see cref="DescriptorChain.Read"/> or <see cref="DescriptorChain.Write"/> returns -1. Allocation-free unless a rule
/// is broken (then the finding's text is built).
/// </summary>
internal sealed class PackedChainWalker(IDeviceMemory memory, int size, ulong ring, bool indirectNegotiated)
{
    private readonly byte[] _bytes = new byte[PackedLayout.DescriptorSize];
    private ChainBufferRules _rules;

    /// <summary>The rule the last failed walk broke.</summary>
    public QueueRule Rule { get; private set; }

    /// <summary>How the last failed walk broke it (slots, addresses, values).</summary>
    public string Detail { get; private set; } = "";

    /// <summary>Reads the ring slot <paramref name="index"/> with one access; false if the access path refused it.</summary>
    public bool TryReadSlot(int index, out PackedDescriptor descriptor)
    {
        ulong address = ring + (ulong)index * PackedLayout.DescriptorSize;
        if (memory.Read(address, _bytes) != AccessVerdict.Allowed)
        {
            descriptor = default;
            return Fail(QueueRule.RingOutsideMemory, $"descriptor ring slot {index} at 0x{address:x} could not be read");
        }
        descriptor = PackedDescriptor.Decode(_bytes);
        return true;
    }

    /// <summary>
    /// Fills <paramref name="chain"/> from the chain whose first descriptor <paramref name="head"/> (already seen
    /// available) sits at <paramref name="start"/>. False, with <see cref="Rule"/> and <see cref="Detail"/> set and the
    /// chain emptied, if a rule is broken.
    /// </summary>
    public bool TryWalk(PackedDescriptor head, int start, DescriptorChain chain)
    {
        chain.Reset(0);
        _rules.Reset();
        var descriptor = head;
        int slot = start;
        for (int walked = 1; ; walked++)
        {
            chain.CountDescriptor();
            bool ok = descriptor.IsIndirect ? WalkIndirect(descriptor, slot, chain) : Add(chain, descriptor, slot, inTable: false);
            if (!ok) return Abandon(chain);
            if (!descriptor.HasNext)
            {
                // The buffer id travels in the chain's last descriptor (2.8.6).
                if (descriptor.Id >= size)
                    return Abandon(chain, QueueRule.DescriptorIndexOutOfRange, $"chain at slot {start} ends at slot {slot} with buffer id {descriptor.Id}, queue size {size}");
                chain.SetId(descriptor.Id);
                return true;
            }
            if (walked == size)
                return Abandon(chain, QueueRule.ChainLoop, $"chain at slot {start} still has NEXT after {walked} descriptors, queue size {size}");
            slot = slot + 1 == size ? 0 : slot + 1;
            if (!TryReadSlot(slot, out descriptor)) return Abandon(chain);
        }
    }

    private bool WalkIndirect(PackedDescriptor pointer, int slot, DescriptorChain chain)
    {
        if (IndirectTableRules.Check(indirectNegotiated, pointer.HasNext, pointer.Address, pointer.Length, out uint entries) is { } broken)
            return Fail(broken.Rule, $"slot {slot} {broken.Problem}");
        // The WRITE flag of the pointer descriptor itself is ignored (2.8.7).
        for (uint i = 0; i < entries; i++)
        {
            ulong address = pointer.Address + (ulong)i * PackedLayout.DescriptorSize;
            if (address < pointer.Address || memory.Read(address, _bytes) != AccessVerdict.Allowed)
                return Fail(QueueRule.BufferOutsideMemory, $"slot {slot}: indirect table entry {i} at 0x{address:x} could not be read");
            var entry = PackedDescriptor.Decode(_bytes);
            if (entry.IsIndirect)
                return Fail(QueueRule.NestedIndirect, $"slot {slot}: indirect table entry {i} has INDIRECT");
            if ((entry.Flags & ~PackedLayout.FlagWrite) != 0)
                return Fail(QueueRule.InvalidPackedDescriptor, $"slot {slot}: indirect table entry {i} has flags 0x{entry.Flags:x}; only WRITE is allowed there");
            if (!Add(chain, entry, slot, inTable: true)) return false;
        }
        return true;
    }

    private bool Add(DescriptorChain chain, PackedDescriptor descriptor, int slot, bool inTable)
    {
        bool writable = descriptor.IsDeviceWritable;
        if (_rules.Append(descriptor.Address, descriptor.Length, writable) is { } broken)
            return Fail(broken.Rule, $"slot {slot}{(inTable ? " (indirect table)" : "")} {broken.Problem}");
        chain.Add(new ChainSegment(descriptor.Address, descriptor.Length, writable));
        return true;
    }

    private bool Fail(QueueRule rule, string detail)
    {
        Rule = rule;
        Detail = detail;
        return false;
    }

    private bool Abandon(DescriptorChain chain, QueueRule rule, string detail)
    {
        Fail(rule, detail);
        return Abandon(chain);
    }

    private static bool Abandon(DescriptorChain chain)
    {
        chain.Reset(0);
        return false;
    }
}
