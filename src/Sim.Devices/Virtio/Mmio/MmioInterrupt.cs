using Sim.Devices.Virtio.Facilities;

namespace Sim.Devices.Virtio.Mmio;

/// <summary>
/// The InterruptStatus / InterruptACK bits (virtio 1.2, 4.2.2; Linux <c>VIRTIO_MMIO_INT_VRING</c>,
/// <c>VIRTIO_MMIO_INT_CONFIG</c>). The single interrupt line is asserted while any bit is set (4.2.3.4).
/// </summary>
[Flags]
public enum MmioInterrupt : uint
{
    /// <summary>No event pending.</summary>
    None = 0,
    /// <summary>Bit 0, used buffer notification: the device used a buffer in at least one active queue.</summary>
    UsedBuffer = 1,
    /// <summary>Bit 1, configuration change notification.</summary>
    ConfigChange = 2,
}
