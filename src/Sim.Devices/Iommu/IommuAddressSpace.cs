namespace Sim.Devices.Iommu;

/// <summary>
/// A domain's IOVA space: disjoint mappings sorted by first IOVA (so their last IOVAs are sorted too), with the MAP
/// and UNMAP rules of virtio 1.2, 5.13.6.5-6: a MAP overlapping an existing mapping is INVAL; an UNMAP removes every
/// mapping wholly inside its range, and if one would be split it answers RANGE and removes nothing.
/// </summary>
public sealed class IommuAddressSpace
{
    private readonly SortedList<ulong, IommuMapping> _mappings = new();

    /// <summary>The mappings, by first IOVA.</summary>
    public IEnumerable<IommuMapping> Mappings => _mappings.Values;

    /// <summary>Number of mappings.</summary>
    public int Count => _mappings.Count;

    /// <summary>The mapping covering <paramref name="iova"/>, if any.</summary>
    public IommuMapping? Find(ulong iova)
    {
        int index = LastStartingAtOrBelow(iova);
        if (index < 0) return null;
        var mapping = _mappings.Values[index];
        return mapping.VirtEnd >= iova ? mapping : null;
    }

    /// <summary>Whether some mapping intersects [<paramref name="start"/>, <paramref name="end"/>].</summary>
    public bool Overlaps(ulong start, ulong end)
    {
        int index = LastStartingAtOrBelow(end);
        return index >= 0 && _mappings.Values[index].VirtEnd >= start;
    }

    /// <summary>Adds <paramref name="mapping"/>; false (nothing added) when it overlaps an existing one.</summary>
    public bool TryAdd(IommuMapping mapping)
    {
        if (Overlaps(mapping.VirtStart, mapping.VirtEnd)) return false;
        _mappings.Add(mapping.VirtStart, mapping);
        return true;
    }

    /// <summary>
    /// Removes every mapping wholly inside [<paramref name="start"/>, <paramref name="end"/>] into
    /// <paramref name="removed"/>; returns false and removes nothing when a mapping straddles either end.
    /// </summary>
    public bool TryRemove(ulong start, ulong end, List<IommuMapping> removed)
    {
        int last = LastStartingAtOrBelow(end);
        int first = last;
        while (first >= 0 && _mappings.Values[first].VirtEnd >= start) first--;
        first++;
        for (int i = first; i <= last; i++)
        {
            var mapping = _mappings.Values[i];
            if (mapping.VirtStart < start || mapping.VirtEnd > end) return false;
        }
        for (int i = last; i >= first; i--)
        {
            removed.Add(_mappings.Values[i]);
            _mappings.RemoveAt(i);
        }
        return true;
    }

    private int LastStartingAtOrBelow(ulong iova)
    {
        var keys = _mappings.Keys;
        int lo = 0, hi = keys.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = lo + (hi - lo) / 2;
            if (keys[mid] <= iova)
            {
                found = mid;
                lo = mid + 1;
            }
            else hi = mid - 1;
        }
        return found;
    }
}
