using Sim.Devices.Rpmb;

namespace Sim.Scenarios.Model;

/// <summary>A virtio-rpmb device (virtio 1.2, 5.12): ring options, queue size, the partition and the guest's secure-storage traffic, sharing.</summary>
/// <param name="Name">The device's name within its guest.</param>
/// <param name="Packed">Ask for VIRTIO_F_RING_PACKED.</param>
/// <param name="EventIdx">Ask for VIRTIO_RING_F_EVENT_IDX.</param>
/// <param name="QueueSize">Entries of the requestq.</param>
/// <param name="Workload">The device's configuration and the authenticated writes and reads the guest makes.</param>
/// <param name="Sharing">How the backend reaches guest memory and where it runs.</param>
public sealed record RpmbDeviceModel(string Name, bool Packed, bool EventIdx, ushort QueueSize, RpmbWorkload Workload, SharingModel Sharing);
