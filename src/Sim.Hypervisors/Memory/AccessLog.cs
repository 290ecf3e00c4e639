namespace Sim.Hypervisors.Memory;

/// <summary>
/// Who touched what: per accessor, counts and bytes of allowed and refused reads and writes, and the set of guest
/// pages each accessor has touched (its exposure); optionally every single access, for tests and teaching views.
/// Counting is allocation-free; the detailed list is off unless asked for.
/// </summary>
public sealed class AccessLog(bool keepEveryAccess = false)
{
    private readonly Dictionary<string, AccessorTally> _tallies = new(StringComparer.Ordinal);
    private readonly List<MemoryAccess> _accesses = new();

    /// <summary>Every access in order, when the log was created with <c>keepEveryAccess</c>.</summary>
    public IReadOnlyList<MemoryAccess> Accesses => _accesses;

    /// <summary>Whether every access is kept.</summary>
    public bool KeepsEveryAccess => keepEveryAccess;

    /// <summary>The tally of one accessor (created on first use).</summary>
    public AccessorTally For(string accessor)
    {
        if (!_tallies.TryGetValue(accessor, out var tally)) _tallies.Add(accessor, tally = new AccessorTally(accessor));
        return tally;
    }

    /// <summary>All tallies, by accessor path (ordinal).</summary>
    public IReadOnlyList<AccessorTally> Tallies => _tallies.Values.OrderBy(t => t.Accessor, StringComparer.Ordinal).ToList();

    /// <summary>Records one access.</summary>
    public void Record(AccessorTally tally, MemoryAccessKind kind, ulong address, uint length, AccessVerdict verdict)
    {
        tally.Count(kind, address, length, verdict);
        if (keepEveryAccess) _accesses.Add(new MemoryAccess(tally.Accessor, kind, address, length, verdict));
    }
}

/// <summary>One accessor's counts, and the guest pages it has reached (allowed accesses only).</summary>
public sealed class AccessorTally(string accessor)
{
    private readonly PageSet _pages = new();

    /// <summary>The accessor's path.</summary>
    public string Accessor { get; } = accessor;
    /// <summary>Allowed reads.</summary>
    public long Reads { get; private set; }
    /// <summary>Allowed writes.</summary>
    public long Writes { get; private set; }
    /// <summary>Bytes read.</summary>
    public long BytesRead { get; private set; }
    /// <summary>Bytes written.</summary>
    public long BytesWritten { get; private set; }
    /// <summary>Accesses refused as out of range or denied.</summary>
    public long Refused { get; private set; }
    /// <summary>Distinct guest pages reached by allowed accesses.</summary>
    public int PagesTouched => _pages.Count;

    /// <summary>Forgets everything counted so far (the end of a warm-up): counts and pages touched start again.</summary>
    public void Reset()
    {
        Reads = Writes = BytesRead = BytesWritten = Refused = 0;
        _pages.Clear();
    }

    /// <summary>Whether an allowed access of this accessor reached the page holding <paramref name="address"/>.</summary>
    public bool Touched(ulong address) => _pages.Contains(address >> GuestMemory.PageShift);

    internal void Count(MemoryAccessKind kind, ulong address, uint length, AccessVerdict verdict)
    {
        if (verdict != AccessVerdict.Allowed)
        {
            Refused++;
            return;
        }
        if (kind == MemoryAccessKind.Read)
        {
            Reads++;
            BytesRead += length;
        }
        else
        {
            Writes++;
            BytesWritten += length;
        }
        if (length == 0) return;
        ulong first = address >> GuestMemory.PageShift, last = (address + length - 1) >> GuestMemory.PageShift;
        for (ulong page = first; page <= last; page++) _pages.Add(page);
    }
}
