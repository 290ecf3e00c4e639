using Sim.Core.Running;
using Sim.Devices.Common;
using Sim.Devices.Sound;
using Sim.Devices.Virtio;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Scenarios.Model;
using Sim.Scenarios.Planning;

namespace Sim.Worlds.Running;

/// <summary>
/// Turns a guest's virtio-snd devices into actors (virtio 1.2, 5.14): per device the driver with the application
/// playing through it at <c>guest/device/driver</c> (<see cref="SoundDriver"/>, fed on demand), the device with the
/// host's audio server at <c>guest/device/backend</c> (<see cref="SoundBackend"/>, one output stream per workload
/// stream, then one input stream per capture stream) and its platform (<see cref="DevicePlatformBuilder"/>); the
/// configuration space holds the jacks, the streams and the channel maps the workload describes (5.14.4; no jacks or
/// channel maps unless asked for). Placed in guest memory from a given address. Costs: the ring entries and
/// <c>sound.*</c> (<see cref="SoundCosts"/>).
/// </summary>
public static class SoundWorldBuilder
{
    /// <summary>Adds <paramref name="guest"/>'s sound devices from guest address <paramref name="start"/>; returns where the next device may start.</summary>
    public static ulong Build(Simulation simulation, GuestModel guest, GuestMemory memory, PlatformCosts costs, AccessLog accessLog, BusPort? bus, ulong start)
    {
        ulong next = start;
        foreach (var device in guest.Sound)
        {
            var layout = GuestAddressPlan.SoundLayout(device, next);
            var workload = device.Workload;
            var assembly = DeviceAssembly.Begin(simulation, guest, device.Name, device.Sharing, memory, costs, accessLog,
                (layout.RingStart, layout.EventBufferArea, layout.End), SoundLayout.DeviceId, 0, Enumerable.Repeat(device.QueueSize, SoundLayout.QueueCount).ToArray(),
                SoundLayout.ConfigBytes((uint)workload.JackList.Count, (uint)workload.TotalStreams, (uint)workload.ChannelMapList.Count));
            next = GuestAddressPlan.End(device, next);
            var ringCosts = RingCosts.From(costs.Profile);
            var soundCosts = SoundCosts.From(costs.Profile);
            var backend = assembly.AddBackend(new SoundBackend(assembly.Platform, workload.StreamInfos, ringCosts, soundCosts, assembly.BackendWiring(bus),
                workload.JackList, workload.ChannelMapList, workload.JackEvents));
            assembly.AddDriver(new SoundDriver(memory, assembly.Transport.ForDriver(backend.Ref), assembly.Platform, DeviceAssembly.DriverRingFeatures(device.Packed, device.EventIdx),
                layout, workload, RequestArrivals.OnDemand(), ringCosts, soundCosts));
            assembly.Finish(backend);
        }
        return next;
    }
}
