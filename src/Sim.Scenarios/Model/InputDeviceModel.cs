using Sim.Devices.Input;

namespace Sim.Scenarios.Model;

/// <summary>A virtio-input device (virtio 1.2, 5.8): ring options, queue size, the human interface device behind it, sharing.</summary>
/// <param name="Name">The device's name within its guest.</param>
/// <param name="Packed">Ask for VIRTIO_F_RING_PACKED.</param>
/// <param name="EventIdx">Ask for VIRTIO_RING_F_EVENT_IDX.</param>
/// <param name="QueueSize">Entries per queue (eventq and statusq).</param>
/// <param name="Workload">The reports the device delivers and the buffers the driver posts.</param>
/// <param name="Sharing">How the backend reaches guest memory and where it runs.</param>
public sealed record InputDeviceModel(string Name, bool Packed, bool EventIdx, ushort QueueSize, InputWorkload Workload, SharingModel Sharing);
