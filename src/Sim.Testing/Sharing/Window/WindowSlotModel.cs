using Sim.Hypervisors.Window;

namespace Sim.Testing.Sharing.Window;

/// <summary>
/// <see cref="WindowHarness"/>'s plain model of the bounce window's slot allocator: a free-slot array searched first
/// fit from a rotating index that moves past each mapping made. It says where the next mapping must land and checks
/// that the real <see cref="BounceWindow"/> holds exactly the slots it holds.
/// </summary>
internal sealed class WindowSlotModel
{
    private readonly bool[] _free;
    private int _index;

    /// <summary>A window of <paramref name="slots"/> slots, all free, the search starting at slot 0.</summary>
    public WindowSlotModel(int slots) => _free = Enumerable.Repeat(true, slots).ToArray();

    /// <summary>Whether slot <paramref name="slot"/> is free.</summary>
    public bool IsFree(int slot) => _free[slot];

    /// <summary>The first slot of the first run of <paramref name="count"/> free slots from the rotating index; -1 when none.</summary>
    public int FirstFit(int count)
    {
        int slots = _free.Length;
        for (int i = 0; i < slots; i++)
        {
            int start = (_index + i) % slots;
            if (start + count <= slots && _free.AsSpan(start, count).IndexOf(false) < 0) return start;
        }
        return -1;
    }

    /// <summary>A mapping takes slots [<paramref name="first"/>, +<paramref name="count"/>); the search goes on after them.</summary>
    public void Take(int first, int count)
    {
        for (int s = first; s < first + count; s++) _free[s] = false;
        _index = (first + count) % _free.Length;
    }

    /// <summary>An unmap frees slots [<paramref name="first"/>, +<paramref name="count"/>).</summary>
    public void Release(int first, int count)
    {
        for (int s = first; s < first + count; s++) _free[s] = true;
    }

    /// <summary>
    /// The first slot <paramref name="window"/> holds and the model has free, or the other way round, as a violation
    /// message; null when they agree, with <paramref name="inUse"/> the slots the model holds.
    /// </summary>
    public string? Disagreement(BounceWindow window, out int inUse)
    {
        inUse = 0;
        for (int s = 0; s < _free.Length; s++)
        {
            if (window.IsSlotInUse(s) == _free[s])
                return $"slot {s} is {(_free[s] ? "held" : "free")}, the model has it {(_free[s] ? "free" : "held")}";
            if (!_free[s]) inUse++;
        }
        return null;
    }
}
