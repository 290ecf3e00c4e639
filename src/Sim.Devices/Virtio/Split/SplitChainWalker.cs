using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Virtio.Split;

/// <summary>
/// Walks and validates one split-ring descriptor chain, reading descriptors only through the device's access path,
/// 16 bytes per access, and never a buffer's contents (virtio 1.2, 2.7.5 and 2.7.5.3; Linux vhost
/// <c>vhost_get_vq_desc</c> / <c>get_indirect</c>; rust-vmm <c>DescriptorChain</c>). Every walk terminates: a
/// chain may visit at most as many descriptors as its table holds (N for the ring, len/16 for an indirect table);
/// since <c>next</c> is deterministic, a chain longer than that must revisit a descriptor, so the bound detects
/// exactly the loops. Through an indirect table a chain may also have at most N buffers in all (2.7.5.3.1; the table
/// may hold more entries than the chain uses, so this is counted as the walk goes, by <see cref="ChainBufferRules"/>).
/// <see cref="DescriptorChain.DescriptorCount"/> counts ring descriptors only: an indirect table counts as its one
/// pointer descriptor. Allocation-free on success; a violation builds its detail string.
/// </summary>
internal sealed class SplitChainWalker
{

    private readonly IDeviceMemory _memory;
    private readonly ulong _table;
    private readonly int _size;
    private readonly bool _indirectNegotiated;

    private ChainBufferRules _rules;
    private ushort _head;

    /// <summary>A walker over the descriptor table of <paramref name="config"/>.</summary>
    public SplitChainWalker(IDeviceMemory memory, QueueConfig config)
    {
        _memory = memory;
        _table = config.DescriptorTable;
        _size = config.Size;
        _indirectNegotiated = config.IndirectDescriptors;
    }

    /// <summary>The rule the last failed walk broke.</summary>
    public QueueRule Rule { get; private set; }

    /// <summary>How the last failed walk broke it (indexes, addresses).</summary>
    public string Detail { get; private set; } = "";

    /// <summary>
    /// Fills <paramref name="chain"/> with the chain starting at <paramref name="head"/> (already checked &lt; N).
    /// False when a rule is broken: see <see cref="Rule"/> and <see cref="Detail"/>; the chain is then emptied, so no
    /// buffer of a refused chain can reach the device model.
    /// </summary>
    public bool TryWalk(ushort head, DescriptorChain chain)
    {
        if (Walk(head, chain)) return true;
        chain.Reset(head);
        return false;
    }

    private bool Walk(ushort head, DescriptorChain chain)
    {
        chain.Reset(head);
        _head = head;
        _rules.Reset(_size);
        Span<byte> raw = stackalloc byte[SplitLayout.DescriptorSize];
        int index = head;
        for (int walked = 0; ; walked++)
        {
            if (walked == _size)
                return Fail(QueueRule.ChainLoop, $"chain {head}: more than {_size} descriptors (queue size), so it revisits one");
            ulong at = _table + (ulong)index * SplitLayout.DescriptorSize;
            if (_memory.Read(at, raw) != AccessVerdict.Allowed)
                return Fail(QueueRule.RingOutsideMemory, $"chain {head}: descriptor {index} at 0x{at:x} is not reachable");
            var descriptor = SplitDescriptor.Decode(raw);
            chain.CountDescriptor();
            if (descriptor.IsIndirect) return TryWalkIndirect(index, descriptor, chain, raw);
            if (!TryAddBuffer(descriptor, "descriptor", index, chain)) return false;
            if (!descriptor.HasNext) return true;
            if (descriptor.Next >= _size)
                return Fail(QueueRule.NextOutOfRange, $"chain {head}: descriptor {index} has next {descriptor.Next}, queue size is {_size}");
            index = descriptor.Next;
        }
    }

    /// <summary>
    /// An INDIRECT ring descriptor: its table holds the rest of the chain (2.7.5.3.1). The WRITE flag of the pointer
    /// descriptor is ignored; NEXT with INDIRECT is refused (the driver MUST NOT set both; rust-vmm would ignore NEXT).
    /// </summary>
    private bool TryWalkIndirect(int index, SplitDescriptor pointer, DescriptorChain chain, Span<byte> raw)
    {
        if (IndirectTableRules.Check(_indirectNegotiated, pointer.HasNext, pointer.Address, pointer.Length, out uint entries) is { } broken)
            return Fail(broken.Rule, $"chain {_head}: descriptor {index} at 0x{pointer.Address:x} {broken.Problem}");

        int entry = 0;
        for (uint walked = 0; ; walked++)
        {
            if (walked == entries)
                return Fail(QueueRule.ChainLoop, $"chain {_head}: indirect table at 0x{pointer.Address:x} walks more than its {entries} entries, so it revisits one");
            ulong at = pointer.Address + (ulong)entry * SplitLayout.DescriptorSize;
            if (at < pointer.Address || _memory.Read(at, raw) != AccessVerdict.Allowed)
                return Fail(QueueRule.BufferOutsideMemory, $"chain {_head}: indirect table entry {entry} at 0x{at:x} is not reachable");
            var descriptor = SplitDescriptor.Decode(raw);
            if (descriptor.IsIndirect)
                return Fail(QueueRule.NestedIndirect, $"chain {_head}: indirect table at 0x{pointer.Address:x}, entry {entry} is itself INDIRECT");
            if (!TryAddBuffer(descriptor, "indirect entry", entry, chain)) return false;
            if (!descriptor.HasNext) return true;
            if (descriptor.Next >= entries)
                return Fail(QueueRule.NextOutOfRange, $"chain {_head}: indirect entry {entry} has next {descriptor.Next}, the table holds {entries}");
            entry = descriptor.Next;
        }
    }

    /// <summary>
    /// Checks one buffer descriptor against the chain so far and appends it. Buffer memory is not touched: a buffer
    /// whose range wraps past 2^64 is refused here; any other unreachable buffer is refused by the access path when
    /// the device reads or writes it (<see cref="DescriptorChain.Read"/> / <see cref="DescriptorChain.Write"/> return -1).
    /// </summary>
    private bool TryAddBuffer(SplitDescriptor descriptor, string kind, int index, DescriptorChain chain)
    {
        bool writable = descriptor.IsDeviceWritable;
        if (_rules.Append(descriptor.Address, descriptor.Length, writable) is { } broken)
            return Fail(broken.Rule, $"chain {_head}: {kind} {index} {broken.Problem}");
        chain.Add(new ChainSegment(descriptor.Address, descriptor.Length, writable));
        return true;
    }

    private bool Fail(QueueRule rule, string detail)
    {
        Rule = rule;
        Detail = detail;
        return false;
    }
}
