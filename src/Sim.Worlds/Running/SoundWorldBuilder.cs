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
/// stream) and its platform (<see cref="DevicePlatformBuilder"/>); the configuration space holds no jacks, the streams
/// and no channel maps (5.14.4). Placed in guest memory from a given address. Costs: the ring entries and
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
                SoundLayout.ConfigBytes(0, (uint)workload.Streams, 0));
            next = GuestAddressPlan.End(device, next);
            var ringCosts = RingCosts.From(costs.Profile);
            var soundCosts = SoundCosts.From(costs.Profile);
            var streams = Enumerable.Repeat(PcmStreamInfo.Playback(workload.Parameters.Rate), workload.Streams).ToList();
            var backend = assembly.AddBackend(new SoundBackend(assembly.Platform, streams, ringCosts, soundCosts, assembly.BackendWiring(bus)));
            assembly.AddDriver(new SoundDriver(memory, assembly.Transport.ForDriver(backend.Ref), assembly.Platform, DeviceAssembly.DriverRingFeatures(device.Packed, device.EventIdx),
                layout, workload, RequestArrivals.OnDemand(), ringCosts, soundCosts));
            assembly.Finish(backend);
        }
        return next;
    }
}
