using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Virtio.Facilities;

/// <summary>
/// The per-queue registers behind the queue selector (virtio 1.2, 4.2.2 QueueSel; 4.1.4.3 queue_select): the maximum
/// size (QueueNumMax; PCI reports it in queue_size before the driver writes it), the size, the enable bit and the three
/// 64-bit area addresses written as low/high halves. Plain state; the rules live in the transports (<c>MmioDevice</c>, <c>PciDevice</c>).
/// </summary>
internal sealed class QueueRegisters
{
    public QueueRegisters(ushort numMax)
    {
        NumMax = numMax;
    }

    /// <summary>QueueNumMax; 0 means the queue is not available.</summary>
    public ushort NumMax { get; }

    /// <summary>The last value written to QueueNum (0 after reset).</summary>
    public uint Num { get; set; }

    /// <summary>QueueReady.</summary>
    public bool Ready { get; set; }

    /// <summary>QueueDescLow/High.</summary>
    public ulong DescriptorArea { get; set; }

    /// <summary>QueueDriverLow/High.</summary>
    public ulong DriverArea { get; set; }

    /// <summary>QueueDeviceLow/High.</summary>
    public ulong DeviceArea { get; set; }

    /// <summary>The configuration as the driver set it, with the negotiated <paramref name="features"/>.</summary>
    public QueueConfig ToConfig(ulong features) => new((ushort)Num, DescriptorArea, DriverArea, DeviceArea, features);

    /// <summary>Back to the reset values: not ready, size and addresses 0.</summary>
    public void Reset()
    {
        Num = 0;
        Ready = false;
        DescriptorArea = DriverArea = DeviceArea = 0;
    }

    /// <summary><paramref name="address"/> with its low (<paramref name="high"/> false) or high half replaced by <paramref name="half"/>.</summary>
    public static ulong WithHalf(ulong address, bool high, uint half) => high
        ? (address & 0x0000_0000_ffff_ffffUL) | ((ulong)half << 32)
        : (address & 0xffff_ffff_0000_0000UL) | half;
}
