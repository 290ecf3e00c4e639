namespace Sim.Devices.Iommu;

/// <summary>One cached translation: the guest-physical page of an IOVA page of a domain, its permissions, and whether it is stale (its mapping is gone but the invalidation is deferred).</summary>
/// <param name="Domain">Domain id.</param>
/// <param name="IovaPage">IOVA page number (IOVA &gt;&gt; 12).</param>
/// <param name="PhysPage">Guest-physical page number.</param>
/// <param name="Flags">Permissions of the mapping it came from.</param>
/// <param name="Stale">Whether the mapping was unmapped and this entry only awaits a deferred flush (simulator bookkeeping; hardware cannot tell).</param>
public readonly record struct IoTlbEntry(uint Domain, ulong IovaPage, ulong PhysPage, IommuMapFlags Flags, bool Stale);

/// <summary>
/// The IOTLB: a page-granular (4 KiB), fully associative, least-recently-used cache of translations keyed by
/// (domain, IOVA page), with hit, miss, eviction and invalidation counters.
/// </summary>
public sealed class IoTlb
{
    private readonly Dictionary<(uint Domain, ulong Page), LinkedListNode<IoTlbEntry>> _entries = new();
    private readonly LinkedList<IoTlbEntry> _lru = new(); // most recently used first

    /// <summary>An IOTLB of <paramref name="capacity"/> entries (at least 1).</summary>
    public IoTlb(int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), $"an IOTLB needs at least 1 entry, was {capacity}");
        Capacity = capacity;
    }

    /// <summary>Entries it can hold.</summary>
    public int Capacity { get; }
    /// <summary>Entries it holds.</summary>
    public int Count => _entries.Count;
    /// <summary>Entries that are stale.</summary>
    public int StaleCount => _lru.Count(e => e.Stale);
    /// <summary>Lookups that found an entry.</summary>
    public long Hits { get; private set; }
    /// <summary>Lookups that found none.</summary>
    public long Misses { get; private set; }
    /// <summary>Entries dropped to make room.</summary>
    public long Evictions { get; private set; }
    /// <summary>Entries dropped by invalidation.</summary>
    public long Invalidations { get; private set; }

    /// <summary>Looks up (counting a hit or a miss) the translation of <paramref name="iovaPage"/> in <paramref name="domain"/>.</summary>
    public bool TryLookup(uint domain, ulong iovaPage, out IoTlbEntry entry)
    {
        if (_entries.TryGetValue((domain, iovaPage), out var node))
        {
            Hits++;
            _lru.Remove(node);
            _lru.AddFirst(node);
            entry = node.Value;
            return true;
        }
        Misses++;
        entry = default;
        return false;
    }

    /// <summary>Caches <paramref name="entry"/>, replacing any entry of the same page and evicting the least recently used one when full.</summary>
    public void Insert(IoTlbEntry entry)
    {
        var key = (entry.Domain, entry.IovaPage);
        if (_entries.Remove(key, out var old)) _lru.Remove(old);
        else if (_entries.Count == Capacity)
        {
            var victim = _lru.Last!;
            _lru.RemoveLast();
            _entries.Remove((victim.Value.Domain, victim.Value.IovaPage));
            Evictions++;
        }
        _entries.Add(key, _lru.AddFirst(entry));
    }

    /// <summary>Drops the entries of <paramref name="domain"/> for IOVA pages [<paramref name="firstPage"/>, <paramref name="lastPage"/>].</summary>
    public void Invalidate(uint domain, ulong firstPage, ulong lastPage) =>
        RemoveWhere(e => e.Domain == domain && e.IovaPage >= firstPage && e.IovaPage <= lastPage);

    /// <summary>Drops every entry of <paramref name="domain"/>.</summary>
    public void InvalidateDomain(uint domain) => RemoveWhere(e => e.Domain == domain);

    /// <summary>Drops every stale entry (the deferred flush).</summary>
    public void InvalidateStale() => RemoveWhere(e => e.Stale);

    /// <summary>Drops every entry.</summary>
    public void InvalidateAll() => RemoveWhere(_ => true);

    /// <summary>Marks the entries of <paramref name="domain"/> for IOVA pages [<paramref name="firstPage"/>, <paramref name="lastPage"/>] stale (their mapping is gone, their flush deferred).</summary>
    public void MarkStale(uint domain, ulong firstPage, ulong lastPage)
    {
        for (var node = _lru.First; node is not null; node = node.Next)
        {
            var e = node.Value;
            if (e.Domain == domain && e.IovaPage >= firstPage && e.IovaPage <= lastPage) node.Value = e with { Stale = true };
        }
    }

    private void RemoveWhere(Func<IoTlbEntry, bool> predicate)
    {
        var node = _lru.First;
        while (node is not null)
        {
            var next = node.Next;
            if (predicate(node.Value))
            {
                _lru.Remove(node);
                _entries.Remove((node.Value.Domain, node.Value.IovaPage));
                Invalidations++;
            }
            node = next;
        }
    }
}
