using Sim.Core.Time;
using Sim.Devices.Iommu;
using Sim.Scenarios.Model;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads how a device's backend reaches its guest and where it runs, the same keys for every device type:
/// <code>
///   sharing: grant-map               # full | grant-map | grant-persistent | grant-copy | virtio-grants | iommu | window
///                                    # (default: full on kvm, grant-map on xen)
///   backend: driver-domain           # kvm: vmm | vhost | vhost-user (default) | other-vm; xen: dom0 (default) | driver-domain
///   backendVcpus: 4                  # vCPUs of the backend's domain (default 1)
///   backendThread: worker0           # optional: the guest's devices naming the same thread share one backend thread (one
///                                    #   vhost worker for several virtqueues); default: a thread of the device's own
///   kick: ioeventfd                  # kvm: vmm (an exit to the VMM in user space) | ioeventfd (default)
///   transport: pci                   # pci | mmio (default: the cost profile's; x86 profiles pci, Arm mmio)
///   iommu: { invalidation: lazy, batch: 250, timeout: 10ms }   # for sharing: iommu (default strict; lazy 250 / 10ms)
///                                    # buffers: contiguous (default) | scattered: each page of a buffer on its own
///                                    #   frame (user buffers under O_DIRECT), so each page takes its own MAP
///   window: 4MiB                     # bounce window or persistent pool size (default 4MiB)
/// </code>
/// Platform rules: grant mechanisms need Xen; <c>backendVcpus</c>, <c>kick</c>, <c>iommu</c> and <c>window</c> only where
/// they are read (<see cref="SharingKeyRules"/>); <c>full</c> on Xen needs the backend in dom0 (foreign mapping is
/// privileged); a KVM backend in another VM reaches the guest only through a <c>window</c> (shared memory between the VMs, as with QEMU's ivshmem).
/// </summary>
internal static class SharingReader
{
    /// <summary>The mechanisms a scenario may name.</summary>
    public static readonly string[] Mechanisms = ["full", "grant-map", "grant-persistent", "grant-copy", "virtio-grants", "iommu", "window"];

    /// <summary>Where a KVM backend may run.</summary>
    public static readonly string[] KvmBackends = ["vmm", "vhost", "vhost-user", "other-vm"];

    /// <summary>Where a Xen backend may run.</summary>
    public static readonly string[] XenBackends = ["dom0", "driver-domain"];

    private static readonly string[] Kicks = ["vmm", "ioeventfd"];

    /// <summary>The virtio transports a device may use.</summary>
    public static readonly string[] Transports = ["pci", "mmio"];

    /// <summary>Linux's flush queue (drivers/iommu/dma-iommu.c): about 250 entries or 10 ms.</summary>
    public static readonly IommuInvalidation LazyDefault = new(false, 250, SimTime.FromMilliseconds(10));

    /// <summary>The keys that only some platforms or mechanisms read (<see cref="SharingKeyRules"/>).</summary>
    private static readonly string[] ConditionalKeys = ["backendVcpus", "kick", "iommu", "window"];

    /// <summary>Every sharing key, for a device that has no virtio backend to share with.</summary>
    public static IReadOnlyList<string> Keys => KeyShapes.Select(key => key.Name).ToList();

    /// <summary>The sharing keys every device type has, for its declaration (and the schema).</summary>
    public static IReadOnlyList<KeyShape> KeyShapes =>
    [
        KeyShape.May("sharing", new EnumShape(Mechanisms), "How the backend reaches guest memory (default: full on kvm, grant-map on xen); grant mechanisms need xen."),
        KeyShape.May("backend", new EnumShape([.. KvmBackends, .. XenBackends]),
            $"Where the backend runs: on kvm {string.Join(", ", KvmBackends)} (default vhost-user); on xen {string.Join(", ", XenBackends)} (default dom0)."),
        KeyShape.May("backendVcpus", new IntegerShape(1, 512), "vCPUs of the Xen backend domain, which an unmap of a grant mapping flushes (grant sharing only; default 1)."),
        KeyShape.May("backendThread", new TextShape(), "Devices of a guest naming the same thread share one backend thread (default: a thread of the device's own)."),
        KeyShape.May("kick", new EnumShape(Kicks), "kvm only: the notification path, an ioeventfd (default) or an exit to the VMM."),
        KeyShape.May("transport", new EnumShape(Transports), "The virtio transport (default: the cost profile's; x86 pci, Arm mmio)."),
        KeyShape.May("iommu", IommuShape, "With sharing: iommu, the virtio-iommu's invalidation and buffer layout."),
        KeyShape.May("window", new QuantityShape(QuantityPattern.Bytes), "With sharing: window or grant-persistent, the bounce window's or pool's size (default 4MiB)."),
    ];

    private static readonly string[] Invalidations = ["strict", "lazy"];

    private static readonly string[] BufferLayouts = ["contiguous", "scattered"];

    private static MappingShape IommuShape => new("iommu",
    [
        KeyShape.May("invalidation", new EnumShape(Invalidations), "strict (default): invalidate on every unmap; lazy: batch them in a flush queue."),
        KeyShape.May("batch", new IntegerShape(1, 1 << 20), "lazy: entries before a flush (default 250)."),
        KeyShape.May("timeout", new QuantityShape(QuantityPattern.Time), "lazy: the longest an entry waits for a flush (default 10ms)."),
        KeyShape.May("buffers", new EnumShape(BufferLayouts), "contiguous (default) or scattered: each page of a buffer on its own frame, mapped on its own."),
    ]);

