using Sim.Devices.Iommu;
using L = Sim.Devices.Iommu.IommuLayout;

namespace Sim.Devices.Tests.Iommu;

/// <summary>
/// The simulator against Linux: <c>linux_virtio_iommu_golden.c</c>, compiled with gcc against
/// /usr/include/linux/virtio_iommu.h, prints request layouts and constants; every line must equal its counterpart
/// here, and every counterpart must be printed (the header defines <c>VIRTIO_IOMMU_F_BYPASS_CONFIG</c> only since
/// Linux 5.15, so that one is optional).
/// </summary>
public sealed class IommuLayoutGoldenTests
{
    private static readonly Lazy<IReadOnlyList<(int Number, string Key, ulong Value)>> GoldenLines =
        new(() => Golden.GoldenLines.Load("linux_virtio_iommu_golden.c"));

    private static readonly Dictionary<string, ulong> Counterparts = new()
    {
        ["layout.sizeof.virtio_iommu_req_head"] = L.Head.Size,
        ["layout.offsetof.virtio_iommu_req_head.type"] = L.Head.Type,
        ["layout.offsetof.virtio_iommu_req_head.reserved"] = L.Head.Reserved,
        ["layout.sizeof.virtio_iommu_req_tail"] = L.Tail.Size,
        ["layout.offsetof.virtio_iommu_req_tail.status"] = L.Tail.Status,
        ["layout.offsetof.virtio_iommu_req_tail.reserved"] = L.Tail.Reserved,
        ["layout.sizeof.virtio_iommu_req_attach"] = L.Attach.Size,
        ["layout.offsetof.virtio_iommu_req_attach.domain"] = L.Attach.Domain,
        ["layout.offsetof.virtio_iommu_req_attach.endpoint"] = L.Attach.Endpoint,
        ["layout.offsetof.virtio_iommu_req_attach.flags"] = L.Attach.Flags,
        ["layout.offsetof.virtio_iommu_req_attach.reserved"] = L.Attach.Reserved,
        ["layout.offsetof.virtio_iommu_req_attach.tail"] = L.Attach.Tail,
        ["layout.sizeof.virtio_iommu_req_detach"] = L.Detach.Size,
        ["layout.offsetof.virtio_iommu_req_detach.domain"] = L.Detach.Domain,
        ["layout.offsetof.virtio_iommu_req_detach.endpoint"] = L.Detach.Endpoint,
        ["layout.offsetof.virtio_iommu_req_detach.reserved"] = L.Detach.Reserved,
        ["layout.offsetof.virtio_iommu_req_detach.tail"] = L.Detach.Tail,
        ["layout.sizeof.virtio_iommu_req_map"] = L.Map.Size,
        ["layout.offsetof.virtio_iommu_req_map.domain"] = L.Map.Domain,
        ["layout.offsetof.virtio_iommu_req_map.virt_start"] = L.Map.VirtStart,
        ["layout.offsetof.virtio_iommu_req_map.virt_end"] = L.Map.VirtEnd,
        ["layout.offsetof.virtio_iommu_req_map.phys_start"] = L.Map.PhysStart,
        ["layout.offsetof.virtio_iommu_req_map.flags"] = L.Map.Flags,
        ["layout.offsetof.virtio_iommu_req_map.tail"] = L.Map.Tail,
        ["layout.sizeof.virtio_iommu_req_unmap"] = L.Unmap.Size,
        ["layout.offsetof.virtio_iommu_req_unmap.domain"] = L.Unmap.Domain,
        ["layout.offsetof.virtio_iommu_req_unmap.virt_start"] = L.Unmap.VirtStart,
        ["layout.offsetof.virtio_iommu_req_unmap.virt_end"] = L.Unmap.VirtEnd,
        ["layout.offsetof.virtio_iommu_req_unmap.reserved"] = L.Unmap.Reserved,
        ["layout.offsetof.virtio_iommu_req_unmap.tail"] = L.Unmap.Tail,
        ["layout.sizeof.virtio_iommu_req_probe"] = L.Probe.Size,
        ["layout.offsetof.virtio_iommu_req_probe.endpoint"] = L.Probe.Endpoint,
        ["layout.offsetof.virtio_iommu_req_probe.reserved"] = L.Probe.Reserved,
        ["layout.offsetof.virtio_iommu_req_probe.properties"] = L.Probe.Properties,
        ["layout.sizeof.virtio_iommu_config"] = L.Config.Size,
        ["layout.offsetof.virtio_iommu_config.page_size_mask"] = L.Config.PageSizeMask,
        ["layout.offsetof.virtio_iommu_config.input_range"] = L.Config.InputRange,
        ["layout.offsetof.virtio_iommu_config.domain_range"] = L.Config.DomainRange,
        ["layout.offsetof.virtio_iommu_config.probe_size"] = L.Config.ProbeSize,
        ["layout.offsetof.virtio_iommu_config.bypass"] = L.Config.Bypass,
        ["type.VIRTIO_IOMMU_T_ATTACH"] = (ulong)IommuRequestType.Attach,
        ["type.VIRTIO_IOMMU_T_DETACH"] = (ulong)IommuRequestType.Detach,
        ["type.VIRTIO_IOMMU_T_MAP"] = (ulong)IommuRequestType.Map,
        ["type.VIRTIO_IOMMU_T_UNMAP"] = (ulong)IommuRequestType.Unmap,
        ["type.VIRTIO_IOMMU_T_PROBE"] = (ulong)IommuRequestType.Probe,
        ["status.VIRTIO_IOMMU_S_OK"] = IommuStatus.Ok,
        ["status.VIRTIO_IOMMU_S_IOERR"] = IommuStatus.IoErr,
        ["status.VIRTIO_IOMMU_S_UNSUPP"] = IommuStatus.Unsupp,
        ["status.VIRTIO_IOMMU_S_DEVERR"] = IommuStatus.DevErr,
        ["status.VIRTIO_IOMMU_S_INVAL"] = IommuStatus.Inval,
        ["status.VIRTIO_IOMMU_S_RANGE"] = IommuStatus.Range,
        ["status.VIRTIO_IOMMU_S_NOENT"] = IommuStatus.NoEnt,
        ["status.VIRTIO_IOMMU_S_FAULT"] = IommuStatus.Fault,
        ["status.VIRTIO_IOMMU_S_NOMEM"] = IommuStatus.NoMem,
        ["map_flag.VIRTIO_IOMMU_MAP_F_READ"] = (ulong)IommuMapFlags.Read,
        ["map_flag.VIRTIO_IOMMU_MAP_F_WRITE"] = (ulong)IommuMapFlags.Write,
        ["map_flag.VIRTIO_IOMMU_MAP_F_MMIO"] = (ulong)IommuMapFlags.Mmio,
        ["map_flag.VIRTIO_IOMMU_MAP_F_MASK"] = (ulong)IommuMapFlags.Mask,
        ["attach_flag.VIRTIO_IOMMU_ATTACH_F_BYPASS"] = L.AttachFlagBypass,
        ["feature.VIRTIO_IOMMU_F_INPUT_RANGE"] = IommuFeatures.InputRange,
        ["feature.VIRTIO_IOMMU_F_DOMAIN_RANGE"] = IommuFeatures.DomainRange,
        ["feature.VIRTIO_IOMMU_F_MAP_UNMAP"] = IommuFeatures.MapUnmap,
        ["feature.VIRTIO_IOMMU_F_BYPASS"] = IommuFeatures.Bypass,
        ["feature.VIRTIO_IOMMU_F_PROBE"] = IommuFeatures.Probe,
        ["layout.sizeof.virtio_iommu_probe_property"] = L.ProbeProperty.HeaderSize,
        ["layout.offsetof.virtio_iommu_probe_property.type"] = L.ProbeProperty.Type,
        ["layout.offsetof.virtio_iommu_probe_property.length"] = L.ProbeProperty.Length,
        ["layout.sizeof.virtio_iommu_probe_resv_mem"] = L.ResvMem.Size,
        ["layout.offsetof.virtio_iommu_probe_resv_mem.subtype"] = L.ResvMem.Subtype,
        ["layout.offsetof.virtio_iommu_probe_resv_mem.reserved"] = L.ResvMem.Reserved,
        ["layout.offsetof.virtio_iommu_probe_resv_mem.start"] = L.ResvMem.Start,
        ["layout.offsetof.virtio_iommu_probe_resv_mem.end"] = L.ResvMem.End,
        ["probe.VIRTIO_IOMMU_PROBE_T_NONE"] = L.ProbeProperty.TypeNone,
        ["probe.VIRTIO_IOMMU_PROBE_T_RESV_MEM"] = L.ProbeProperty.TypeResvMem,
        ["probe.VIRTIO_IOMMU_PROBE_T_MASK"] = L.ProbeProperty.TypeMask,
        ["probe.VIRTIO_IOMMU_RESV_MEM_T_RESERVED"] = (ulong)IommuReservedKind.Reserved,
        ["probe.VIRTIO_IOMMU_RESV_MEM_T_MSI"] = (ulong)IommuReservedKind.Msi,
        ["feature.VIRTIO_IOMMU_F_MMIO"] = IommuFeatures.Mmio,
        ["feature.VIRTIO_IOMMU_F_BYPASS_CONFIG"] = IommuFeatures.BypassConfig,
    };

    private static readonly string[] Optional = ["feature.VIRTIO_IOMMU_F_BYPASS_CONFIG"];

    [Fact]
    public void Every_line_Linux_prints_has_a_counterpart_and_equals_it()
    {
        var mismatches = new List<string>();
        foreach (var (_, key, value) in GoldenLines.Value)
        {
            if (!Counterparts.TryGetValue(key, out ulong ours)) mismatches.Add($"{key}={value}: no simulator counterpart");
            else if (ours != value) mismatches.Add($"{key}: Linux {value}, simulator {ours}");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void Every_counterpart_is_checked_against_a_line_Linux_prints()
    {
        var printed = GoldenLines.Value.Select(l => l.Key).ToHashSet();
        var unchecked_ = Counterparts.Keys.Where(k => !printed.Contains(k) && !Optional.Contains(k)).ToList();
        Assert.True(unchecked_.Count == 0, "not printed by Linux: " + string.Join(", ", unchecked_));
    }
}
