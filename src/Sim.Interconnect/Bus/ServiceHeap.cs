namespace Sim.Interconnect.Bus;

/// <summary>
/// The flows of a <see cref="RateClass"/> in a binary min-heap by finishing point, then id, each flow knowing its
/// place (<see cref="BusFlow.HeapPosition"/>) so that it can leave from anywhere in O(log n).
/// </summary>
internal sealed class ServiceHeap(FlowTable table)
{
    private Entry[] _heap = new Entry[16];

    /// <summary>Flows held.</summary>
    public int Count { get; private set; }

    /// <summary>The finishing point of the flow at <paramref name="at"/>.</summary>
    public ServicePoint PointAt(int at) => _heap[at].Point;

    /// <summary>The slot of the flow at <paramref name="at"/>.</summary>
    public int SlotAt(int at) => _heap[at].Slot;

    /// <summary>The id of the flow at <paramref name="at"/>.</summary>
    public long IdAt(int at) => _heap[at].Id;

    /// <summary>Adds the flow in <paramref name="slot"/> finishing at <paramref name="point"/>.</summary>
    public void Add(int slot, ServicePoint point)
    {
        if (Count == _heap.Length) Array.Resize(ref _heap, Count * 2);
        _heap[Count] = new Entry(point, table.Flow(slot).Id, slot);
        Up(Count++);
    }

    /// <summary>Moves the flow in <paramref name="slot"/> to finishing point <paramref name="point"/>.</summary>
    public void Rekey(int slot, ServicePoint point)
    {
        int at = table.Flow(slot).HeapPosition;
        _heap[at] = _heap[at] with { Point = point };
        if (!Up(at)) Down(at);
    }

    /// <summary>Takes the flow in <paramref name="slot"/> out.</summary>
    public void Remove(int slot)
    {
        int at = table.Flow(slot).HeapPosition;
        int last = --Count;
        if (at != last)
        {
            Place(at, _heap[last]);
            if (!Up(at)) Down(at);
        }
        _heap[last] = default;
    }

    private bool Up(int at)
    {
        Entry entry = _heap[at];
        int start = at;
        while (at > 0)
        {
            int parent = (at - 1) / 2;
            if (!entry.Before(_heap[parent])) break;
            Place(at, _heap[parent]);
            at = parent;
        }
        Place(at, entry);
        return at != start;
    }

    private void Down(int at)
    {
        Entry entry = _heap[at];
        while (true)
        {
            int child = 2 * at + 1;
            if (child >= Count) break;
            if (child + 1 < Count && _heap[child + 1].Before(_heap[child])) child++;
            if (!_heap[child].Before(entry)) break;
            Place(at, _heap[child]);
            at = child;
        }
        Place(at, entry);
    }

    private void Place(int at, Entry entry)
    {
        _heap[at] = entry;
        table.Flow(entry.Slot).HeapPosition = at;
    }

    /// <summary>A flow's finishing point, id and slot; ordered by point, then id.</summary>
    private readonly record struct Entry(ServicePoint Point, long Id, int Slot)
    {
        public bool Before(Entry other)
        {
            int c = Point.CompareTo(other.Point);
            return c < 0 || (c == 0 && Id < other.Id);
        }
    }
}
