using System.Reflection;
using System.Runtime.CompilerServices;
using Sim.Devices.Virtio.Pci;
using Xunit.Abstractions;

namespace Sim.Devices.Tests.Golden;

/// <summary>
/// The virtio-pci constants and layouts against Linux: <c>linux_virtio_pci_golden.c</c>, compiled with gcc against
/// /usr/include/linux/virtio_pci.h and pci_regs.h, prints struct sizes and offsets (virtio_pci_cap, _cap64,
/// _notify_cap, _cfg_cap, _common_cfg and, where the header has it, virtio_pci_modern_common_cfg), every
/// VIRTIO_PCI_CAP_*, VIRTIO_PCI_COMMON_*, VIRTIO_PCI_ISR_CONFIG, VIRTIO_MSI_NO_VECTOR, and the PCI header and MSI-X
/// constants the transport uses; every line must equal its C# counterpart, and every C# constant of the header-mirror
/// types must have one.
/// </summary>
public sealed class VirtioPciGoldenTests(ITestOutputHelper output)
{
    private static readonly (string Key, ulong Value, string Source)[] Table =
    [
        // struct virtio_pci_cap and its variants (virtio 1.2, 4.1.4, 4.1.4.4, 4.1.4.8)
        Of("layout.sizeof.virtio_pci_cap", VirtioPciCap.Size),
        Of("layout.offsetof.virtio_pci_cap.cap_vndr", VirtioPciCap.Vndr),
        Of("layout.offsetof.virtio_pci_cap.cap_next", VirtioPciCap.Next),
        Of("layout.offsetof.virtio_pci_cap.cap_len", VirtioPciCap.Len),
        Of("layout.offsetof.virtio_pci_cap.cfg_type", VirtioPciCap.CfgType),
        Of("layout.offsetof.virtio_pci_cap.bar", VirtioPciCap.Bar),
        Of("layout.offsetof.virtio_pci_cap.id", VirtioPciCap.Id),
        Of("layout.offsetof.virtio_pci_cap.padding", VirtioPciCap.Padding),
        Of("layout.offsetof.virtio_pci_cap.offset", VirtioPciCap.Offset),
        Of("layout.offsetof.virtio_pci_cap.length", VirtioPciCap.Length),
        Of("layout.sizeof.virtio_pci_cap64", VirtioPciCap.Cap64Size),
        Of("layout.offsetof.virtio_pci_cap64.cap", VirtioPciCap.Vndr),
        Of("layout.offsetof.virtio_pci_cap64.offset_hi", VirtioPciCap.OffsetHi),
        Of("layout.offsetof.virtio_pci_cap64.length_hi", VirtioPciCap.LengthHi),
        Of("layout.sizeof.virtio_pci_notify_cap", VirtioPciCap.NotifyCapSize),
        Of("layout.offsetof.virtio_pci_notify_cap.cap", VirtioPciCap.Vndr),
        Of("layout.offsetof.virtio_pci_notify_cap.notify_off_multiplier", VirtioPciCap.NotifyOffMultiplier),
        Of("layout.sizeof.virtio_pci_cfg_cap", VirtioPciCap.CfgCapSize),
        Of("layout.offsetof.virtio_pci_cfg_cap.cap", VirtioPciCap.Vndr),
        Of("layout.offsetof.virtio_pci_cfg_cap.pci_cfg_data", VirtioPciCap.PciCfgData),

        // struct virtio_pci_common_cfg (4.1.4.3)
        Of("layout.sizeof.virtio_pci_common_cfg", VirtioPciCommonCfg.StructSize),
        Of("layout.offsetof.virtio_pci_common_cfg.device_feature_select", VirtioPciCommonCfg.DeviceFeatureSelect),
        Of("layout.offsetof.virtio_pci_common_cfg.device_feature", VirtioPciCommonCfg.DeviceFeature),
        Of("layout.offsetof.virtio_pci_common_cfg.guest_feature_select", VirtioPciCommonCfg.DriverFeatureSelect),
        Of("layout.offsetof.virtio_pci_common_cfg.guest_feature", VirtioPciCommonCfg.DriverFeature),
        Of("layout.offsetof.virtio_pci_common_cfg.msix_config", VirtioPciCommonCfg.MsixConfig),
        Of("layout.offsetof.virtio_pci_common_cfg.num_queues", VirtioPciCommonCfg.NumQueues),
        Of("layout.offsetof.virtio_pci_common_cfg.device_status", VirtioPciCommonCfg.DeviceStatus),
        Of("layout.offsetof.virtio_pci_common_cfg.config_generation", VirtioPciCommonCfg.ConfigGeneration),
        Of("layout.offsetof.virtio_pci_common_cfg.queue_select", VirtioPciCommonCfg.QueueSelect),
        Of("layout.offsetof.virtio_pci_common_cfg.queue_size", VirtioPciCommonCfg.QueueSize),
        Of("layout.offsetof.virtio_pci_common_cfg.queue_msix_vector", VirtioPciCommonCfg.QueueMsixVector),
        Of("layout.offsetof.virtio_pci_common_cfg.queue_enable", VirtioPciCommonCfg.QueueEnable),
        Of("layout.offsetof.virtio_pci_common_cfg.queue_notify_off", VirtioPciCommonCfg.QueueNotifyOff),
        Of("layout.offsetof.virtio_pci_common_cfg.queue_desc_lo", VirtioPciCommonCfg.QueueDescLow),
        Of("layout.offsetof.virtio_pci_common_cfg.queue_desc_hi", VirtioPciCommonCfg.QueueDescHigh),
        Of("layout.offsetof.virtio_pci_common_cfg.queue_avail_lo", VirtioPciCommonCfg.QueueDriverLow),
        Of("layout.offsetof.virtio_pci_common_cfg.queue_avail_hi", VirtioPciCommonCfg.QueueDriverHigh),
        Of("layout.offsetof.virtio_pci_common_cfg.queue_used_lo", VirtioPciCommonCfg.QueueDeviceLow),
        Of("layout.offsetof.virtio_pci_common_cfg.queue_used_hi", VirtioPciCommonCfg.QueueDeviceHigh),
        Of("layout.sizeof.virtio_pci_modern_common_cfg", VirtioPciCommonCfg.ModernStructSize),
        Of("layout.offsetof.virtio_pci_modern_common_cfg.cfg", VirtioPciCommonCfg.DeviceFeatureSelect),
        Of("layout.offsetof.virtio_pci_modern_common_cfg.queue_notify_data", VirtioPciCommonCfg.QueueNotifyData),
        Of("layout.offsetof.virtio_pci_modern_common_cfg.queue_reset", VirtioPciCommonCfg.QueueReset),
        Of("layout.offsetof.virtio_pci_modern_common_cfg.admin_queue_index", VirtioPciCommonCfg.AdminQueueIndex),
        Of("layout.offsetof.virtio_pci_modern_common_cfg.admin_queue_num", VirtioPciCommonCfg.AdminQueueNum),

        Of("cap.VIRTIO_PCI_CAP_VNDR", VirtioPciCap.Vndr),
        Of("cap.VIRTIO_PCI_CAP_NEXT", VirtioPciCap.Next),
        Of("cap.VIRTIO_PCI_CAP_LEN", VirtioPciCap.Len),
        Of("cap.VIRTIO_PCI_CAP_CFG_TYPE", VirtioPciCap.CfgType),
        Of("cap.VIRTIO_PCI_CAP_BAR", VirtioPciCap.Bar),
        Of("cap.VIRTIO_PCI_CAP_OFFSET", VirtioPciCap.Offset),
        Of("cap.VIRTIO_PCI_CAP_LENGTH", VirtioPciCap.Length),
        Of("cap.VIRTIO_PCI_NOTIFY_CAP_MULT", VirtioPciCap.NotifyOffMultiplier),

        Of("cfg_type.VIRTIO_PCI_CAP_COMMON_CFG", (ulong)VirtioPciCfgType.Common),
        Of("cfg_type.VIRTIO_PCI_CAP_NOTIFY_CFG", (ulong)VirtioPciCfgType.Notify),
        Of("cfg_type.VIRTIO_PCI_CAP_ISR_CFG", (ulong)VirtioPciCfgType.Isr),
        Of("cfg_type.VIRTIO_PCI_CAP_DEVICE_CFG", (ulong)VirtioPciCfgType.Device),
        Of("cfg_type.VIRTIO_PCI_CAP_PCI_CFG", (ulong)VirtioPciCfgType.PciCfg),
        Of("cfg_type.VIRTIO_PCI_CAP_SHARED_MEMORY_CFG", (ulong)VirtioPciCfgType.SharedMemory),
        Of("cfg_type.VIRTIO_PCI_CAP_VENDOR_CFG", (ulong)VirtioPciCfgType.Vendor),

        Of("common.VIRTIO_PCI_COMMON_DFSELECT", VirtioPciCommonCfg.DeviceFeatureSelect),
        Of("common.VIRTIO_PCI_COMMON_DF", VirtioPciCommonCfg.DeviceFeature),
        Of("common.VIRTIO_PCI_COMMON_GFSELECT", VirtioPciCommonCfg.DriverFeatureSelect),
        Of("common.VIRTIO_PCI_COMMON_GF", VirtioPciCommonCfg.DriverFeature),
        Of("common.VIRTIO_PCI_COMMON_MSIX", VirtioPciCommonCfg.MsixConfig),
        Of("common.VIRTIO_PCI_COMMON_NUMQ", VirtioPciCommonCfg.NumQueues),
        Of("common.VIRTIO_PCI_COMMON_STATUS", VirtioPciCommonCfg.DeviceStatus),
        Of("common.VIRTIO_PCI_COMMON_CFGGENERATION", VirtioPciCommonCfg.ConfigGeneration),
        Of("common.VIRTIO_PCI_COMMON_Q_SELECT", VirtioPciCommonCfg.QueueSelect),
        Of("common.VIRTIO_PCI_COMMON_Q_SIZE", VirtioPciCommonCfg.QueueSize),
        Of("common.VIRTIO_PCI_COMMON_Q_MSIX", VirtioPciCommonCfg.QueueMsixVector),
        Of("common.VIRTIO_PCI_COMMON_Q_ENABLE", VirtioPciCommonCfg.QueueEnable),
        Of("common.VIRTIO_PCI_COMMON_Q_NOFF", VirtioPciCommonCfg.QueueNotifyOff),
        Of("common.VIRTIO_PCI_COMMON_Q_DESCLO", VirtioPciCommonCfg.QueueDescLow),
        Of("common.VIRTIO_PCI_COMMON_Q_DESCHI", VirtioPciCommonCfg.QueueDescHigh),
        Of("common.VIRTIO_PCI_COMMON_Q_AVAILLO", VirtioPciCommonCfg.QueueDriverLow),
        Of("common.VIRTIO_PCI_COMMON_Q_AVAILHI", VirtioPciCommonCfg.QueueDriverHigh),
        Of("common.VIRTIO_PCI_COMMON_Q_USEDLO", VirtioPciCommonCfg.QueueDeviceLow),
        Of("common.VIRTIO_PCI_COMMON_Q_USEDHI", VirtioPciCommonCfg.QueueDeviceHigh),
        Of("common.VIRTIO_PCI_COMMON_Q_NDATA", VirtioPciCommonCfg.QueueNotifyData),
        Of("common.VIRTIO_PCI_COMMON_Q_RESET", VirtioPciCommonCfg.QueueReset),
        Of("common.VIRTIO_PCI_COMMON_ADM_Q_IDX", VirtioPciCommonCfg.AdminQueueIndex),
        Of("common.VIRTIO_PCI_COMMON_ADM_Q_NUM", VirtioPciCommonCfg.AdminQueueNum),

        Of("isr.VIRTIO_PCI_ISR_CONFIG", (ulong)PciIsrStatus.Config),
        Of("msi.VIRTIO_MSI_NO_VECTOR", VirtioPciCommonCfg.NoVector),

        // the PCI type-0 header and capability header (PCI Local Bus 3.0, 6.1, 6.2, 6.7)
        Of("pci.PCI_CFG_SPACE_SIZE", PciConfigHeader.Size),
        Of("pci.PCI_STD_HEADER_SIZEOF", PciConfigHeader.StandardHeaderSize),
        Of("pci.PCI_VENDOR_ID", PciConfigHeader.VendorId),
        Of("pci.PCI_DEVICE_ID", PciConfigHeader.DeviceId),
        Of("pci.PCI_COMMAND", PciConfigHeader.Command),
        Of("pci.PCI_COMMAND_MEMORY", PciConfigHeader.CommandMemory),
        Of("pci.PCI_COMMAND_MASTER", PciConfigHeader.CommandMaster),
        Of("pci.PCI_COMMAND_INTX_DISABLE", PciConfigHeader.CommandIntxDisable),
        Of("pci.PCI_STATUS", PciConfigHeader.Status),
        Of("pci.PCI_STATUS_INTERRUPT", PciConfigHeader.StatusInterrupt),
        Of("pci.PCI_STATUS_CAP_LIST", PciConfigHeader.StatusCapabilityList),
        Of("pci.PCI_REVISION_ID", PciConfigHeader.RevisionId),
        Of("pci.PCI_CLASS_PROG", PciConfigHeader.ClassProg),
        Of("pci.PCI_CLASS_DEVICE", PciConfigHeader.ClassDevice),
        Of("pci.PCI_HEADER_TYPE", PciConfigHeader.HeaderType),
        Of("pci.PCI_HEADER_TYPE_NORMAL", PciConfigHeader.HeaderTypeNormal),
        Of("pci.PCI_BASE_ADDRESS_0", PciConfigHeader.Bar0),
        Of("pci.PCI_BASE_ADDRESS_4", (ulong)PciConfigHeader.Bar(4)),
        Of("pci.PCI_BASE_ADDRESS_5", (ulong)PciConfigHeader.Bar(5)),
        Of("pci.PCI_BASE_ADDRESS_SPACE_MEMORY", PciConfigHeader.BarSpaceMemory),
        Of("pci.PCI_BASE_ADDRESS_MEM_TYPE_64", PciConfigHeader.BarMemoryType64),
        Of("pci.PCI_BASE_ADDRESS_MEM_PREFETCH", PciConfigHeader.BarPrefetchable),
        Of("pci.PCI_SUBSYSTEM_VENDOR_ID", PciConfigHeader.SubsystemVendorId),
        Of("pci.PCI_SUBSYSTEM_ID", PciConfigHeader.SubsystemId),
        Of("pci.PCI_CAPABILITY_LIST", PciConfigHeader.CapabilityList),
        Of("pci.PCI_INTERRUPT_LINE", PciConfigHeader.InterruptLine),
        Of("pci.PCI_INTERRUPT_PIN", PciConfigHeader.InterruptPin),
        Of("pci.PCI_CAP_LIST_ID", PciConfigHeader.CapabilityId),
        Of("pci.PCI_CAP_LIST_NEXT", PciConfigHeader.CapabilityNext),
        Of("pci.PCI_CAP_ID_VNDR", PciConfigHeader.CapabilityIdVendor),
        Of("pci.PCI_CAP_ID_MSIX", PciConfigHeader.CapabilityIdMsix),

        // the MSI-X capability and table (PCI Local Bus 3.0, 6.8.2)
        Of("msix.PCI_MSIX_FLAGS", MsixCapability.MessageControl),
        Of("msix.PCI_MSIX_FLAGS_QSIZE", MsixCapability.TableSizeMask),
        Of("msix.PCI_MSIX_FLAGS_MASKALL", MsixCapability.FunctionMask),
        Of("msix.PCI_MSIX_FLAGS_ENABLE", MsixCapability.Enable),
        Of("msix.PCI_MSIX_TABLE", MsixCapability.Table),
        Of("msix.PCI_MSIX_TABLE_BIR", MsixCapability.BirMask),
        Of("msix.PCI_MSIX_TABLE_OFFSET", MsixCapability.OffsetMask),
        Of("msix.PCI_MSIX_PBA", MsixCapability.Pba),
        Of("msix.PCI_MSIX_PBA_BIR", MsixCapability.BirMask),
        Of("msix.PCI_MSIX_PBA_OFFSET", MsixCapability.OffsetMask),
        Of("msix.PCI_CAP_MSIX_SIZEOF", MsixCapability.Size),
        Of("msix.PCI_MSIX_ENTRY_SIZE", MsixCapability.EntrySize),
        Of("msix.PCI_MSIX_ENTRY_LOWER_ADDR", MsixCapability.EntryAddressLow),
        Of("msix.PCI_MSIX_ENTRY_UPPER_ADDR", MsixCapability.EntryAddressHigh),
        Of("msix.PCI_MSIX_ENTRY_DATA", MsixCapability.EntryData),
        Of("msix.PCI_MSIX_ENTRY_VECTOR_CTRL", MsixCapability.EntryVectorControl),
        Of("msix.PCI_MSIX_ENTRY_CTRL_MASKBIT", MsixCapability.VectorControlMask),
    ];

