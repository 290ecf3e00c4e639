using Sim.Devices.Sound;

namespace Sim.Scenarios.Model;

/// <summary>A virtio-snd device (virtio 1.2, 5.14): ring options, queue size, what the guest plays through it, sharing.</summary>
/// <param name="Name">The device's name within its guest.</param>
/// <param name="Packed">Ask for VIRTIO_F_RING_PACKED.</param>
/// <param name="EventIdx">Ask for VIRTIO_RING_F_EVENT_IDX.</param>
/// <param name="QueueSize">Entries per queue (controlq, eventq, txq, rxq).</param>
/// <param name="Workload">The streams the guest plays.</param>
/// <param name="Sharing">How the backend reaches guest memory and where it runs.</param>
public sealed record SoundDeviceModel(string Name, bool Packed, bool EventIdx, ushort QueueSize, SoundWorkload Workload, SharingModel Sharing);
