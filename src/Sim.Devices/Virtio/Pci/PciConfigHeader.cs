namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// The fields of a PCI type-0 configuration header that a virtio function uses, and the generic capability header
/// (PCI Local Bus 3.0, 6.1, 6.2 and 6.7; Linux <c>include/uapi/linux/pci_regs.h</c>, whose <c>PCI_*</c> name each
/// constant gives). Offsets are from the start of the function's 256-byte configuration space; multi-byte fields are
/// little-endian.
/// </summary>
public static partial class PciConfigHeader
{
    /// <summary>The configuration offset of Base Address register <paramref name="index"/> (0 to 5).</summary>
    public static int Bar(int index) => Bar0 + 4 * index;
}
