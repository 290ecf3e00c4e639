using Sim.Devices.Iommu;
using Sim.Hypervisors.Window;
using Sim.Hypervisors.Xen;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Which of a device's sharing keys (<see cref="SharingReader"/>) mean something where they are written. A key that the
/// device's platform or mechanism would never read is refused at the key, naming what it needs, instead of being
/// accepted and ignored:
/// <list type="bullet">
/// <item><c>backendVcpus</c>: the vCPUs of a Xen backend domain, which an unmap of a grant mapping must flush (an IPI
/// each): grant mechanisms only, so Xen only.</item>
/// <item><c>kick</c>: the KVM notification path (an ioeventfd or an exit to the VMM); Xen kicks through an event
/// channel, whatever this says.</item>
/// <item><c>iommu</c>: the virtio-iommu's invalidation and buffer layout: <c>sharing: iommu</c> only.</item>
/// <item><c>window</c>: the bounce window's or the persistent-grant pool's size: <c>sharing: window</c> or
/// <c>grant-persistent</c> only.</item>
/// </list>
/// A blk device whose guest has a <c>grid</c> over <c>sharing</c> may write a key that only some variants use (the
/// window of the window variant): the key is accepted when any variant's mechanism reads it.
/// </summary>
internal static class SharingKeyRules
{
    /// <summary>The mechanisms that take guest pages through Xen grant tables.</summary>
    public static bool IsGrant(string mechanism) => mechanism.StartsWith("grant-", StringComparison.Ordinal) || mechanism == "virtio-grants";

    /// <summary>
    /// Throws at the first key of <paramref name="written"/> (key, node) that none of <paramref name="mechanisms"/> on
    /// <paramref name="platform"/> reads.
    /// </summary>
    public static void Check(IEnumerable<(string Key, NodeReader Node)> written, string platform, IReadOnlyList<string> mechanisms)
    {
        string these = mechanisms.Count == 1 ? $"this device's sharing is '{mechanisms[0]}'" : $"this device's sharing is one of {string.Join(", ", mechanisms)}";
        foreach (var (key, node) in written)
        {
            switch (key)
            {
                case "backendVcpus" when platform != "xen":
                    throw node.Fail($"'backendVcpus' does not apply on {platform}: it is the vCPU count of a Xen backend domain, whose TLBs an unmap of a grant mapping flushes; remove it");
                case "backendVcpus" when !mechanisms.Any(IsGrant):
                    throw node.Fail($"'backendVcpus' applies only to grant sharing (grant-map, grant-persistent, grant-copy, virtio-grants), where an unmap flushes the backend's vCPUs; {these}; remove it");
                case "kick" when platform != "kvm":
                    throw node.Fail($"'kick' does not apply on {platform}: it chooses the KVM notification path (ioeventfd or an exit to the VMM); a Xen guest kicks through an event channel; remove it");
                case "iommu" when !mechanisms.Contains(IommuSharing.MechanismName):
                    throw node.Fail($"'iommu' applies only with sharing: iommu; {these}; remove it or use sharing: iommu");
                case "window" when !mechanisms.Contains(WindowSharing.MechanismName) && !mechanisms.Contains(PersistentGrantSharing.MechanismName):
                    throw node.Fail($"'window' (the bounce window's or the persistent-grant pool's size) applies only with sharing: window or grant-persistent; {these}; remove it");
            }
        }
    }

    /// <summary>
    /// Throws at <paramref name="at"/> when one request's <paramref name="buffers"/>, mapped at once, can never fit the
    /// bounce window or persistent pool of <paramref name="sharing"/> (2 KiB slots, at most 128 per buffer, as swiotlb):
    /// such a device would be refused its first mapping at t=0. Other mechanisms have no such limit.
    /// </summary>
    public static void CheckWindowFits(Model.SharingModel sharing, IReadOnlyList<(string Name, long Bytes)> buffers, NodeReader at)
    {
        if (sharing.Mechanism is not (WindowSharing.MechanismName or PersistentGrantSharing.MechanismName)) return;
        string what = sharing.Mechanism == WindowSharing.MechanismName ? "bounce window" : "persistent-grant pool";
        long slots = (long)(sharing.WindowBytes / BounceWindow.SlotSize);
        long needed = 0;
        foreach (var (name, bytes) in buffers)
        {
            int each = BounceWindow.SlotsFor((uint)Math.Min(bytes, uint.MaxValue));
            if (each > BounceWindow.MaxSlotsPerMapping)
                throw at.Fail($"a request's {name} of {bytes} bytes cannot go through the {what}: one buffer may use at most {BounceWindow.MaxSlotsPerMapping} slots of {BounceWindow.SlotSize} bytes ({BounceWindow.MaxMappingSize} bytes); use smaller requests or another sharing mechanism");
            needed += each;
        }
        if (needed > slots)
            throw at.Fail($"the {what} of {sharing.WindowBytes} bytes ({slots} slots of {BounceWindow.SlotSize} bytes) is smaller than one request's buffers " +
                $"({string.Join(" + ", buffers.Select(b => $"{b.Name} {b.Bytes}"))} bytes need {needed} slots); expected a window of at least {needed * BounceWindow.SlotSize} bytes");
    }
}
