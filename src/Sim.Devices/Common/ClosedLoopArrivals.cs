namespace Sim.Devices.Common;

/// <summary>
/// Closed-loop arrivals (virtio 1.2, 2.7.13: a driver that keeps its queue depth full): a new request for every free
/// slot, at start and after every completion, its latency counted from when the driver prepares it. Requests that
/// wait for DMA mappings with none in flight will never be freed: a finding (<c>dma-map-stalled</c>).
/// </summary>
internal sealed class ClosedLoopArrivals : RequestArrivals
{
    /// <inheritdoc />
    internal override void Begin() => Refill();

    /// <inheritdoc />
    internal override void SlotsFreed() => Refill();

    /// <summary>A new request for every free slot, then submit what can be.</summary>
    private void Refill()
    {
        var slots = Slots;
        while (!slots.IsStopped && slots.HasFreeSlot) slots.Take(slots.Busy);
        slots.Submit();
        slots.ReportIfStalledForGood();
    }
}
