using Sim.Devices.Virtio.Facilities;

namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// One queue as the common configuration structure shows it behind queue_select (virtio 1.2, 4.1.4.3): the shared
/// <see cref="QueueRegisters"/> (size, enable, the three addresses), its MSI-X vector and its queue_notify_off. After a
/// device or queue reset queue_size reads the maximum again (not 0 as virtio-mmio's QueueNum) and the vector is
/// unmapped. Plain state; the rules live in <see cref="PciDevice"/>.
/// </summary>
internal sealed class PciQueue
{
    public PciQueue(ushort index, ushort sizeMax)
    {
        Index = index;
        Registers = new QueueRegisters(sizeMax);
        Reset();
    }

    /// <summary>The queue's index (queue_select value).</summary>
    public ushort Index { get; }

    /// <summary>Size, enable and addresses.</summary>
    public QueueRegisters Registers { get; }

    /// <summary>Whether the device has this queue (its maximum size is not 0).</summary>
    public bool Available => Registers.NumMax > 0;

    /// <summary>queue_msix_vector.</summary>
    public ushort Vector { get; set; }

    /// <summary>queue_notify_off: the queue's index, as QEMU sets it.</summary>
    public ushort NotifyOff => Index;

    /// <summary>Back to the reset values: the maximum size, not enabled, addresses 0, no vector.</summary>
    public void Reset()
    {
        Registers.Reset();
        Registers.Num = Registers.NumMax;
        Vector = VirtioPciCommonCfg.NoVector;
    }
}
