using Sim.Core.Costs;
using Sim.Core.Time;
using Sim.Hypervisors.Costs;

namespace Sim.Hypervisors.Platform;

/// <summary>
/// The costs platforms and memory-sharing mechanisms charge, resolved once from a <see cref="CostProfile"/> by name
/// (<c>profiles/kvm-x86.yaml</c>, <c>xen-x86.yaml</c>, <c>xen-arm64.yaml</c> give each figure's source). A platform
/// reads only the entries it uses, so a KVM profile need not carry Xen entries: a missing entry is resolved lazily and
/// its absence named when a mechanism first needs it.
/// </summary>
public sealed class PlatformCosts
{
    private readonly CostProfile _profile;

    /// <summary>Costs from <paramref name="profile"/>.</summary>
    public PlatformCosts(CostProfile profile) => _profile = profile ?? throw new ArgumentNullException(nameof(profile));

    /// <summary>The profile behind these costs.</summary>
    public CostProfile Profile => _profile;

    /// <summary>The entries every platform needs.</summary>
    public static readonly IReadOnlyList<string> Common =
    [
        "vcpu.interruptEntry", "backend.wakeup", "cpu.memcpy", "host.eventfd.signal",
    ];

    /// <summary>The entries the KVM platform and its mechanisms read.</summary>
    public static readonly IReadOnlyList<string> Kvm =
    [
        "kvm.exit.mmioUser", "kvm.exit.mmioIoeventfd", "kvm.exit.fastMmio", "kvm.ioeventfd.deliver", "kvm.irqfd.inject",
        "kvm.memShare",
    ];

    /// <summary>The entries the Xen platform and its grant mechanisms read.</summary>
    public static readonly IReadOnlyList<string> Xen =
    [
        "xen.hypercall", "xen.ioreq.toBackend", "xen.ioreq.roundTrip", "xen.ioreq.handle", "xen.dmop.irq", "xen.irq.toGuest",
        "xen.grant.access", "xen.grant.endAccess", "xen.grant.map", "xen.grant.unmap", "xen.grant.copy",
        "xen.tlbFlush.local", "xen.tlbFlush.remote", "xen.tlbFlush.ipi",
    ];

    /// <summary>The entries the virtio-iommu mechanism reads (on either platform).</summary>
    public static readonly IReadOnlyList<string> Iommu = ["iommu.request", "iommu.iotlb.hit", "iommu.iotlb.miss", "iommu.flush"];

    /// <summary>The entries the bounce-window mechanism reads.</summary>
    public static readonly IReadOnlyList<string> Window = ["window.slotSearch"];

    /// <summary>The entries a block device's backing store reads.</summary>
    public static readonly IReadOnlyList<string> Storage =
        ["storage.readAccess", "storage.readBandwidth", "storage.writeAccess", "storage.writeBandwidth", "storage.flush"];

    /// <summary>The time of entry <paramref name="name"/>; throws naming the profile and the entry when it is missing.</summary>
    public SimTime Time(string name) => _profile.Time(name);

    /// <summary>Entry <paramref name="name"/> as a chargeable time per operation; throws naming the entry when it is missing.</summary>
    public CostItem Item(string name) => CostItem.Of(name, _profile.Time(name));

    /// <summary>Entry <paramref name="name"/> as a chargeable bandwidth; throws when it is missing or not a bandwidth.</summary>
    public CostRate Rate(string name) => CostRate.Of(name, BytesPerSecond(name));

    /// <summary>Copying <paramref name="bytes"/> with memcpy (<c>cpu.memcpy</c>), as a charge.</summary>
    public CostCharge MemcpyCharge(long bytes) => Rate("cpu.memcpy").ForBytes(bytes);

    /// <summary>The time to copy <paramref name="bytes"/> with memcpy (<c>cpu.memcpy</c>).</summary>
    public SimTime Memcpy(long bytes) => bytes <= 0 ? SimTime.Zero : _profile.ForBytes("cpu.memcpy", bytes);

    /// <summary>The bandwidth of entry <paramref name="name"/> in bytes per second.</summary>
    public double BytesPerSecond(string name) => _profile[name].BytesPerSecond
        ?? throw new InvalidOperationException($"cost profile '{_profile.Name}': '{name}' must be a bandwidth (e.g. 13GB/s)");
}
