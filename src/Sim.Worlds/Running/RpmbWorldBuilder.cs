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
            var layout = GuestAddressPlan.RpmbLayout(device, next);
            var config = new byte[RpmbLayout.ConfigSize];
            device.Workload.Device.WriteTo(config);
            var assembly = DeviceAssembly.Begin(simulation, guest, device.Name, device.Sharing, memory, costs, accessLog,
                (layout.Rings.Descriptors, layout.RequestBuffer, layout.End), RpmbLayout.DeviceId, 0, [device.QueueSize], config);
            next = GuestAddressPlan.End(device, next);
            var ringCosts = RingCosts.From(costs.Profile);
            var rpmbCosts = RpmbCosts.From(costs.Profile);
            var backend = assembly.AddBackend(new RpmbBackend(assembly.Platform, device.Workload.Device, ringCosts, rpmbCosts, assembly.BackendWiring(bus)));
            assembly.AddDriver(new RpmbDriver(memory, assembly.Transport.ForDriver(backend.Ref), assembly.Platform, DeviceAssembly.DriverRingFeatures(device.Packed, device.EventIdx),
                layout, device.Workload, RequestArrivals.Loop(device.Workload.Interarrival), ringCosts, rpmbCosts));
            assembly.Finish(backend);
        }
        return next;
    }
}
