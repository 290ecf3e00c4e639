using Sim.Hypervisors.Platform;
using FsCheck;
using FsCheck.Fluent;
using Sim.Hypervisors.Window;

namespace Sim.Testing.Sharing.Window;

/// <summary>One step of a random bounce-window sequence, run by <see cref="WindowHarness.Apply"/>.</summary>
public abstract record WindowOp;

/// <summary>
/// The guest maps (allocates slots for, and copies in as the direction asks) a buffer of <paramref name="Length"/>
/// bytes at <paramref name="Offset"/> of a fresh guest region (each map takes the next region).
/// </summary>
/// <param name="Offset">Offset of the buffer in its region.</param>
/// <param name="Length">Bytes (1 to 150 KiB; above the window's 64 KiB it can never be mapped).</param>
/// <param name="Direction">The DMA direction.</param>
public sealed record MapBuffer(int Offset, int Length, DmaDirection Direction) : WindowOp
{
    /// <inheritdoc />
    public override string ToString() => $"map(+{Offset},{Length},{Direction})";
}

/// <summary>Where a device access aims.</summary>
public enum WindowTarget
{
    /// <summary>Inside a live mapping (the pick-th, oldest first), clipped to its length.</summary>
    Live,
    /// <summary>At a slot of the window, live or free (slot = pick modulo the slot count).</summary>
    Slot,
    /// <summary>Just below the window (even pick) or across its end (odd pick).</summary>
    Outside,
}

/// <summary>A device read or write of <paramref name="Length"/> bytes at <paramref name="Offset"/> from the <paramref name="Target"/>.</summary>
/// <param name="Target">Where.</param>
/// <param name="Pick">Which mapping or slot.</param>
/// <param name="Offset">Offset from the target's start.</param>
/// <param name="Length">Bytes (at least 1).</param>
/// <param name="Write">Whether it writes.</param>
public sealed record DeviceAccess(WindowTarget Target, int Pick, int Offset, int Length, bool Write) : WindowOp
{
    /// <inheritdoc />
    public override string ToString() => Target switch
    {
        WindowTarget.Live => $"dev{(Write ? "write" : "read")}(live#{Pick}+{Offset},{Length})",
        WindowTarget.Slot => $"dev{(Write ? "write" : "read")}(slot{Pick}+{Offset},{Length})",
        _ => $"dev{(Write ? "write" : "read")}({(Pick % 2 == 0 ? "below" : "across end of")} window,{Length})",
    };
}

/// <summary>The guest unmaps the pick-th live mapping (oldest first), copying back as its direction asks; with none live, an unmap of nothing.</summary>
/// <param name="Pick">Which mapping.</param>
public sealed record UnmapBuffer(int Pick) : WindowOp
{
    /// <inheritdoc />
    public override string ToString() => $"unmap(live#{Pick})";
}

/// <summary>A device reset: see <see cref="WindowHarness.Reset"/>.</summary>
public sealed record ResetWindow : WindowOp
{
    /// <inheritdoc />
    public override string ToString() => "reset";
}

/// <summary>FsCheck generators of bounce-window operations and sequences.</summary>
public static class WindowGenerators
{
    private static readonly Gen<int> Lengths = Gen.Frequency(
        (4, Gen.Choose(1, 2 * BounceWindow.SlotSize + 1)),
        (3, Gen.Choose(1, 12 * BounceWindow.SlotSize)),
        (1, Gen.Elements(1, BounceWindow.SlotSize, BounceWindow.SlotSize + 1, 4096)),
        (1, Gen.Choose(WindowHarness.WindowSize + 1, 150 * 1024)));

    /// <summary>One operation: maps, device accesses (mostly inside live mappings, some at any slot, a few outside), unmaps, rarely a reset.</summary>
    public static Gen<WindowOp> Op { get; } = Gen.Frequency(
        (4, from offset in Gen.Choose(0, 0xfff)
            from length in Lengths
            from direction in Gen.Elements(DmaDirection.ToDevice, DmaDirection.FromDevice, DmaDirection.Bidirectional)
            select (WindowOp)new MapBuffer(offset, length, direction)),
        (5, from target in Gen.Frequency((6, Gen.Constant(WindowTarget.Live)), (2, Gen.Constant(WindowTarget.Slot)), (1, Gen.Constant(WindowTarget.Outside)))
            from pick in Gen.Choose(0, 40)
            from offset in Gen.Choose(0, 3000)
            from length in Gen.Choose(1, 3000)
            from write in Gen.Elements(true, false)
            select (WindowOp)new DeviceAccess(target, pick, offset, length, write)),
        (3, from pick in Gen.Choose(0, 7) select (WindowOp)new UnmapBuffer(pick)),
        (1, Gen.Constant((WindowOp)new ResetWindow())));

    /// <summary>Sequences of 1 to <paramref name="maxSteps"/> operations, shrinking by halves and single steps.</summary>
    public static Arbitrary<OpScript<WindowOp>> Sequences(int maxSteps = 40) => OpScript<WindowOp>.Arbitrary(Op, maxSteps);
}
