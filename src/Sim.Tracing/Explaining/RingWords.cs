using System.Globalization;

namespace Sim.Tracing.Explaining;

/// <summary>How the narration spells ring values: flags by name, addresses in hex, Xen grant DMA addresses decoded.</summary>
public static class RingWords
{
    /// <summary>Split descriptor flags (virtio 1.2, 2.7.5): NEXT 1, WRITE 2, INDIRECT 4.</summary>
    public static string DescriptorFlags(ushort flags) => Names(flags, (1, "NEXT"), (2, "WRITE"), (4, "INDIRECT"));

    /// <summary>Packed descriptor flags (2.8.1): NEXT 1, WRITE 2, INDIRECT 4, AVAIL 1&lt;&lt;7, USED 1&lt;&lt;15.</summary>
    public static string PackedFlags(ushort flags) => Names(flags, (1, "NEXT"), (2, "WRITE"), (4, "INDIRECT"), (1 << 7, "AVAIL"), (1 << 15, "USED"));

    /// <summary>Xen grant entry flags (grant_table.h, v1): permit_access 1, readonly 4, reading 8, writing 16.</summary>
    public static string GrantFlags(ushort flags) => flags == 0 ? "none (revoked)" :
        Names(flags, (1, "permit_access"), (2, "accept_transfer"), (4, "readonly"), (8, "reading"), (16, "writing"));

    /// <summary>
    /// A buffer address as the device sees it: plain hex, or, with bit 63 set, a Linux Xen grant DMA address
    /// (drivers/xen/grant-dma-ops.c: XEN_GRANT_DMA_ADDR_OFF | grant reference &lt;&lt; 12 | offset).
    /// </summary>
    public static string Address(ulong address) => (address >> 63) != 0
        ? string.Create(CultureInfo.InvariantCulture, $"0x{address:x} (grant reference {(address & ~(1UL << 63)) >> 12}, offset {address & 0xFFF})")
        : string.Create(CultureInfo.InvariantCulture, $"0x{address:x}");

    /// <summary>virtio-iommu MAP flags (virtio 1.2, 5.13.6.5): READ 1, WRITE 2, MMIO 4.</summary>
    public static string IommuMapFlags(uint flags) => Names((ushort)flags, (1, "READ"), (2, "WRITE"), (4, "MMIO"));

    /// <summary>Picoseconds as microseconds with 3 decimals.</summary>
    public static string Micros(long picoseconds) => (picoseconds / 1e6).ToString("F3", CultureInfo.InvariantCulture);

    private static string Names(ushort flags, params (int Bit, string Name)[] names)
    {
        var set = names.Where(n => (flags & n.Bit) != 0).Select(n => n.Name).ToList();
        int known = names.Aggregate(0, (all, n) => all | n.Bit);
        if ((flags & ~known) != 0) set.Add(string.Create(CultureInfo.InvariantCulture, $"0x{flags & ~known:x}"));
        return set.Count == 0 ? "0" : string.Join("|", set);
    }
}