    /// <summary>Keys some linux-libc-dev versions lack: the modern struct and admin queue fields (Linux 6.6), VENDOR_CFG (virtio 1.3), NDATA/RESET (5.19).</summary>
    private static readonly HashSet<string> NewerThanSomeHeaders =
    [
        "layout.sizeof.virtio_pci_modern_common_cfg", "layout.offsetof.virtio_pci_modern_common_cfg.cfg",
        "layout.offsetof.virtio_pci_modern_common_cfg.queue_notify_data", "layout.offsetof.virtio_pci_modern_common_cfg.queue_reset",
        "layout.offsetof.virtio_pci_modern_common_cfg.admin_queue_index", "layout.offsetof.virtio_pci_modern_common_cfg.admin_queue_num",
        "common.VIRTIO_PCI_COMMON_ADM_Q_IDX", "common.VIRTIO_PCI_COMMON_ADM_Q_NUM", "common.VIRTIO_PCI_COMMON_Q_NDATA",
        "common.VIRTIO_PCI_COMMON_Q_RESET", "cfg_type.VIRTIO_PCI_CAP_VENDOR_CFG", "cfg_type.VIRTIO_PCI_CAP_SHARED_MEMORY_CFG",
    ];

    /// <summary>Constants of the header-mirror types that no UAPI header defines (spec literals or this model's own choices).</summary>
    private static readonly HashSet<string> NotInAnyHeader =
    [
        "PciConfigHeader.InterruptPinIntA", "VirtioPciCommonCfg.Length", "MsixCapability.MaxVectors", "PciIsrStatus.Queue",
    ];

