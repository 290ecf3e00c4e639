namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// The fields of a PCI type-0 configuration header that a virtio function uses, and the generic capability header
/// (PCI Local Bus 3.0, 6.1, 6.2 and 6.7; Linux <c>include/uapi/linux/pci_regs.h</c>, whose <c>PCI_*</c> name each
/// constant gives). Offsets are from the start of the function's 256-byte configuration space; multi-byte fields are
/// little-endian.
/// </summary>
public static class PciConfigHeader
{
    /// <summary><c>PCI_CFG_SPACE_SIZE</c>: a conventional function's configuration space is 256 bytes.</summary>
    public const int Size = 256;
    /// <summary><c>PCI_STD_HEADER_SIZEOF</c>: the standard header; capabilities start at or after it.</summary>
    public const int StandardHeaderSize = 64;

    /// <summary><c>PCI_VENDOR_ID</c> (16 bits, RO).</summary>
    public const int VendorId = 0x00;
    /// <summary><c>PCI_DEVICE_ID</c> (16 bits, RO).</summary>
    public const int DeviceId = 0x02;
    /// <summary><c>PCI_COMMAND</c> (16 bits, RW): see <see cref="CommandMemory"/>, <see cref="CommandMaster"/>, <see cref="CommandIntxDisable"/>.</summary>
    public const int Command = 0x04;
    /// <summary><c>PCI_STATUS</c> (16 bits): see <see cref="StatusInterrupt"/> and <see cref="StatusCapabilityList"/>.</summary>
    public const int Status = 0x06;
    /// <summary><c>PCI_REVISION_ID</c> (8 bits, RO).</summary>
    public const int RevisionId = 0x08;
    /// <summary><c>PCI_CLASS_PROG</c> (8 bits, RO): the programming interface, low byte of the 24-bit class code.</summary>
    public const int ClassProg = 0x09;
    /// <summary><c>PCI_CLASS_DEVICE</c> (16 bits, RO): sub-class (low byte) and base class (high byte).</summary>
    public const int ClassDevice = 0x0a;
    /// <summary><c>PCI_HEADER_TYPE</c> (8 bits, RO): <see cref="HeaderTypeNormal"/>.</summary>
    public const int HeaderType = 0x0e;
    /// <summary><c>PCI_BASE_ADDRESS_0</c>: the first of six 32-bit Base Address registers; BAR n is at 0x10 + 4n (<see cref="Bar"/>).</summary>
    public const int Bar0 = 0x10;
    /// <summary><c>PCI_SUBSYSTEM_VENDOR_ID</c> (16 bits, RO).</summary>
    public const int SubsystemVendorId = 0x2c;
    /// <summary><c>PCI_SUBSYSTEM_ID</c> (16 bits, RO).</summary>
    public const int SubsystemId = 0x2e;
    /// <summary><c>PCI_CAPABILITY_LIST</c> (8 bits, RO): offset of the first capability (bits 1:0 reserved).</summary>
    public const int CapabilityList = 0x34;
    /// <summary><c>PCI_INTERRUPT_LINE</c> (8 bits, RW): written by firmware, not used by the function.</summary>
    public const int InterruptLine = 0x3c;
    /// <summary><c>PCI_INTERRUPT_PIN</c> (8 bits, RO): 1 = INTA#.</summary>
    public const int InterruptPin = 0x3d;

    /// <summary><c>PCI_COMMAND_MEMORY</c>: the function decodes its memory BARs.</summary>
    public const ushort CommandMemory = 0x0002;
    /// <summary><c>PCI_COMMAND_MASTER</c>: the function may master the bus (DMA, MSI-X messages).</summary>
    public const ushort CommandMaster = 0x0004;
    /// <summary><c>PCI_COMMAND_INTX_DISABLE</c>: the function must not assert INTx#.</summary>
    public const ushort CommandIntxDisable = 0x0400;
    /// <summary><c>PCI_STATUS_INTERRUPT</c>: the function's INTx# state (virtio: the OR of the ISR bits while MSI-X is disabled, 4.1.4.5.1).</summary>
    public const ushort StatusInterrupt = 0x0008;
    /// <summary><c>PCI_STATUS_CAP_LIST</c>: <see cref="CapabilityList"/> is valid.</summary>
    public const ushort StatusCapabilityList = 0x0010;
    /// <summary><c>PCI_HEADER_TYPE_NORMAL</c>: a type-0 (endpoint) header.</summary>
    public const byte HeaderTypeNormal = 0;
    /// <summary>The value of <see cref="InterruptPin"/> for INTA# (PCI 3.0, 6.2.4).</summary>
    public const byte InterruptPinIntA = 1;

    /// <summary><c>PCI_BASE_ADDRESS_SPACE_MEMORY</c>: bit 0 clear, a memory BAR.</summary>
    public const uint BarSpaceMemory = 0x0;
    /// <summary><c>PCI_BASE_ADDRESS_MEM_TYPE_64</c>: the BAR and the next one form a 64-bit address.</summary>
    public const uint BarMemoryType64 = 0x4;
    /// <summary><c>PCI_BASE_ADDRESS_MEM_PREFETCH</c>: prefetchable memory (not used here).</summary>
    public const uint BarPrefetchable = 0x8;

    /// <summary><c>PCI_CAP_LIST_ID</c>: a capability's first byte, its ID.</summary>
    public const int CapabilityId = 0;
    /// <summary><c>PCI_CAP_LIST_NEXT</c>: a capability's second byte, the offset of the next one (0 ends the list).</summary>
    public const int CapabilityNext = 1;
    /// <summary><c>PCI_CAP_ID_VNDR</c>: vendor-specific capability; virtio's structure capabilities (4.1.4).</summary>
    public const byte CapabilityIdVendor = 0x09;
    /// <summary><c>PCI_CAP_ID_MSIX</c>: the MSI-X capability (<see cref="MsixCapability"/>).</summary>
    public const byte CapabilityIdMsix = 0x11;

    /// <summary>The configuration offset of Base Address register <paramref name="index"/> (0 to 5).</summary>
    public static int Bar(int index) => Bar0 + 4 * index;
}
