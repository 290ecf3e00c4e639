using Sim.Core.Running;
using Sim.Devices.Common;
using Sim.Devices.Input;
using Sim.Devices.Virtio;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Scenarios.Model;
using Sim.Scenarios.Planning;

namespace Sim.Worlds.Running;

/// <summary>
/// Turns a guest's virtio-input devices into actors (virtio 1.2, 5.8): per device the driver at
/// <c>guest/device/driver</c>, the backend at <c>guest/device/backend</c>, its platform (<see cref="DevicePlatformBuilder"/>)
/// and the human interface device feeding the backend at <c>guest/device/source</c> (<see cref="InputReportSource"/>);
/// the configuration space answers the driver's queries (<see cref="InputConfigSpace"/>). Placed in guest memory from a
/// given address. Costs: the ring entries and <c>input.*</c> (<see cref="InputCosts"/>).
/// </summary>
public static class InputWorldBuilder
{
    /// <summary>Adds <paramref name="guest"/>'s input devices from guest address <paramref name="start"/>; returns where the next device may start.</summary>
    public static ulong Build(Simulation simulation, GuestModel guest, GuestMemory memory, PlatformCosts costs, AccessLog accessLog, BusPort? bus, ulong start)
    {
        ulong next = start;
        foreach (var device in guest.Input)
        {
            var layout = GuestAddressPlan.InputLayout(device, next);
            var assembly = DeviceAssembly.Begin(simulation, guest, device.Name, device.Sharing, memory, costs, accessLog,
                (layout.RingStart, layout.EventBufferArea, layout.End), InputLayout.DeviceId, 0, [device.QueueSize, device.QueueSize], InputConfigSpace.Initial());
            next = GuestAddressPlan.End(device, next);
            var ringCosts = RingCosts.From(costs.Profile);
            var inputCosts = InputCosts.From(costs.Profile);
            InputConfigSpace.Attach(device.Workload.Profile, assembly.Transport.Device);
            var backend = assembly.AddBackend(new InputBackend(assembly.Platform, ringCosts, inputCosts, assembly.BackendWiring(bus)));
            assembly.AddDriver(new InputDriver(memory, assembly.Transport.ForDriver(backend.Ref), assembly.Platform, DeviceAssembly.DriverRingFeatures(device.Packed, device.EventIdx),
                layout, RequestArrivals.ReceiveOnly(), ringCosts, inputCosts));
            assembly.Add("source", new InputReportSource(device.Workload, backend.Ref));
            assembly.Finish(backend);
        }
        return next;
    }
}
