using Sim.Hypervisors.Memory;

namespace Sim.Hypervisors.Xen;

/// <summary>
/// The DMA address of a granted buffer under Linux <c>xen-grant-dma-ops</c> (drivers/xen/grant-dma-ops.c): bit 63 set,
/// the first grant reference in the page-frame bits, the offset within the first page below:
/// <c>1 &lt;&lt; 63 | first_ref &lt;&lt; 12 | offset</c>. Page <c>k</c> of the buffer is reference <c>first_ref + k</c>.
/// A backend that sees bit 63 maps or copies by grant reference instead of by guest-physical address.
/// </summary>
public static class GrantDmaAddress
{
    /// <summary>The marker bit (Linux <c>XEN_GRANT_DMA_ADDR_OFF</c>).</summary>
    public const ulong Marker = 1UL << 63;

    /// <summary>The address of byte <paramref name="offset"/> of the page granted under <paramref name="firstRef"/>.</summary>
    public static ulong Encode(uint firstRef, ulong offset) => Marker | ((ulong)firstRef << GuestMemory.PageShift) + offset;

    /// <summary>Whether <paramref name="address"/> carries a grant reference.</summary>
    public static bool IsGrant(ulong address) => (address & Marker) != 0;

    /// <summary>The grant reference of the page holding <paramref name="address"/>.</summary>
    public static uint Reference(ulong address) => (uint)((address & ~Marker) >> GuestMemory.PageShift);

    /// <summary>The offset of <paramref name="address"/> within its page.</summary>
    public static int Offset(ulong address) => (int)(address & (GuestMemory.PageSize - 1));
}
