using System.Runtime.CompilerServices;

namespace Sim.Core.Scheduling;

/// <summary>
/// The ladder queue's bottom: the events due before every rung's frontier, fully ordered. It holds a sorted run (the
/// bucket most recently taken from a rung, sorted in linear time by <see cref="EventKeySort"/>) and, for events
/// scheduled into that range afterwards, a 4-ary min-heap; the next event is the lesser of the two heads. Tang, Goh and
/// Thng keep the bottom as a sorted linked list and insert by linear search (ACM TOMACS 15(3), 2005, section 3); here
/// only a short run takes inserts that way, and the heap bounds the cost of a burst of inserts (for example many events
/// at the current time) by O(log n) each.
/// </summary>
internal sealed class LadderBottom
{
    /// <summary>A run shorter than this takes inserts directly; the run array is never shorter than twice this.</summary>
    private const int ShortRun = 32;

    private readonly EventKeySort _sort = new();
    private EventKey[] _run;
    private EventKey[] _scratch;
    private int _head;
    private int _runEnd;
    private EventKey[] _heap;
    private int _heapCount;

    /// <summary>An empty bottom.</summary>
    public LadderBottom()
    {
        _run = new EventKey[2 * ShortRun];
        _scratch = new EventKey[2 * ShortRun];
        _heap = new EventKey[16];
    }

    /// <summary>Events in the bottom.</summary>
    public int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _runEnd - _head + _heapCount;
    }

    /// <summary>The earliest event; the bottom must not be empty.</summary>
    public ref readonly EventKey Min
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (_heapCount == 0) return ref _run[_head];
            if (_head == _runEnd || EventKey.Precedes(_heap[0], _run[_head])) return ref _heap[0];
            return ref _run[_head];
        }
    }

    /// <summary>Removes and returns the earliest event; the bottom must not be empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public EventKey Pop()
    {
        if (_heapCount == 0) return _run[_head++];
        return PopEither();
    }

    /// <summary>Removes the earliest event if it is due before <paramref name="endExclusive"/>; the bottom must not be empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPopBefore(long endExclusive, out EventKey key)
    {
        if (_heapCount == 0)
        {
            ref EventKey head = ref _run[_head];
            if (head.Time >= endExclusive)
            {
                key = default;
                return false;
            }
            key = head;
            _head++;
            return true;
        }
        return TryPopEitherBefore(endExclusive, out key);
    }

    /// <summary>
    /// Room for the <paramref name="count"/> events of a new run, to be filled (in any order) and then passed to
    /// <see cref="EndLoad"/>; the bottom must be empty.
    /// </summary>
    public Span<EventKey> BeginLoad(int count)
    {
        if (_run.Length < count)
        {
            _run = new EventKey[Math.Max(count, _run.Length * 2)];
            _scratch = new EventKey[_run.Length];
        }
        _head = 0;
        _runEnd = count;
        return _scratch.AsSpan(0, count);
    }

    /// <summary>Sorts the events loaded since <see cref="BeginLoad"/>, all with times in [<paramref name="start"/>, start + 2^<paramref name="shift"/>), into the run.</summary>
    public void EndLoad(long start, int shift) => _sort.Sort(_scratch.AsSpan(0, _runEnd), _run.AsSpan(0, _runEnd), start, shift);

    /// <summary>Makes <paramref name="key"/> the whole run; the bottom must be empty.</summary>
    public void LoadSingle(in EventKey key)
    {
        _run[0] = key;
        _head = 0;
        _runEnd = 1;
    }

    /// <summary>
    /// Adds an event due before the frontier: into the sorted run while that is short and the heap empty (shifting a
    /// few later events up, usually none), otherwise into the heap.
    /// </summary>
    public void Insert(in EventKey key)
    {
        if (_heapCount == 0 && _runEnd - _head < ShortRun)
        {
            if (_runEnd == _run.Length)
            {
                // The run array is at least 2 × ShortRun long, so the head is far from 0: slide the run down.
                _run.AsSpan(_head, _runEnd - _head).CopyTo(_run);
                _runEnd -= _head;
                _head = 0;
            }
            int index = _runEnd++;
            while (index > _head && EventKey.Precedes(key, _run[index - 1]))
            {
                _run[index] = _run[index - 1];
                index--;
            }
            _run[index] = key;
            return;
        }
        if (_heapCount == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
        EventKey[] heap = _heap;
        int slot = _heapCount++;
        while (slot > 0)
        {
            int parent = (slot - 1) >> 2;
            if (!EventKey.Precedes(key, heap[parent])) break;
            heap[slot] = heap[parent];
            slot = parent;
        }
        heap[slot] = key;
    }

    private EventKey PopEither()
    {
        if (_head != _runEnd && !EventKey.Precedes(_heap[0], _run[_head])) return _run[_head++];
        EventKey top = _heap[0];
        RemoveHeapTop();
        return top;
    }

    private bool TryPopEitherBefore(long endExclusive, out EventKey key)
    {
        bool fromRun = _head != _runEnd && !EventKey.Precedes(_heap[0], _run[_head]);
        key = fromRun ? _run[_head] : _heap[0];
        if (key.Time >= endExclusive)
        {
            key = default;
            return false;
        }
        if (fromRun) _head++;
        else RemoveHeapTop();
        return true;
    }

    private void RemoveHeapTop()
    {
        int count = --_heapCount;
        if (count > 0) SiftDown(_heap[count], count);
    }

    private void SiftDown(EventKey key, int count)
    {
        EventKey[] heap = _heap;
        int index = 0;
        while (true)
        {
            int first = (index << 2) + 1;
            if (first >= count) break;
            int best = first;
            int end = Math.Min(first + 4, count);
            for (int child = first + 1; child < end; child++)
                if (EventKey.Precedes(heap[child], heap[best])) best = child;
            if (!EventKey.Precedes(heap[best], key)) break;
            heap[index] = heap[best];
            index = best;
        }
        heap[index] = key;
    }
}
