using System.Globalization;

namespace Sim.Tracing.Explaining;

/// <summary>How the narration spells ring values: flags by name, addresses in hex, Xen grant DMA addresses decoded.</summary>
public static class RingWords
{
    /// <summary>Split descriptor flags (virtio 1.2, 2.7.5), named by the split-ring layout description.</summary>
    public static string DescriptorFlags(ushort flags) => NarratedLayouts.SplitDescFlags.Text(flags);

    /// <summary>Packed descriptor flags (virtio 1.2, 2.8.1), named by the packed-ring layout description.</summary>
    public static string PackedFlags(ushort flags) => NarratedLayouts.PackedDescFlags.Text(flags);

    /// <summary>Xen grant entry flags (grant_table.h, v1): the type, then its sub-flags, as the grant-table layout description names them; 0 is "none (revoked)".</summary>
    public static string GrantFlags(ushort flags) => flags == 0 ? "none (revoked)" : NarratedLayouts.GrantFlags.Text(flags);

    /// <summary>
    /// A buffer address as the device sees it: plain hex, or, with bit 63 set, a Linux Xen grant DMA address
    /// (drivers/xen/grant-dma-ops.c: XEN_GRANT_DMA_ADDR_OFF | grant reference &lt;&lt; 12 | offset).
    /// </summary>
    public static string Address(ulong address) => (address >> 63) != 0
        ? string.Create(CultureInfo.InvariantCulture, $"0x{address:x} (grant reference {(address & ~(1UL << 63)) >> 12}, offset {address & 0xFFF})")
        : string.Create(CultureInfo.InvariantCulture, $"0x{address:x}");

    /// <summary>virtio-iommu MAP flags (virtio 1.2, 5.13.6.5), named by the iommu-requests layout description.</summary>
    public static string IommuMapFlags(uint flags) => NarratedLayouts.IommuMapFlags.Text(flags);

    /// <summary>Picoseconds as microseconds with 3 decimals.</summary>
    public static string Micros(long picoseconds) => (picoseconds / 1e6).ToString("F3", CultureInfo.InvariantCulture);
}
