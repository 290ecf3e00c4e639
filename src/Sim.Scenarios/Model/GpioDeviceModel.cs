using Sim.Devices.Gpio;

namespace Sim.Scenarios.Model;

/// <summary>A virtio-gpio device (virtio 1.2, 5.18): ring options, queue size, its lines and how the guest uses them, sharing.</summary>
/// <param name="Name">The device's name within its guest.</param>
/// <param name="Packed">Ask for VIRTIO_F_RING_PACKED.</param>
/// <param name="EventIdx">Ask for VIRTIO_RING_F_EVENT_IDX.</param>
/// <param name="QueueSize">Entries per queue (requestq and eventq).</param>
/// <param name="Workload">The lines, their signals and the guest's use of them.</param>
/// <param name="Sharing">How the backend reaches guest memory and where it runs.</param>
public sealed record GpioDeviceModel(string Name, bool Packed, bool EventIdx, ushort QueueSize, GpioWorkload Workload, SharingModel Sharing)
{
    /// <summary>The device's lines.</summary>
    public IReadOnlyList<GpioLineSpec> Lines => Workload.Lines;

    /// <summary><c>gpio_names_size</c>.</summary>
    public int NamesSize => Workload.NamesSize;
}
