namespace Sim.Hypervisors.Window;

/// <summary>
/// The slot bookkeeping of a bounce pool, after Linux kernel/dma/swiotlb.c (one area; no per-CPU areas): a flag per
/// slot, and a rotating start index. A search for n slots is first fit starting at the index, wrapping once around
/// the pool; a run never wraps past the last slot. After a successful allocation the index moves just past the run,
/// so successive maps walk around the pool instead of crowding its start (swiotlb's <c>area-&gt;index</c>).
/// </summary>
internal sealed class SlotAllocator(int slots)
{
    private readonly bool[] _used = new bool[slots];
    private int _index;

    /// <summary>Slots in the pool.</summary>
    public int Count => _used.Length;

    /// <summary>Where the next search starts.</summary>
    public int NextIndex => _index;

    /// <summary>Whether slot <paramref name="slot"/> is held.</summary>
    public bool IsUsed(int slot) => _used[slot];

    /// <summary>The first slot of a free run of <paramref name="count"/> slots, now marked used; -1 if none.</summary>
    public int Allocate(int count)
    {
        if (count <= 0 || count > _used.Length) return -1;
        for (int tried = 0, slot = _index; tried < _used.Length; tried++, slot = slot + 1 == _used.Length ? 0 : slot + 1)
        {
            if (slot + count > _used.Length) continue; // a run must not wrap past the end
            if (!RunIsFree(slot, count)) continue;
            _used.AsSpan(slot, count).Fill(true);
            _index = slot + count == _used.Length ? 0 : slot + count;
            return slot;
        }
        return -1;
    }

    /// <summary>Frees the run of <paramref name="count"/> slots at <paramref name="first"/>.</summary>
    public void Free(int first, int count) => _used.AsSpan(first, count).Clear();

    private bool RunIsFree(int first, int count) => !_used.AsSpan(first, count).Contains(true);
}