    /// <summary>
    /// Reads the sharing keys of <paramref name="device"/> on <paramref name="platform"/>; returns the model and the node to
    /// blame for a rule it breaks. A key the device's platform or mechanism does not read is refused
    /// (<see cref="SharingKeyRules"/>); <paramref name="gridMechanisms"/>, when the guest's grid varies the mechanism,
    /// are the mechanisms the device will also run with.
    /// </summary>
    public static (SharingModel Model, NodeReader At) Read(MappingReader device, string platform, IReadOnlyList<string>? gridMechanisms = null)
    {
        NodeReader? sharingNode = device.Optional("sharing");
        string mechanism = sharingNode is null ? (platform == "xen" ? "grant-map" : "full") : OneOf(sharingNode, Mechanisms, "a sharing mechanism");
        NodeReader? backendNode = device.Optional("backend");
        string backend = backendNode is null ? (platform == "xen" ? "dom0" : "vhost-user")
            : OneOf(backendNode, Backends(platform), $"a {platform} backend placement");
        int vcpus = (int)(device.OptionalInt64("backendVcpus", min: 1, max: 512) ?? 1);
        NodeReader? kickNode = device.Optional("kick");
        string kick = kickNode is null ? "ioeventfd" : OneOf(kickNode, Kicks, "a KVM kick path");
        var (invalidation, eachPage) = device.OptionalMapping("iommu") is { } iommu ? ReadIommu(iommu) : (IommuInvalidation.Strict, false);
        ulong window = device.Optional("window") is { } w ? TransportSectionReader.ReadBytes(w) : 4UL << 20;
        string? transport = device.Optional("transport") is { } t ? OneOf(t, Transports, "a virtio transport") : null;
        string? thread = device.Optional("backendThread") is { } threadNode ? TransportSectionReader.ReadPathName(threadNode, "backend thread", []) : null;
        var model = new SharingModel(mechanism, backend, vcpus, kick, invalidation, window, transport, eachPage, thread);
        NodeReader at = sharingNode ?? device.Self;
        Check(model, platform, at);
        var written = ConditionalKeys.Select(key => (Key: key, Node: device.Optional(key))).Where(k => k.Node is not null).Select(k => (k.Key, k.Node!));
        SharingKeyRules.Check(written, platform, gridMechanisms is { Count: > 0 } ? gridMechanisms : [mechanism]);
        return (model, at);
    }

    /// <summary>The backend placements <paramref name="platform"/> allows.</summary>
    public static string[] Backends(string platform) => platform == "xen" ? XenBackends : KvmBackends;

    /// <summary>Throws, located at <paramref name="at"/>, when <paramref name="model"/> breaks a platform rule.</summary>
    public static void Check(SharingModel model, string platform, NodeReader at)
    {
        bool grants = SharingKeyRules.IsGrant(model.Mechanism);
        if (grants && platform != "xen") throw at.Fail($"sharing '{model.Mechanism}' needs Xen grant tables; this guest's platform is {platform}");
        if (model.Mechanism == "full" && platform == "xen" && model.Backend != "dom0")
            throw at.Fail("sharing 'full' on Xen is a foreign mapping of all guest RAM, which only dom0 may make; use backend: dom0 or a grant mechanism");
        if (model.Backend == "other-vm" && model.Mechanism != "window")
            throw at.Fail("a KVM backend in another VM reaches the guest only through a shared window; use sharing: window");
    }

    /// <summary>An invalidation mode as a grid value: strict, or lazy with Linux's defaults.</summary>
    public static IommuInvalidation InvalidationNamed(string mode) => mode == "strict" ? IommuInvalidation.Strict : LazyDefault;

    private static (IommuInvalidation Invalidation, bool EachPage) ReadIommu(MappingReader node)
    {
        node.Declare(IommuShape);
        NodeReader? modeNode = node.Optional("invalidation");
        string mode = modeNode is null ? "strict" : OneOf(modeNode, Invalidations, "an invalidation: strict or lazy");
        int batch = (int)(node.OptionalInt64("batch", min: 1, max: 1 << 20) ?? LazyDefault.BatchCount);
        SimTime timeout = node.OptionalTime("timeout", LazyDefault.Timeout);
        bool eachPage = node.Optional("buffers") is { } b && OneOf(b, BufferLayouts, "a buffer layout: contiguous or scattered") == "scattered";
        node.Done();
        return (mode == "strict" ? IommuInvalidation.Strict : new IommuInvalidation(false, batch, timeout), eachPage);
    }

    /// <summary>The value of <paramref name="node"/> if it is one of <paramref name="allowed"/>; else a located error with the nearest name.</summary>
    public static string OneOf(NodeReader node, IReadOnlyList<string> allowed, string what)
    {
        string value = node.AsString();
        if (allowed.Contains(value)) return value;
        string? near = NearestName.Find(value, allowed.ToList());
        throw node.Fail($"'{value}' is not {what}; expected one of {string.Join(", ", allowed)}" + (near is null ? "" : $"; did you mean '{near}'?"));
    }
}
