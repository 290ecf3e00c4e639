namespace Sim.Hypervisors.Memory;

/// <summary>
/// Page numbers with reference counts, kept as sorted, disjoint runs of pages that share a count (adjacent runs of the
/// same count are merged): a full mapping of any size is one run, a request's granted buffer a few. Changing a span
/// costs a binary search plus the runs it touches; asking whether a page is in costs a binary search. Holds what an
/// exposure metric counts (issue 21: a dictionary entry per page made a 4 GiB full mapping cost 45 MB).
/// </summary>
internal sealed class PageIntervals
{
    private readonly List<Run> _runs = [];

    /// <summary>Pages whose count is above zero.</summary>
    public long Count { get; private set; }

    /// <summary>Runs held (for tests and sizing).</summary>
    public int RunCount => _runs.Count;

    /// <summary>Whether page <paramref name="page"/> has a count above zero.</summary>
    public bool Contains(ulong page)
    {
        int i = FirstEndingAfter(page);
        return i < _runs.Count && _runs[i].Start <= page;
    }

    /// <summary>The count of page <paramref name="page"/> (0 when absent).</summary>
    public int CountOf(ulong page)
    {
        int i = FirstEndingAfter(page);
        return i < _runs.Count && _runs[i].Start <= page ? _runs[i].Count : 0;
    }

    /// <summary>Adds one to the count of every page of [<paramref name="first"/>, <paramref name="end"/>).</summary>
    public void Increment(ulong first, ulong end) => Change(first, end, +1);

    /// <summary>Takes one from the count of every page of [<paramref name="first"/>, <paramref name="end"/>) that has one; a page at one leaves the set.</summary>
    public void Decrement(ulong first, ulong end) => Change(first, end, -1);

    private void Change(ulong first, ulong end, int delta)
    {
        if (end <= first) return;
        int i = FirstEndingAfter(first);
        int touchedFrom = Math.Max(0, i - 1);
        if (i < _runs.Count && _runs[i].Start < first) SplitAt(i++, first);
        ulong cursor = first;
        while (cursor < end)
        {
            if (i < _runs.Count && _runs[i].Start == cursor)
            {
                if (_runs[i].End > end) SplitAt(i, end);
                Run run = _runs[i];
                cursor = run.End;
                if (run.Count + delta == 0)
                {
                    Count -= (long)(run.End - run.Start);
                    _runs.RemoveAt(i);
                    continue;
                }
                _runs[i] = run with { Count = run.Count + delta };
                i++;
                continue;
            }
            ulong gapEnd = i < _runs.Count ? Math.Min(end, _runs[i].Start) : end;
            if (delta > 0)
            {
                _runs.Insert(i++, new Run(cursor, gapEnd, delta));
                Count += (long)(gapEnd - cursor);
            }
            cursor = gapEnd;
        }
        Coalesce(touchedFrom, i + 1);
    }

    /// <summary>Splits run <paramref name="i"/> in two at page <paramref name="at"/> (inside it).</summary>
    private void SplitAt(int i, ulong at)
    {
        Run run = _runs[i];
        _runs[i] = run with { End = at };
        _runs.Insert(i + 1, run with { Start = at });
    }

    /// <summary>Merges neighbouring runs of the same count among runs [<paramref name="from"/>, <paramref name="to"/>].</summary>
    private void Coalesce(int from, int to)
    {
        for (int i = Math.Max(from, 0); i + 1 < _runs.Count && i < to;)
        {
            Run left = _runs[i], right = _runs[i + 1];
            if (left.End == right.Start && left.Count == right.Count)
            {
                _runs[i] = left with { End = right.End };
                _runs.RemoveAt(i + 1);
                to--;
                continue;
            }
            i++;
        }
    }

    /// <summary>The index of the first run whose end is above <paramref name="page"/> (the run holding it, or the next).</summary>
    private int FirstEndingAfter(ulong page)
    {
        int low = 0, high = _runs.Count;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (_runs[mid].End <= page) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /// <summary>Pages [<see cref="Start"/>, <see cref="End"/>), each reached <see cref="Count"/> times.</summary>
    private readonly record struct Run(ulong Start, ulong End, int Count);
}
