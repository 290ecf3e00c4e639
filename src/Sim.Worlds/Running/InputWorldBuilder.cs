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
            string path = $"{guest.Name}/{device.Name}";
            var layout = GuestAddressPlan.InputLayout(device, next);
            if (layout.End > memory.Size)
                throw new InvalidOperationException($"guest '{guest.Name}' needs at least {layout.End} bytes of memory for device '{device.Name}'");
            var platform = DevicePlatformBuilder.Build(simulation, guest.Platform, path, device.Sharing, memory, costs, accessLog,
                layout.RingStart, layout.EventBufferArea - layout.RingStart, layout.End);
            next = GuestAddressPlan.End(device, next);
            var ringCosts = RingCosts.From(costs.Profile);
            var inputCosts = InputCosts.From(costs.Profile);
            ulong offered = VirtioFeatures.Version1 | VirtioFeatures.RingPacked | VirtioFeatures.EventIdx | VirtioFeatures.IndirectDesc | VirtioFeatures.AccessPlatform;
            var transport = VirtioTransport.Create(DevicePlatformBuilder.TransportOf(device.Sharing, costs), InputLayout.DeviceId, TransportWorldBuilder.VendorId, offered,
                [device.QueueSize, device.QueueSize], InputConfigSpace.Initial(), DevicePlatformBuilder.BackendFindings(simulation, path));
            InputConfigSpace.Attach(device.Workload.Profile, transport.Device);
            var backend = simulation.Add($"{path}/backend", new InputBackend(platform, ringCosts, inputCosts, transport.ForBackend(simulation.Reserve($"{path}/driver"), bus)));
            ulong ring = (device.Packed ? VirtioFeatures.RingPacked : 0) | (device.EventIdx ? VirtioFeatures.EventIdx : 0);
            simulation.Add($"{path}/driver", new InputDriver(memory, transport.ForDriver(backend.Ref), platform, ring, layout, RequestArrivals.ReceiveOnly(), ringCosts, inputCosts));
            simulation.Add($"{path}/source", new InputReportSource(device.Workload, backend.Ref));
            simulation.Metrics.Register(new AccessMetric($"{path}/backend/memory", accessLog.For($"{path}/backend")));
            DevicePlatformBuilder.PlaceBackend(simulation, path, device.Sharing, backend);
        }
        return next;
    }
}
