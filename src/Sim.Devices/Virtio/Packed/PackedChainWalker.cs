using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Virtio.Packed;

/// <summary>
/// Walks and validates one available packed chain for the device (virtio 1.2, 2.8.6 next flag, 2.8.7 indirect;
/// QEMU <c>virtqueue_packed_pop</c>, DPDK vhost <c>fill_vec_buf_packed</c>): consecutive ring slots while NEXT is set,
/// at most N of them, or one INDIRECT descriptor alone (2.8.19: no INDIRECT in a list linked by NEXT) whose table
/// holds at most N entries (2.8.17: no list longer than the Queue Size). Every slot after the head must be available
/// for the device's wrap counter at that slot, which flips where the chain wraps past the end of the ring (2.8.1; the
/// driver makes the head available after the rest of the list, 2.8.6 / 2.8.17, and the device uses no descriptor it
/// has not seen made available, 2.8.15): a slot that is not is stale or half-written, and its buffer was never
/// offered. It reads only ring slots and indirect table entries, one 16-byte access each, never buffer contents: a
/// buffer the access path refuses is found later, when <see cref="DescriptorChain.Read"/> or
/// <see cref="DescriptorChain.Write"/> returns -1. Allocation-free unless a rule is broken (then the finding's text is
/// built).
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
    /// available) sits at <paramref name="start"/>, made available in the lap of <paramref name="wrapCounter"/>. False,
    /// with <see cref="Rule"/> and <see cref="Detail"/> set and the chain emptied, if a rule is broken.
    /// </summary>
    public bool TryWalk(PackedDescriptor head, int start, bool wrapCounter, DescriptorChain chain)
    {
        chain.Reset(0);
        _rules.Reset(size);
        var descriptor = head;
        int slot = start;
        bool wrap = wrapCounter;
        for (int walked = 1; ; walked++)
        {
            chain.CountDescriptor();
            if (descriptor.IsIndirect && walked > 1)
                return Abandon(chain, QueueRule.IndirectInChain, $"chain at slot {start}: slot {slot} is INDIRECT but is reached through NEXT; an indirect descriptor must be alone in its chain");
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
            if (++slot == size)
            {
                slot = 0;
                wrap = !wrap;
            }
            if (!TryReadSlot(slot, out descriptor)) return Abandon(chain);
            if (!PackedDescriptor.IsAvailable(descriptor.Flags, wrap))
                return Abandon(chain, QueueRule.ChainDescriptorNotAvailable,
                    $"chain at slot {start}: slot {slot} (descriptor {walked + 1} of the chain) has flags 0x{descriptor.Flags:x}, not available for wrap counter {(wrap ? 1 : 0)}; the head was made available before the rest of the chain");
        }
    }

    private bool WalkIndirect(PackedDescriptor pointer, int slot, DescriptorChain chain)
    {
        if (IndirectTableRules.Check(indirectNegotiated, pointer.HasNext, pointer.Address, pointer.Length, out uint entries) is { } broken)
            return Fail(broken.Rule, $"slot {slot} {broken.Problem}");
        // Every entry of a packed table is a buffer (no NEXT there), so its length is known before it is read.
        if (_rules.CheckRoom(entries) is { } tooLong)
            return Fail(tooLong.Rule, $"slot {slot}: an indirect table of {entries} entries {tooLong.Problem}");
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
