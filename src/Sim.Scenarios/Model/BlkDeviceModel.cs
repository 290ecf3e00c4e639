using Sim.Devices.Blk;
using Sim.Devices.Iommu;

namespace Sim.Scenarios.Model;

/// <summary>
/// How one device's backend reaches the guest and where it runs: the memory-sharing mechanism (<c>full</c>,
/// <c>grant-map</c>, <c>grant-persistent</c>, <c>grant-copy</c>, <c>virtio-grants</c>, <c>iommu</c>, <c>window</c>),
/// the backend's placement (KVM: <c>vmm</c>, <c>vhost</c>, <c>vhost-user</c>, <c>other-vm</c>; Xen: <c>dom0</c>,
/// <c>driver-domain</c>), the backend domain's vCPUs (TLB-flush IPIs), the KVM kick (<c>vmm</c>: an exit to the VMM;
/// <c>ioeventfd</c>), the IOMMU invalidation, the bounce window's or persistent pool's size, and the virtio transport.
/// </summary>
/// <param name="Mechanism">The sharing mechanism's name.</param>
/// <param name="Backend">Where the backend runs.</param>
/// <param name="BackendVcpus">vCPUs of the backend's domain.</param>
/// <param name="Kick">KVM kick path (ignored on Xen).</param>
/// <param name="Invalidation">IOMMU invalidation (for <c>iommu</c>).</param>
/// <param name="WindowBytes">Size of the bounce window (<c>window</c>) or persistent pool (<c>grant-persistent</c>).</param>
/// <param name="Transport">The virtio transport, <c>pci</c> or <c>mmio</c>; null: the cost profile's default (x86: pci, Arm: mmio).</param>
/// <param name="IommuMapsEachPage">For <c>iommu</c>: the guest's buffers are scattered page by page, so each page takes its own MAP.</param>
/// <param name="BackendThread">
/// The name of the backend thread this device's backend shares with the guest's other devices that name it (one vhost
/// worker or VMM I/O thread for several virtqueues); null: a thread of its own.
/// </param>
public sealed record SharingModel(string Mechanism, string Backend, int BackendVcpus, string Kick, IommuInvalidation Invalidation, ulong WindowBytes, string? Transport = null,
    bool IommuMapsEachPage = false, string? BackendThread = null)
{
    /// <summary>What a device without sharing keys gets on <paramref name="platform"/>: full mapping by vhost-user on KVM, grant map/unmap by dom0 on Xen.</summary>
    public static SharingModel DefaultFor(string platform) => platform == "xen"
        ? new SharingModel("grant-map", "dom0", 1, "ioeventfd", IommuInvalidation.Strict, 4UL << 20)
        : new SharingModel("full", "vhost-user", 1, "ioeventfd", IommuInvalidation.Strict, 4UL << 20);
}

/// <summary>A virtio-blk device on its guest's platform (virtio 1.2, 5.2).</summary>
/// <param name="Name">The device's name within its guest.</param>
/// <param name="Packed">Ask for VIRTIO_F_RING_PACKED.</param>
/// <param name="EventIdx">Ask for VIRTIO_RING_F_EVENT_IDX.</param>
/// <param name="Indirect">Ask for VIRTIO_RING_F_INDIRECT_DESC.</param>
/// <param name="QueueSize">The queue size.</param>
/// <param name="Sharing">How the backend reaches guest memory and where it runs.</param>
/// <param name="Workload">The request workload.</param>
/// <param name="CapacitySectors">The disk's capacity in 512-byte sectors.</param>
/// <param name="Storage">
/// <c>ram</c>: a RAM-backed disk whose access and copy are the backend thread's work; <c>device</c>: a disk that serves
/// requests on its own (an NVMe drive), access times overlapping across the workload's channels and transfers sharing
/// its bandwidth. Both take their figures from the profile's <c>storage.*</c> entries.
/// </param>
/// <param name="CoherentHeaders">Request headers and status bytes in memory shared for the device's life instead of mapped per request.</param>
/// <param name="ResetAt">When the driver resets the device and brings it up again (virtio 1.2, 2.4), or null: never.</param>
public sealed record BlkDeviceModel(
    string Name, bool Packed, bool EventIdx, bool Indirect, ushort QueueSize, SharingModel Sharing, BlkWorkload Workload, ulong CapacitySectors,
    string Storage = "ram", bool CoherentHeaders = false, Sim.Core.Time.SimTime? ResetAt = null);
