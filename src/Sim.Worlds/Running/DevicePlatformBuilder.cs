using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Devices.Iommu;
using Sim.Devices.Common;
using Sim.Hypervisors.Kvm;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;
using Sim.Hypervisors.Xen;
using Sim.Scenarios.Model;
using Sim.Scenarios.Planning;

namespace Sim.Worlds.Running;

/// <summary>
/// Builds one device's platform from its <see cref="SharingModel"/>, whatever the device: a KVM or Xen notification
/// path and the sharing mechanism, whose regions (grant table, IOMMU request ring, bounce window or persistent pool) are
/// placed in guest memory page-aligned after the device's own layout. Registers the metrics
/// <c>guest/device/platform</c> (hypervisor operations, per request) and <c>guest/device/exposure</c> (reachable pages
/// over time, stale exposure). The rings are shared for the device's lifetime.
/// </summary>
internal static class DevicePlatformBuilder
{
    /// <summary>The guest's domain id on Xen (dom0 is 0; the backend's driver domain is <see cref="DriverDomainId"/>).</summary>
    public const ushort GuestDomainId = 1;

    /// <summary>The driver domain's id when the backend runs in one.</summary>
    public const ushort DriverDomainId = 2;

    /// <summary>
    /// Config <c>probe_size</c> of the virtio-iommu: room for five 24-byte RESV_MEM properties. QEMU offers 512 bytes;
    /// a PROBE of that size would not fit the request port's 256-byte buffers, and nothing here reports more than one
    /// region (the x86 MSI doorbell).
    /// </summary>
    private const uint IommuProbeSize = 128;

    /// <summary>The queue size of the virtio-iommu's request queue.</summary>

    /// <summary>
    /// The platform of the device at <paramref name="path"/> on <paramref name="platformName"/>, its rings at
    /// [<paramref name="ringStart"/>, +<paramref name="ringLength"/>), platform regions from <paramref name="freeFrom"/> on.
    /// The platform reports findings as <c>path/backend</c> and charges the ledgers of <c>path/driver</c> and
    /// <c>path/backend</c>, reserved here and added by the caller.
    /// </summary>
    public static DevicePlatform Build(
        Simulation simulation, string platformName, string path, SharingModel model, GuestMemory memory, PlatformCosts costs, AccessLog log,
        ulong ringStart, ulong ringLength, ulong freeFrom)
    {
        ulong next = freeFrom;
        ulong Take(ulong bytes)
        {
            ulong at = Alignment.PageAlign(next);
            next = at + bytes;
            if (next > memory.Size)
                throw new InvalidOperationException($"'{path}' needs more than the {memory.Size} bytes of {memory.Domain}'s memory");
            return at;
        }

        var counters = simulation.Metrics.Register(new PlatformCounters($"{path}/platform"));
        var exposure = simulation.Metrics.Register(new ExposureMetric($"{path}/exposure", () => simulation.Now));
        var backend = simulation.Reserve($"{path}/backend");
        var sinks = new SharingSinks(simulation.FindingsOf(backend), simulation.CostsOf(simulation.Reserve($"{path}/driver")), simulation.CostsOf(backend));
        var context = new SharingContext(memory, $"{path}/backend", log, costs, counters, exposure, () => simulation.Now, sinks);
        var notification = Notification(platformName, model, context, TransportOf(model, costs));
        var sharing = Sharing(model, context, memory, notification, Take, log, path);
        sharing.ShareForLifetime(ringStart, ringLength);
        return new DevicePlatform(sharing, notification, counters, exposure);
    }

    /// <summary>
    /// Puts <paramref name="backend"/> of the device at <paramref name="devicePath"/> (<c>guest/device</c>) on the backend
    /// thread its sharing keys name, shared with the guest's other devices that name it (a <see cref="SharedThread"/> at
    /// <c>guest/threads/NAME</c>, added on first use); without a name the backend keeps a thread of its own.
    /// </summary>
    public static void PlaceBackend(Simulation simulation, string devicePath, SharingModel model, BusyResource backend)
    {
        if (model.BackendThread is not { } name) return;
        string guest = devicePath[..devicePath.IndexOf('/')];
        string path = $"{guest}/threads/{name}";
        backend.RunOn(simulation.Find(path) ?? simulation.Add(path, new SharedThread()).Ref);
    }

