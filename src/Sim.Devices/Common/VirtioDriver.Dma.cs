using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Devices.Common;

/// <summary>
/// The DMA API side of <see cref="VirtioDriver"/> (Linux <c>dma_map_single</c> / <c>dma_unmap_single</c> around every
/// buffer, virtio 1.2, 6.1 with VIRTIO_F_ACCESS_PLATFORM): mapping a request's buffers through the platform, giving
/// them back when a request cannot go on or is reclaimed, and adding its chain.
/// </summary>
public abstract partial class VirtioDriver
{
    /// <summary>Maps one buffer for the device, spending its cost; a refusal is a finding.</summary>
    protected DmaMapStatus TryMap(ulong address, uint length, DmaDirection direction, out DmaBuffer buffer)
    {
        var result = Platform.Map(address, length, direction);
        Spend(result.Cost);
        buffer = result.Buffer;
        if (result.Status == DmaMapStatus.Refused)
            ReportFinding("dma-map-refused", $"{Platform.Mechanism}: {length} B at 0x{address:x} ({direction}): {result.Problem}", null);
        return result.Status;
    }

    /// <summary>
    /// Gives back what a request had mapped before it could not go on (<paramref name="status"/> null: the ring was full);
    /// a refusal stops the driver, an exhausted mapping counts a stall.
    /// </summary>
    protected Submit Failed(DmaMapStatus? status, params ReadOnlySpan<DmaBuffer> mapped)
    {
        foreach (var buffer in mapped) Unmap(buffer);
        if (status == DmaMapStatus.Refused)
        {
            _stopped = true;
            return Submit.Refused;
        }
        if (status == DmaMapStatus.Exhausted) _mapStalls.Increment();
        return Submit.Stalled;
    }

    /// <summary>
    /// Adds <paramref name="slot"/>'s chain of DMA addresses; when the ring is full, unmaps <paramref name="mapped"/>
    /// and stalls.
    /// </summary>
    protected Submit AddChain(int slot, ReadOnlySpan<BufferSpec> readable, ReadOnlySpan<BufferSpec> writable, params ReadOnlySpan<DmaBuffer> mapped)
    {
        Spend(Costs.AddChain);
        if (!Queue!.TryAdd(readable, writable, slot)) return Failed(null, mapped);
        _inFlight.Add(slot);
        return Submit.Added;
    }

    /// <summary>
    /// Maps one device-writable buffer of <paramref name="length"/> bytes at <paramref name="address"/> and adds it alone
    /// to queue <paramref name="queue"/> under <paramref name="token"/>: a receive or event buffer the device fills when it
    /// has something (virtio 1.2, 5.1.6.3, 5.8.6.1, 5.14.6.9). <see cref="DmaMapStatus.Mapped"/> when posted (its mapping
    /// in <paramref name="buffer"/>); <see cref="DmaMapStatus.Exhausted"/> when it must be posted again later (no mapping
    /// now, or the ring full: the mapping is given back); <see cref="DmaMapStatus.Refused"/> when the platform refused it
    /// (a finding).
    /// </summary>
    protected DmaMapStatus TryPostWritable(int queue, ulong address, uint length, long token, out DmaBuffer buffer)
    {
        var status = TryMap(address, length, DmaDirection.FromDevice, out buffer);
        if (status != DmaMapStatus.Mapped) return status;
        Spend(Costs.AddChain);
        if (Queues[queue].TryAdd([], [new BufferSpec(buffer.DmaAddress, length)], token)) return DmaMapStatus.Mapped;
        Unmap(buffer);
        return DmaMapStatus.Exhausted;
    }

    /// <summary>Hands a buffer that stays mapped back to the device after rewriting it (<see cref="IDriverPlatform.SyncForDevice"/>), spending its cost.</summary>
    protected void SyncForDevice(in DmaBuffer buffer) => Spend(Platform.SyncForDevice(buffer));

    /// <summary>Takes a buffer back from the device, spending its cost; a failed unmap is a finding.</summary>
    protected void Unmap(in DmaBuffer buffer)
    {
        var result = Platform.Unmap(buffer);
        Spend(result.Cost);
        if (result.Status != DmaUnmapStatus.Unmapped)
            ReportFinding("dma-unmap-failed", $"{Platform.Mechanism}: {buffer.Length} B at 0x{buffer.GuestAddress:x} (DMA 0x{buffer.DmaAddress:x}): {result.Status}: {result.Problem}", null);
    }
}
