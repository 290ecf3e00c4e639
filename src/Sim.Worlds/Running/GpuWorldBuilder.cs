using Sim.Core.Running;
using Sim.Devices.Common;
using Sim.Devices.Gpu;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Scenarios.Model;
using Sim.Scenarios.Planning;

namespace Sim.Worlds.Running;

/// <summary>
/// Turns a guest's virtio-gpu 2D devices into actors (virtio 1.2, 5.7): per device the driver and compositor at
/// <c>guest/device/driver</c> and the device with its resources and one scanout at <c>guest/device/backend</c>, with
/// its platform (<see cref="DevicePlatformBuilder"/>), placed in guest memory from a given address; with an
/// interconnect the device's transfers are DMA over the bus. Costs: the ring entries and <c>gpu.*</c>
/// (<see cref="GpuCosts"/>).
/// </summary>
public static class GpuWorldBuilder
{
    /// <summary>Adds <paramref name="guest"/>'s GPU devices from guest address <paramref name="start"/>; returns where the next device may start.</summary>
    public static ulong Build(Simulation simulation, GuestModel guest, GuestMemory memory, PlatformCosts costs, AccessLog accessLog, BusPort? bus, ulong start)
    {
        ulong next = start;
        foreach (var device in guest.Gpu)
        {
            var layout = GuestAddressPlan.GpuLayout(device, next);
            var assembly = DeviceAssembly.Begin(simulation, guest, device.Name, device.Sharing, memory, costs, accessLog,
                (layout.RingStart, layout.RequestArea, layout.End), GpuLayout.DeviceId, 0, [device.QueueSize, device.QueueSize], GpuConfigSpace.Build(1));
            next = GuestAddressPlan.End(device, next);
            var ringCosts = RingCosts.From(costs.Profile);
            var gpuCosts = GpuCosts.From(costs.Profile);
            var table = new GpuResourceTable([device.Workload.Mode], device.HostMemory);
            var backend = assembly.AddBackend(new GpuBackend(assembly.Platform, table, ringCosts, gpuCosts, assembly.BackendWiring(bus)));
            assembly.AddDriver(new GpuDriver(memory, assembly.Transport.ForDriver(backend.Ref), assembly.Platform,
                DeviceAssembly.DriverRingFeatures(device.Packed, device.EventIdx), layout, device.Workload, ringCosts, gpuCosts));
            assembly.Finish(backend);
        }
        return next;
    }
}