    /// <summary>
    /// Where the register file of the device at <paramref name="devicePath"/> reports driver misuse: findings of its
    /// backend (<c>devicePath/backend</c>, reserved: the register file is built before the backend it belongs to).
    /// </summary>
    public static TransportFindings BackendFindings(Simulation simulation, string devicePath) =>
        new(simulation.FindingsOf(simulation.Reserve($"{devicePath}/backend")));

    /// <summary>The transport a device with <paramref name="model"/> uses: its own, else the profile's default, else virtio-pci.</summary>
    public static string TransportOf(SharingModel model, PlatformCosts costs) => model.Transport ?? costs.Profile.DefaultTransport ?? "pci";

    private static NotificationPath Notification(string platform, SharingModel sharing, SharingContext context, string transport)
    {
        if (platform == "xen") return new XenNotification(context, transport, sharing.Backend);
        var kick = sharing.Kick == "vmm" ? KvmKick.Mmio : KvmKick.Ioeventfd;
        var backend = sharing.Backend switch
        {
            "vmm" => KvmBackend.Vmm,
            "vhost" => KvmBackend.Vhost,
            "other-vm" => KvmBackend.OtherVm,
            _ => KvmBackend.VhostUser,
        };
        return new KvmNotification(context, transport, kick, backend);
    }

    private static SharingMechanism Sharing(
        SharingModel model, SharingContext context, GuestMemory memory, NotificationPath notification, Func<ulong, ulong> take, AccessLog log, string path)
    {
        ushort backendDomain = model.Backend == "driver-domain" ? DriverDomainId : (ushort)0;
        switch (model.Mechanism)
        {
            case FullMapping.MechanismName:
                return new FullMapping(context);
            case WindowSharing.MechanismName:
                return new WindowSharing(context, take(model.WindowBytes), model.WindowBytes);
            case IommuSharing.MechanismName:
            {
                var device = new IommuDevice(new IommuDeviceOptions
                {
                    // The backend's device IOTLB is vhost's: at most max_iotlb_entries = 2048 (Linux drivers/vhost/vhost.c).
                    IotlbCapacity = 2048,
                    Endpoints = [1],
                    ProbeSize = IommuProbeSize,
                    ReservedRegions = [IommuReservedRegion.X86Msi],
                    Invalidation = model.Invalidation.IsStrict ? InvalidationPolicy.Strict : InvalidationPolicy.Lazy(int.MaxValue),
                });
                ulong bytes = VirtqueueIommuPort.RegionBytesFor(GuestAddressPlan.IommuRequestQueueSize);
                var port = new VirtqueueIommuPort(memory, take(bytes), bytes, GuestAddressPlan.IommuRequestQueueSize, device, log, $"{path}/iommu");
                return new IommuSharing(context, device, port, endpoint: 1, domain: 1, model.Invalidation, notification.VmmNotify, model.IommuMapsEachPage);
            }
            default:
            {
                var table = new GrantTable(memory, GuestDomainId, take((ulong)GrantTable.DefaultMaxFrames * GuestMemory.PageSize));
                var mapper = new GrantMapper(table);
                if (model.Mechanism == PersistentGrantSharing.MechanismName)
                    return new PersistentGrantSharing(context, table, mapper, backendDomain, model.BackendVcpus, take(model.WindowBytes), model.WindowBytes);
                var mode = model.Mechanism switch
                {
                    "grant-copy" => GrantBackendMode.Copy,
                    "virtio-grants" => GrantBackendMode.MapPerAccess,
                    _ => GrantBackendMode.MapPerRequest,
                };
                return new GrantSharing(model.Mechanism, context, table, mapper, backendDomain, model.BackendVcpus, mode);
            }
        }
    }
}
