using Sim.Hypervisors.Memory;
using System.Numerics;

namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// Where a <see cref="PciDevice"/> puts its structures: one 64-bit, non-prefetchable memory BAR (BAR 4, as QEMU's
/// modern virtio-pci uses), with every structure on its own 4 KiB page as QEMU lays them out:
/// <list type="table">
/// <item><term>0x0000</term><description>common configuration (<see cref="VirtioPciCommonCfg.Length"/> bytes)</description></item>
/// <item><term>0x1000</term><description>ISR status (1 byte)</description></item>
/// <item><term>0x2000</term><description>device-specific configuration (its length, at most 4 KiB)</description></item>
/// <item><term>0x3000</term><description>notifications: queue q at 0x3000 + q × 4 (queue_notify_off = q,
/// notify_off_multiplier = 4, QEMU's default), 4 bytes per queue</description></item>
/// <item><term>0x4000</term><description>the MSI-X table (16 bytes per vector)</description></item>
/// <item><term>next page</term><description>the MSI-X Pending Bit Array (8 bytes per 64 vectors)</description></item>
/// </list>
/// QEMU keeps the MSI-X table in a BAR of its own; here it shares the BAR so that one BAR holds the whole function.
/// The BAR's size is the power of two that holds the last structure. Plain data.
/// </summary>
/// <param name="Bar">The BAR index (4).</param>
/// <param name="Size">The BAR's size in bytes (a power of two).</param>
/// <param name="Common">The common configuration structure.</param>
/// <param name="Isr">The ISR status byte.</param>
/// <param name="Device">The device-specific configuration (possibly empty).</param>
/// <param name="Notify">The notification structure.</param>
/// <param name="NotifyOffMultiplier">notify_off_multiplier: bytes between two queues' notify addresses.</param>
/// <param name="MsixTable">The MSI-X table (empty without MSI-X).</param>
/// <param name="MsixPba">The MSI-X Pending Bit Array (empty without MSI-X).</param>
public sealed record PciBarLayout(int Bar, ulong Size, BarRegion Common, BarRegion Isr, BarRegion Device, BarRegion Notify,
    uint NotifyOffMultiplier, BarRegion MsixTable, BarRegion MsixPba)
{
    /// <summary>The BAR QEMU's modern virtio-pci uses for its structures.</summary>
    public const int ModernBar = 4;
    /// <summary>The page each structure starts on.</summary>
    public const ulong PageSize = 0x1000;
    /// <summary>QEMU's notify_off_multiplier without page-per-vq: 4 bytes per queue (room for a 32-bit notification with data).</summary>
    public const uint QemuNotifyOffMultiplier = 4;
    /// <summary>The most queues the one-page notification structure serves (QEMU's <c>VIRTIO_QUEUE_MAX</c>).</summary>
    public const int MaxQueues = 1024;

    /// <summary>
    /// The layout for <paramref name="queueCount"/> queues, a device configuration of <paramref name="configLength"/>
    /// bytes and <paramref name="msixVectors"/> MSI-X vectors (0: no MSI-X).
    /// </summary>
    public static PciBarLayout For(int queueCount, int configLength, int msixVectors)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(queueCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(queueCount, MaxQueues);
        ArgumentOutOfRangeException.ThrowIfNegative(configLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(configLength, (int)PageSize);
        ArgumentOutOfRangeException.ThrowIfNegative(msixVectors);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(msixVectors, MsixCapability.MaxVectors);

        var table = new BarRegion(4 * PageSize, (ulong)msixVectors * MsixCapability.EntrySize);
        ulong pbaStart = table.Offset + RoundUpToPage(Math.Max(table.Length, 1));
        var pba = new BarRegion(pbaStart, msixVectors == 0 ? 0 : (ulong)(msixVectors + 63) / 64 * 8);
        ulong end = msixVectors == 0 ? table.Offset : pba.Offset + RoundUpToPage(pba.Length);
        return new PciBarLayout(ModernBar, BitOperations.RoundUpToPowerOf2(end),
            Common: new BarRegion(0, VirtioPciCommonCfg.Length),
            Isr: new BarRegion(PageSize, 1),
            Device: new BarRegion(2 * PageSize, (ulong)configLength),
            Notify: new BarRegion(3 * PageSize, QemuNotifyOffMultiplier * (ulong)Math.Max(queueCount, 1)),
            NotifyOffMultiplier: QemuNotifyOffMultiplier,
            MsixTable: table,
            MsixPba: pba);
    }

    /// <summary>The notify address (offset in the BAR) of the queue whose queue_notify_off is <paramref name="notifyOff"/> (4.1.4.4).</summary>
    public ulong NotifyAddress(ushort notifyOff) => Notify.Offset + (ulong)notifyOff * NotifyOffMultiplier;

    private static ulong RoundUpToPage(ulong length) => Alignment.AlignUp(length, PageSize);
}

/// <summary>A structure's place in a BAR: [Offset, Offset + Length). Plain data.</summary>
/// <param name="Offset">Offset of the first byte in the BAR.</param>
/// <param name="Length">Length in bytes.</param>
public readonly record struct BarRegion(ulong Offset, ulong Length)
{
    /// <summary>One past the last byte.</summary>
    public ulong End => Offset + Length;

    /// <summary>Whether byte <paramref name="offset"/> of the BAR lies in the region.</summary>
    public bool Contains(ulong offset) => offset >= Offset && offset - Offset < Length;

    /// <summary>Whether the <paramref name="width"/> bytes at <paramref name="offset"/> all lie in the region.</summary>
    public bool Holds(ulong offset, int width) => Contains(offset) && width >= 0 && End - offset >= (ulong)width;

    /// <inheritdoc />
    public override string ToString() => $"[0x{Offset:x}, 0x{End:x})";
}
