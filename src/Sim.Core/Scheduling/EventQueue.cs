using System.Runtime.CompilerServices;

namespace Sim.Core.Scheduling;

/// <summary>
/// The pending-event set of one logical process: a 4-ary min-heap of 16-byte nodes (time, the high half of the sender
/// key, and a slot) over a slab of envelopes. Four children fill one 64-byte cache line, so a pop touches one line per
/// level; the envelopes themselves are read only on a tie of the first 96 key bits and at delivery. Slots are recycled
/// through a free list, so a steady run allocates nothing. Order is exactly <see cref="EventOrder"/>.
/// </summary>
internal sealed class EventQueue
{
    private struct Node
    {
        public long Time;
        public uint KeyHigh;
        public int Slot;
    }

    private Node[] _heap;
    private Envelope[] _slab;
    private int[] _free;
    private int _freeCount;
    private int _count;
    private int _slabUsed;

    /// <summary>An empty queue with room for <paramref name="capacity"/> events before it grows.</summary>
    public EventQueue(int capacity = 1024)
    {
        capacity = Math.Max(4, capacity);
        _heap = new Node[capacity];
        _slab = new Envelope[capacity];
        _free = new int[capacity];
    }

    /// <summary>Pending events.</summary>
    public int Count => _count;

    /// <summary>The time of the earliest pending event; only valid when <see cref="Count"/> &gt; 0.</summary>
    public long PeekTime
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _heap[0].Time;
    }

    /// <summary>Adds an event.</summary>
    public void Push(in Envelope envelope)
    {
        int slot = _freeCount > 0 ? _free[--_freeCount] : NewSlot();
        _slab[slot] = envelope;
        if (_count == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
        var node = new Node { Time = envelope.Time, KeyHigh = (uint)(envelope.SenderKey >> 32), Slot = slot };
        SiftUp(_count++, node);
    }

    /// <summary>Removes the earliest event into <paramref name="envelope"/>; the queue must not be empty.</summary>
    public void Pop(out Envelope envelope)
    {
        int slot = _heap[0].Slot;
        envelope = _slab[slot];
        _slab[slot] = default; // drop references so delivered messages can be collected
        _free[_freeCount++] = slot;
        int last = --_count;
        if (last > 0) SiftDown(_heap[last], last);
    }

    private int NewSlot()
    {
        if (_slabUsed == _slab.Length)
        {
            Array.Resize(ref _slab, _slab.Length * 2);
            Array.Resize(ref _free, _slab.Length);
        }
        return _slabUsed++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Less(in Node a, in Node b)
    {
        if (a.Time != b.Time) return a.Time < b.Time;
        if (a.KeyHigh != b.KeyHigh) return a.KeyHigh < b.KeyHigh;
        ref Envelope ea = ref _slab[a.Slot];
        ref Envelope eb = ref _slab[b.Slot];
        return EventOrder.Precedes(ea.Time, ea.SenderKey, ea.Sequence, eb.Time, eb.SenderKey, eb.Sequence);
    }

    private void SiftUp(int index, Node node)
    {
        Node[] heap = _heap;
        while (index > 0)
        {
            int parent = (index - 1) >> 2;
            if (!Less(node, heap[parent])) break;
            heap[index] = heap[parent];
            index = parent;
        }
        heap[index] = node;
    }

    /// <summary>Places <paramref name="node"/> (the former last element) starting from the root; <paramref name="count"/> is the new size.</summary>
    private void SiftDown(Node node, int count)
    {
        Node[] heap = _heap;
        int index = 0;
        while (true)
        {
            int first = (index << 2) + 1;
            if (first >= count) break;
            int best = first;
            int end = Math.Min(first + 4, count);
            for (int child = first + 1; child < end; child++)
                if (Less(heap[child], heap[best])) best = child;
            if (!Less(heap[best], node)) break;
            heap[index] = heap[best];
            index = best;
        }
        heap[index] = node;
    }
}
