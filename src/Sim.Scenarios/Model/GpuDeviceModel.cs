using Sim.Devices.Gpu;

namespace Sim.Scenarios.Model;

/// <summary>A virtio-gpu 2D device (virtio 1.2, 5.7): ring options, queue size, the display and the guest compositor's frames, the host's resource memory, sharing.</summary>
/// <param name="Name">The device's name within its guest.</param>
/// <param name="Packed">Ask for VIRTIO_F_RING_PACKED.</param>
/// <param name="EventIdx">Ask for VIRTIO_RING_F_EVENT_IDX.</param>
/// <param name="QueueSize">Entries of the controlq and of the cursorq.</param>
/// <param name="Workload">The display and what the guest draws.</param>
/// <param name="HostMemory">Bytes the device's resources may hold on the host (QEMU's <c>max_hostmem</c>).</param>
/// <param name="Sharing">How the backend reaches guest memory and where it runs.</param>
public sealed record GpuDeviceModel(string Name, bool Packed, bool EventIdx, ushort QueueSize, GpuWorkload Workload, long HostMemory, SharingModel Sharing);
