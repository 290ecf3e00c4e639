using Sim.Core.Time;
using Sim.Hypervisors.Window;

namespace Sim.Hypervisors.Platform;

/// <summary>
/// What a virtio driver running on a guest vCPU needs from the platform underneath it, whatever the hypervisor and
/// the memory-sharing mechanism: make a buffer reachable by the device and take it back (the DMA API), kick the device,
/// and the cost of taking its interrupt. Every method charges what it costs to the driver vCPU's ledger and returns the
/// time; the driver spends it. Device models call only this interface, so one driver runs unchanged on KVM and Xen
/// with any mechanism.
/// </summary>
public interface IDriverPlatform
{
    /// <summary>The memory-sharing mechanism's name, as scenarios spell it (for findings and results).</summary>
    string Mechanism { get; }

    /// <summary>
    /// Whether the device reaches guest memory only through what <see cref="Map"/> makes reachable; the driver then
    /// needs VIRTIO_F_ACCESS_PLATFORM from the device (virtio 1.2, 6.1), as Linux does for Xen grants and restricted
    /// DMA. False for a full mapping.
    /// </summary>
    bool RestrictsAccess { get; }

    /// <summary>
    /// Makes the guest buffer [<paramref name="guestAddress"/>, +<paramref name="length"/>) reachable by the device for
    /// one request (Linux <c>dma_map_single</c>): grant it, map an IOVA for it, or bounce it into the window.
    /// </summary>
    DmaMapResult Map(ulong guestAddress, uint length, DmaDirection direction);

    /// <summary>
    /// Takes a buffer back after the device has returned it (Linux <c>dma_unmap_single</c>): revoke the grant, unmap the
    /// IOVA (and wait for the flush under strict invalidation), or copy the device's bytes out of the window.
    /// </summary>
    DmaUnmapResult Unmap(in DmaBuffer buffer);

    /// <summary>
    /// Hands a buffer that stays mapped back to the device after the CPU wrote it again (Linux
    /// <c>dma_sync_single_for_device</c>, e.g. a framebuffer mapped once and redrawn every frame): a no-op where the
    /// device reaches the guest's pages (full mapping, IOMMU, grants); a bounce mechanism copies the buffer into its
    /// slots again. Charged; returns the time.
    /// </summary>
    SimTime SyncForDevice(in DmaBuffer buffer);

    /// <summary>The driver notifies queue <paramref name="queue"/>: the trapped write or hypercall and its delivery to the backend.</summary>
    NotifyCost Kick(int queue);

    /// <summary>The vCPU takes one used-buffer interrupt (entry, handler dispatch and EOI): charged, returns its time.</summary>
    SimTime TakeInterrupt();

    /// <summary>
    /// The driver makes <paramref name="count"/> trapped register accesses other than a kick (each an exit handled by the
    /// VMM, or an IOREQ round trip on Xen): counts and charges them, returns the vCPU time.
    /// </summary>
    SimTime RegisterAccesses(int count);
}
