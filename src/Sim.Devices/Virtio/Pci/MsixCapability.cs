namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// The PCI MSI-X capability and its table (PCI Local Bus 3.0, 6.8.2; Linux <c>PCI_MSIX_*</c> in
/// <c>include/uapi/linux/pci_regs.h</c>). Capability (12 bytes): ID 0x11, next, Message Control le16 (table size − 1 in
/// bits 10:0, Function Mask bit 14, MSI-X Enable bit 15), Table Offset/BIR le32, PBA Offset/BIR le32. Table entries
/// are 16 bytes: message address low and high, message data, vector control (bit 0 masks the vector; set after reset).
/// The Pending Bit Array holds one bit per vector, in 64-bit words.
/// </summary>
public static partial class MsixCapability
{
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
