namespace Sim.Scenarios.Tests.Transport;

/// <summary>
/// The (platform, sharing, transport) combinations a device type must run unchanged on: KVM with a full mapping, the
/// virtio-iommu and a bounce window; Xen with grant map, grant copy, persistent grants and virtio over grants; each on
/// virtio-pci and virtio-mmio.
/// </summary>
internal static class EveryPlatformCases
{
    /// <summary>Every combination, transport outermost.</summary>
    public static TheoryData<string, string, string> All()
    {
        var data = new TheoryData<string, string, string>();
        foreach (string transport in new[] { "pci", "mmio" })
        {
            foreach (string sharing in new[] { "full", "iommu", "window" }) data.Add("kvm", sharing, transport);
            foreach (string sharing in new[] { "grant-map", "grant-copy", "grant-persistent", "virtio-grants" }) data.Add("xen", sharing, transport);
        }
        return data;
    }
}
