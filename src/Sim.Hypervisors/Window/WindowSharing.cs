using Sim.Core.Costs;
using Sim.Core.Time;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;

namespace Sim.Hypervisors.Window;

/// <summary>
/// A shared-memory window with bounce buffers (a <c>restricted-dma-pool</c>, Linux
/// <c>Documentation/devicetree/bindings/reserved-memory/shared-dma-pool.yaml</c> and <c>kernel/dma/swiotlb.c</c>; or a pKVM guest that
/// shares a fixed range with MEM_SHARE; also the window two VMs share when the backend runs in another guest). The
/// backend reaches only the window and the shared rings; the driver bounces every buffer through 2 KiB slots
/// (<see cref="BounceWindow"/>): device-bound bytes are copied in at map time, device-written bytes out at unmap time
/// (memcpy on the vCPU at <c>cpu.memcpy</c>, plus <c>window.slotSearch</c> per map). A full window is
/// <see cref="DmaMapStatus.Exhausted"/>; the request waits. Exposure: the window and the rings, always.
/// </summary>
public sealed class WindowSharing : IdentitySharingMechanism
{
    /// <summary>The mechanism's scenario name.</summary>
    public const string MechanismName = "window";

    private readonly List<(ulong Start, ulong End)> _shared = new();
    private readonly CostItem _slotSearch;

    /// <summary>A window of <paramref name="size"/> bytes at <paramref name="windowBase"/> in the context's guest memory.</summary>
    public WindowSharing(SharingContext context, ulong windowBase, ulong size, bool preloadFromDevice = false) : base(MechanismName, context)
    {
        Window = new BounceWindow(context.Memory, windowBase, size, preloadFromDevice);
        _slotSearch = Costs.Item("window.slotSearch");
        _shared.Add((windowBase, windowBase + size));
        Exposure.Reach(windowBase, size);
    }

    /// <summary>The window's slots and counters.</summary>
    public BounceWindow Window { get; }

    /// <inheritdoc />
    public override void ShareForLifetime(ulong address, ulong length)
    {
        _shared.Add((address, address + length));
        Exposure.Reach(address, length);
    }

    /// <inheritdoc />
    public override DmaMapResult Map(ulong guestAddress, uint length, DmaDirection direction)
    {
        long copiedBefore = Window.Counters.BytesCopiedIn;
        var result = Window.TryMap(guestAddress, length, direction, out ulong windowAddress);
        SimTime cost = Context.ChargeDriver(_slotSearch.Once);
        if (result.Status != WindowMapStatus.Mapped)
        {
            if (result.Status == WindowMapStatus.Exhausted) Counters.Exhaustions++;
            return new(result.Status == WindowMapStatus.Exhausted ? DmaMapStatus.Exhausted : DmaMapStatus.Refused, default, cost, result.Reason);
        }
        cost += CountCopy(Window.Counters.BytesCopiedIn - copiedBefore);
        return new(DmaMapStatus.Mapped, new DmaBuffer(guestAddress, length, direction, windowAddress, (long)windowAddress), cost, "");
    }

    /// <inheritdoc />
    public override DmaUnmapResult Unmap(in DmaBuffer buffer)
    {
        long copiedBefore = Window.Counters.BytesCopiedOut;
        var status = Window.Unmap(buffer.DmaAddress, buffer.Length, buffer.Direction);
        if (status != WindowUnmapStatus.Unmapped)
            return new(DmaUnmapStatus.NotMapped, SimTime.Zero, $"window buffer at 0x{buffer.DmaAddress:x} was not mapped ({status})");
        return new(DmaUnmapStatus.Unmapped, CountCopy(Window.Counters.BytesCopiedOut - copiedBefore), "");
    }

    /// <inheritdoc />
    public override SimTime SyncForDevice(in DmaBuffer buffer) => CountCopy(Window.SyncForDevice(buffer.DmaAddress));

    /// <inheritdoc />
    protected override AccessVerdict Check(ulong address, ulong length, out string rule)
    {
        rule = "";
        if (!Memory.Contains(address, length))
        {
            rule = "outside guest RAM";
            return AccessVerdict.OutOfRange;
        }
        foreach (var (start, end) in _shared)
            if (address >= start && address + length <= end) return AccessVerdict.Allowed;
        rule = $"outside the shared window [0x{Window.Base:x}, +0x{Window.Size:x}) and the shared rings";
        return AccessVerdict.Denied;
    }

    private SimTime CountCopy(long bytes)
    {
        if (bytes <= 0) return SimTime.Zero;
        Counters.Copies++;
        Counters.BytesCopied += bytes;
        return Context.ChargeDriver(Costs.MemcpyCharge(bytes));
    }
}
