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
            string path = $"{guest.Name}/{device.Name}";
            var layout = GuestAddressPlan.SoundLayout(device, next);
            if (layout.End > memory.Size)
                throw new InvalidOperationException($"guest '{guest.Name}' needs at least {layout.End} bytes of memory for device '{device.Name}'");
            var platform = DevicePlatformBuilder.Build(simulation, guest.Platform, path, device.Sharing, memory, costs, accessLog,
                layout.RingStart, layout.EventBufferArea - layout.RingStart, layout.End);
            next = GuestAddressPlan.End(device, next);
            var ringCosts = RingCosts.From(costs.Profile);
            var soundCosts = SoundCosts.From(costs.Profile);
            var workload = device.Workload;
            ulong offered = VirtioFeatures.Version1 | VirtioFeatures.RingPacked | VirtioFeatures.EventIdx | VirtioFeatures.IndirectDesc | VirtioFeatures.AccessPlatform;
            var sizes = Enumerable.Repeat(device.QueueSize, SoundLayout.QueueCount).ToArray();
            var transport = VirtioTransport.Create(DevicePlatformBuilder.TransportOf(device.Sharing, costs), SoundLayout.DeviceId, TransportWorldBuilder.VendorId, offered,
                sizes, SoundLayout.ConfigBytes(0, (uint)workload.Streams, 0), DevicePlatformBuilder.BackendFindings(simulation, path));
            var streams = Enumerable.Repeat(PcmStreamInfo.Playback(workload.Parameters.Rate), workload.Streams).ToList();
            var backend = simulation.Add($"{path}/backend", new SoundBackend(platform, streams, ringCosts, soundCosts, transport.ForBackend(simulation.Reserve($"{path}/driver"), bus)));
            ulong ring = (device.Packed ? VirtioFeatures.RingPacked : 0) | (device.EventIdx ? VirtioFeatures.EventIdx : 0);
            simulation.Add($"{path}/driver", new SoundDriver(memory, transport.ForDriver(backend.Ref), platform, ring, layout, workload, RequestArrivals.OnDemand(), ringCosts, soundCosts));
            simulation.Metrics.Register(new AccessMetric($"{path}/backend/memory", accessLog.For($"{path}/backend")));
            DevicePlatformBuilder.PlaceBackend(simulation, path, device.Sharing, backend);
        }
        return next;
    }
}