    private static readonly Lazy<IReadOnlyList<(int Number, string Key, ulong Value)>> LazyLines = new(() => GoldenLines.Load("linux_virtio_pci_golden.c"));

    [Fact]
    public void Every_line_linux_prints_has_a_pci_counterpart_and_equals_it()
    {
        var failures = LazyLines.Value
            .SelectMany(line => Sides(line.Key).DefaultIfEmpty((Key: "", Value: ulong.MaxValue, Source: "")).Select(side => (line, side)))
            .Where(p => p.side.Source == "" || p.side.Value != p.line.Value)
            .Select(p => p.side.Source == ""
                ? $"line {p.line.Number}: {p.line.Key}={p.line.Value} has no simulator counterpart"
                : $"line {p.line.Number}: {p.line.Key}: Linux {p.line.Value}, simulator {p.side.Source} = {p.side.Value}")
            .ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(LazyLines.Value.Count >= 120, $"only {LazyLines.Value.Count} golden lines: the C program's output looks truncated");
    }

    [Fact]
    public void Every_pci_counterpart_is_printed_unless_newer_than_the_installed_header()
    {
        var counterparts = Table.GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.First().Value);
        GoldenLines.AssertEveryCounterpartPrinted(LazyLines.Value, counterparts, NewerThanSomeHeaders, "linux_virtio_pci_golden.c");
        var printed = LazyLines.Value.Select(l => l.Key).ToHashSet();
        output.WriteLine($"Not compared (this linux-libc-dev does not define them): {string.Join(", ", NewerThanSomeHeaders.Where(k => !printed.Contains(k)).DefaultIfEmpty("none"))}");
    }

    [Fact]
    public void The_struct_layouts_match_linux()
    {
        var layout = LazyLines.Value.Where(l => l.Key.StartsWith("layout.", StringComparison.Ordinal)).ToList();
        Assert.True(layout.Count(l => !NewerThanSomeHeaders.Contains(l.Key)) == 40, $"{layout.Count} layout lines");
        Assert.All(layout, l => Assert.All(Sides(l.Key), side => Assert.Equal(l.Value, side.Value)));
    }

    [Fact]
    public void Every_constant_of_the_header_mirror_types_is_compared_with_a_linux_name()
    {
        var sources = Table.Select(t => t.Source).ToHashSet(StringComparer.Ordinal);
        var constants = new[] { typeof(PciConfigHeader), typeof(VirtioPciCap), typeof(VirtioPciCommonCfg), typeof(MsixCapability) }
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => $"{type.Name}.{f.Name}"))
            .Concat(Enum.GetNames<VirtioPciCfgType>().Select(n => $"VirtioPciCfgType.{n}"))
            .Concat(Enum.GetNames<PciIsrStatus>().Where(n => n != nameof(PciIsrStatus.None)).Select(n => $"PciIsrStatus.{n}"))
            .ToList();
        var unmapped = constants.Where(c => !sources.Contains(c) && !NotInAnyHeader.Contains(c)).ToList();
        Assert.True(unmapped.Count == 0, $"constants with no Linux counterpart in the table: {string.Join(", ", unmapped)}");
        Assert.All(NotInAnyHeader, c => Assert.Contains(c, constants));
        output.WriteLine($"Not compared (values no header defines): {string.Join(", ", NotInAnyHeader)}");
    }

    private static IEnumerable<(string Key, ulong Value, string Source)> Sides(string key) => Table.Where(t => t.Key == key);

    private static (string Key, ulong Value, string Source) Of(string key, ulong value, [CallerArgumentExpression(nameof(value))] string source = "") =>
        (key, value, source.StartsWith("(ulong)", StringComparison.Ordinal) ? source["(ulong)".Length..] : source);
}
