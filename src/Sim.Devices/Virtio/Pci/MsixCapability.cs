namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// The PCI MSI-X capability and its table (PCI Local Bus 3.0, 6.8.2; Linux <c>PCI_MSIX_*</c> in
/// <c>include/uapi/linux/pci_regs.h</c>). Capability (12 bytes): ID 0x11, next, Message Control le16 (table size − 1 in
/// bits 10:0, Function Mask bit 14, MSI-X Enable bit 15), Table Offset/BIR le32, PBA Offset/BIR le32. Table entries
/// are 16 bytes: message address low and high, message data, vector control (bit 0 masks the vector; set after reset).
/// The Pending Bit Array holds one bit per vector, in 64-bit words.
/// </summary>
public static class MsixCapability
{
    /// <summary><c>PCI_MSIX_FLAGS</c>: Message Control, from the capability's start.</summary>
    public const int MessageControl = 2;
    /// <summary><c>PCI_MSIX_TABLE</c>: Table Offset (bits 31:3) and BIR (bits 2:0).</summary>
    public const int Table = 4;
    /// <summary><c>PCI_MSIX_PBA</c>: PBA Offset and BIR.</summary>
    public const int Pba = 8;
    /// <summary><c>PCI_CAP_MSIX_SIZEOF</c>: the capability's length.</summary>
    public const int Size = 12;

    /// <summary><c>PCI_MSIX_FLAGS_QSIZE</c>: table size − 1.</summary>
    public const ushort TableSizeMask = 0x07ff;
    /// <summary><c>PCI_MSIX_FLAGS_MASKALL</c>: Function Mask, masks every vector.</summary>
    public const ushort FunctionMask = 0x4000;
    /// <summary><c>PCI_MSIX_FLAGS_ENABLE</c>: MSI-X Enable; INTx# is not used while it is set.</summary>
    public const ushort Enable = 0x8000;
    /// <summary><c>PCI_MSIX_TABLE_BIR</c> / <c>PCI_MSIX_PBA_BIR</c>: the BAR holding the table or PBA.</summary>
    public const uint BirMask = 0x7;
    /// <summary><c>PCI_MSIX_TABLE_OFFSET</c> / <c>PCI_MSIX_PBA_OFFSET</c>: the offset in that BAR (8-byte aligned).</summary>
    public const uint OffsetMask = 0xffff_fff8;
    /// <summary>The most vectors a table can have (table size field 0x7FF).</summary>
    public const int MaxVectors = 2048;

    /// <summary><c>PCI_MSIX_ENTRY_SIZE</c>: one table entry.</summary>
    public const int EntrySize = 16;
    /// <summary><c>PCI_MSIX_ENTRY_LOWER_ADDR</c>: message address bits 31:0.</summary>
    public const int EntryAddressLow = 0;
    /// <summary><c>PCI_MSIX_ENTRY_UPPER_ADDR</c>: message address bits 63:32.</summary>
    public const int EntryAddressHigh = 4;
    /// <summary><c>PCI_MSIX_ENTRY_DATA</c>: message data.</summary>
    public const int EntryData = 8;
    /// <summary><c>PCI_MSIX_ENTRY_VECTOR_CTRL</c>: vector control.</summary>
    public const int EntryVectorControl = 12;
    /// <summary><c>PCI_MSIX_ENTRY_CTRL_MASKBIT</c>: the vector is masked; a message raised meanwhile waits in the PBA.</summary>
    public const uint VectorControlMask = 0x1;

    /// <summary>The Message Control value of a table of <paramref name="vectors"/> entries with the given bits.</summary>
    public static ushort MessageControlFor(int vectors, bool enable, bool functionMask) =>
        (ushort)(((vectors - 1) & TableSizeMask) | (enable ? Enable : 0) | (functionMask ? FunctionMask : 0));

    /// <summary>The table size a Message Control value announces.</summary>
    public static int TableSizeOf(ushort messageControl) => (messageControl & TableSizeMask) + 1;
}

/// <summary>One MSI-X table entry as the driver programmed it. Plain data.</summary>
/// <param name="Address">The 64-bit message address.</param>
/// <param name="Data">The message data.</param>
/// <param name="Masked">Vector control's mask bit.</param>
public readonly record struct MsixTableEntry(ulong Address, uint Data, bool Masked);
