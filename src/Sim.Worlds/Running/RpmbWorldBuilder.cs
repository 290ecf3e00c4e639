using Sim.Core.Running;
using Sim.Devices.Common;
using Sim.Devices.Rpmb;
using Sim.Devices.Virtio;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Scenarios.Model;
using Sim.Scenarios.Planning;

namespace Sim.Worlds.Running;

/// <summary>
/// Turns a guest's virtio-rpmb devices into actors (virtio 1.2, 5.12): per device the driver at
/// <c>guest/device/driver</c> (secure-storage operations open loop, one in flight) and the backend with its simulated
/// eMMC RPMB partition at <c>guest/device/backend</c>, with its platform (<see cref="DevicePlatformBuilder"/>), placed in
/// guest memory from a given address. Costs: the ring entries and <c>rpmb.*</c> (<see cref="RpmbCosts"/>).
/// </summary>
public static class RpmbWorldBuilder
{
    /// <summary>Adds <paramref name="guest"/>'s RPMB devices from guest address <paramref name="start"/>; returns where the next device may start.</summary>
    public static ulong Build(Simulation simulation, GuestModel guest, GuestMemory memory, PlatformCosts costs, AccessLog accessLog, BusPort? bus, ulong start)
    {
        ulong next = start;
        foreach (var device in guest.Rpmb)
        {
            string path = $"{guest.Name}/{device.Name}";
            var layout = GuestAddressPlan.RpmbLayout(device, next);
            if (layout.End > memory.Size)
                throw new InvalidOperationException($"guest '{guest.Name}' needs at least {layout.End} bytes of memory for device '{device.Name}'");
            var (rings, _, _) = layout.Rings;
            var platform = DevicePlatformBuilder.Build(simulation, guest.Platform, path, device.Sharing, memory, costs, accessLog,
                rings, layout.RequestBuffer - rings, layout.End);
            next = GuestAddressPlan.End(device, next);
            var ringCosts = RingCosts.From(costs.Profile);
            var rpmbCosts = RpmbCosts.From(costs.Profile);
            var config = new byte[RpmbLayout.ConfigSize];
            device.Workload.Device.WriteTo(config);
            ulong offered = VirtioFeatures.Version1 | VirtioFeatures.RingPacked | VirtioFeatures.EventIdx | VirtioFeatures.IndirectDesc | VirtioFeatures.AccessPlatform;
            var transport = VirtioTransport.Create(DevicePlatformBuilder.TransportOf(device.Sharing, costs), RpmbLayout.DeviceId, TransportWorldBuilder.VendorId, offered,
                [device.QueueSize], config, DevicePlatformBuilder.BackendFindings(simulation, path));
            var backend = simulation.Add($"{path}/backend", new RpmbBackend(platform, device.Workload.Device, ringCosts, rpmbCosts, transport.ForBackend(simulation.Reserve($"{path}/driver"), bus)));
            ulong ring = (device.Packed ? VirtioFeatures.RingPacked : 0) | (device.EventIdx ? VirtioFeatures.EventIdx : 0);
            simulation.Add($"{path}/driver", new RpmbDriver(memory, transport.ForDriver(backend.Ref), platform, ring, layout, device.Workload,
                RequestArrivals.Loop(device.Workload.Interarrival), ringCosts, rpmbCosts));
            simulation.Metrics.Register(new AccessMetric($"{path}/backend/memory", accessLog.For($"{path}/backend")));
            DevicePlatformBuilder.PlaceBackend(simulation, path, device.Sharing, backend);
        }
        return next;
    }
}
