using Sim.Core.Running;
using Sim.Devices.Blk;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Scenarios.Model;
using Sim.Scenarios.Planning;

namespace Sim.Worlds.Running;

/// <summary>
/// Turns a guest's virtio-blk devices into actors on their platform. Per device: the driver on its vCPU at
/// <c>guest/device/driver</c>, the backend at <c>guest/device/backend</c>, its disk, and the platform built by
/// <see cref="DevicePlatformBuilder"/> from the device's <see cref="SharingModel"/> (metrics <c>guest/device/platform</c>
/// and <c>guest/device/exposure</c>; oracle findings are reported by the backend).
/// </summary>
public static class BlkWorldBuilder
{
    /// <summary>
    /// Adds <paramref name="guest"/>'s blk devices to <paramref name="simulation"/>, one after another in guest memory from
    /// <paramref name="start"/>; each backend gets <paramref name="bus"/>. Returns where the next device may start.
    /// </summary>
    public static ulong Build(Simulation simulation, GuestModel guest, GuestMemory memory, PlatformCosts costs, AccessLog accessLog, BusPort? bus, ulong start)
    {
        if (guest.Blk.Count == 0) return start;
        ulong next = start;
        var ringCosts = RingCosts.From(costs.Profile);
        var guestRequest = BlkCosts.GuestRequest(costs.Profile);
        foreach (var device in guest.Blk)
        {
            string path = $"{guest.Name}/{device.Name}";
            var workload = device.Workload;
            var layout = BlkGuestLayout.For(device.QueueSize, workload.QueueDepth, workload.RequestBytes, next);
            next = GuestAddressPlan.End(device, next);
            if (layout.End > memory.Size)
                throw new InvalidOperationException($"guest '{guest.Name}' needs at least {layout.End} bytes of memory for device '{device.Name}'");
            var platform = DevicePlatformBuilder.Build(simulation, guest.Platform, path, device.Sharing, memory, costs, accessLog,
                layout.DescriptorArea, (device.CoherentHeaders ? layout.DataArea : layout.ControlArea) - layout.DescriptorArea, layout.End);

            var storage = new BlkStorage(device.CapacitySectors, BlkCosts.StorageFrom(costs.Profile, ramDisk: device.Storage == "ram"), keepsContent: true);
            ulong offered = VirtioFeatures.Version1 | VirtioFeatures.RingPacked | VirtioFeatures.EventIdx | VirtioFeatures.IndirectDesc
                | VirtioFeatures.AccessPlatform | BlkFeatures.Flush;
            var transport = VirtioTransport.Create(DevicePlatformBuilder.TransportOf(device.Sharing, costs), BlkDriver.DeviceId, TransportWorldBuilder.VendorId, offered, [device.QueueSize],
                BlkConfigSpace.Build(device.CapacitySectors), DevicePlatformBuilder.BackendFindings(simulation, path));
            var backend = simulation.Add($"{path}/backend",
                new BlkBackend(platform, storage, workload.StorageChannels, ringCosts, transport.ForBackend(simulation.Reserve($"{path}/driver"), bus)));
            ulong ring = (device.Packed ? VirtioFeatures.RingPacked : 0) | (device.EventIdx ? VirtioFeatures.EventIdx : 0)
                | (device.Indirect ? VirtioFeatures.IndirectDesc : 0);
            var frontend = simulation.Add($"{path}/driver", new BlkDriver(memory, transport.ForDriver(backend.Ref), platform, ring, device.QueueSize, layout, workload, RequestArrivals.Loop(workload.Interarrival), ringCosts, guestRequest, device.CoherentHeaders)
            {
                ResetAt = device.ResetAt,
            });
            simulation.Metrics.Register(new AccessMetric($"{path}/backend/memory", accessLog.For($"{path}/backend")));
            DevicePlatformBuilder.PlaceBackend(simulation, path, device.Sharing, backend);
        }
        return next;
    }
}
