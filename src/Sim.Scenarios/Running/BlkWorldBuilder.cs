using Sim.Core.Running;
using Sim.Devices.Blk;
using Sim.Devices.Iommu;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Mmio;
using Sim.Hypervisors.Iommu;
using Sim.Hypervisors.Kvm;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;
using Sim.Hypervisors.Xen;
using Sim.Scenarios.Model;

namespace Sim.Scenarios.Running;

/// <summary>
/// Turns a guest's virtio-blk devices into actors on their platform. Per device: the driver on its vCPU at
/// <c>guest/device/driver</c>, the backend at <c>guest/device/backend</c>, and the platform built from the device's
/// <see cref="SharingModel"/>: a KVM or Xen notification path and the sharing mechanism, whose regions (grant
/// table, IOMMU request ring, bounce window or persistent pool) follow the device's layout in guest memory. Metrics
/// <c>guest/device/platform</c> (hypervisor operations, per request) and <c>guest/device/exposure</c> (reachable
/// pages over time, stale exposure); oracle findings are reported by the backend.
/// </summary>
public static class BlkWorldBuilder
{
    /// <summary>The guest's domain id on Xen (dom0 is 0; the backend's driver domain is <see cref="DriverDomainId"/>).</summary>
    public const ushort GuestDomainId = 1;

    /// <summary>The driver domain's id when the backend runs in one.</summary>
    public const ushort DriverDomainId = 2;

    /// <summary>Adds <paramref name="guest"/>'s blk devices to <paramref name="simulation"/>.</summary>
    public static void Build(Simulation simulation, GuestModel guest, GuestMemory memory, PlatformCosts costs, AccessLog accessLog)
    {
        if (guest.Blk.Count == 0) return;
        var blkCosts = BlkCosts.From(costs.Profile);
        var storageTiming = BlkCosts.StorageFrom(costs.Profile);
        foreach (var device in guest.Blk)
        {
            string path = $"{guest.Name}/{device.Name}";
            var workload = device.Workload;
            var layout = BlkGuestLayout.For(device.QueueSize, workload.QueueDepth, workload.RequestBytes);
            ulong next = layout.End;
            ulong Take(ulong bytes)
            {
                ulong at = (next + GuestMemory.PageSize - 1) & ~(ulong)(GuestMemory.PageSize - 1);
                next = at + bytes;
                if (next > memory.Size)
                    throw new InvalidOperationException($"guest '{guest.Name}' needs more than {memory.Size} bytes of memory for device '{device.Name}'");
                return at;
            }

            var counters = simulation.Metrics.Register(new PlatformCounters($"{path}/platform"));
            var exposure = simulation.Metrics.Register(new ExposureMetric($"{path}/exposure", () => simulation.Now));
            var context = new SharingContext(memory, $"{path}/backend", accessLog, costs, counters, exposure, () => simulation.Now);
            var notification = Notification(guest.Platform, device.Sharing, costs, counters);
            var sharing = Sharing(device.Sharing, context, memory, notification, Take, accessLog, path);
            sharing.ShareForLifetime(layout.DescriptorArea, layout.ControlArea - layout.DescriptorArea);
            var platform = new DevicePlatform(sharing, notification, counters, exposure);

            var storage = new BlkStorage(device.CapacitySectors, storageTiming, keepsContent: true);
            var backend = simulation.Add($"{path}/backend", new BlkBackend(platform, storage, workload, blkCosts));
            context.Findings = backend.FindingSink;
            ulong offered = VirtioFeatures.Version1 | VirtioFeatures.RingPacked | VirtioFeatures.EventIdx | VirtioFeatures.IndirectDesc
                | VirtioFeatures.AccessPlatform | BlkFeatures.Flush;
            var registers = new MmioDevice(BlkFrontend.DeviceId, TransportWorldBuilder.VendorId, offered, [device.QueueSize],
                BlkConfigSpace.Build(device.CapacitySectors), backend);
            ulong ring = (device.Packed ? VirtioFeatures.RingPacked : 0) | (device.EventIdx ? VirtioFeatures.EventIdx : 0)
                | (device.Indirect ? VirtioFeatures.IndirectDesc : 0);
            var frontend = simulation.Add($"{path}/driver", new BlkFrontend(memory, registers, platform, ring, device.QueueSize, layout, workload, blkCosts));
            simulation.Metrics.Register(new AccessMetric($"{path}/backend/memory", accessLog.For($"{path}/backend")));
            backend.Registers = registers;
            backend.Frontend = frontend.Ref;
            frontend.Backend = backend.Ref;
        }
    }

    private static NotificationPath Notification(string platform, SharingModel sharing, PlatformCosts costs, PlatformCounters counters)
    {
        if (platform == "xen") return new XenNotification(costs, counters, sharing.Backend);
        var kick = sharing.Kick switch { "mmio" => KvmKick.Mmio, "fast-mmio" => KvmKick.FastMmio, _ => KvmKick.Ioeventfd };
        var backend = sharing.Backend switch
        {
            "vmm" => KvmBackend.Vmm,
            "vhost" => KvmBackend.Vhost,
            "other-vm" => KvmBackend.OtherVm,
            _ => KvmBackend.VhostUser,
        };
        return new KvmNotification(costs, counters, kick, backend);
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
                const ushort requestQueueSize = 64;
                var device = new IommuDevice(new IommuDeviceOptions
                {
                    Endpoints = [1],
                    Invalidation = model.Invalidation.IsStrict ? InvalidationPolicy.Strict : InvalidationPolicy.Lazy(int.MaxValue),
                });
                ulong bytes = VirtqueueIommuPort.RegionBytesFor(requestQueueSize);
                var port = new VirtqueueIommuPort(memory, take(bytes), bytes, requestQueueSize, device, log, $"{path}/iommu");
                return new IommuSharing(context, device, port, endpoint: 1, domain: 1, model.Invalidation, notification.VmmNotify);
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
