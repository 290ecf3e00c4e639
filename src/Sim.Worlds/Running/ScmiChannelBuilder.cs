using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Devices.Scmi;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Scenarios.Model;
using Sim.Scenarios.Planning;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Worlds.Running;

/// <summary>
/// Builds one VM's virtio-scmi channel (virtio 1.2, 5.17) on its platform: the register file (device ID 32, two queues),
/// the platform from the channel's <see cref="SharingModel"/> (<see cref="DevicePlatformBuilder"/>), the
/// <see cref="ScmiBackend"/> at <c>path/backend</c> forwarding to the SCMI platform actor, and the <see cref="ScmiDriver"/>
/// at <c>path/driver</c>, whose ref is what the VM's SCMI agent sends its commands to. Registers
/// <c>path/backend/memory</c> besides the platform's metrics.
/// </summary>
public static class ScmiChannelBuilder
{
    /// <summary>
    /// Adds the channel of agent <paramref name="agent"/> at <paramref name="path"/> on <paramref name="platform"/>
    /// (<c>kvm</c> or <c>xen</c>), its guest layout from <paramref name="start"/> on, its backend forwarding to
    /// <paramref name="scmiPlatform"/> after <paramref name="platformLatency"/>; returns the driver's ref.
    /// <paramref name="end"/> is the first guest address after the layout and the platform's regions.
    /// </summary>
    public static ActorRef Build(Simulation simulation, string path, string platform, SharingModel sharing, GuestMemory memory, ulong start,
        PlatformCosts costs, AccessLog accessLog, int agent, ActorRef scmiPlatform, SimTime platformLatency, out ulong end)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(sharing);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(costs);
        var ringCosts = RingCosts.From(costs.Profile);
        var layout = GuestAddressPlan.ScmiLayout(start);
        end = GuestAddressPlan.ScmiEnd(sharing, start);
        if (end > memory.Size)
            throw new InvalidOperationException($"'{path}' needs guest memory up to {end}, but {memory.Domain} has {memory.Size} bytes");
        var devicePlatform = DevicePlatformBuilder.Build(simulation, platform, path, sharing, memory, costs, accessLog,
            layout.Start, layout.RingBytes, layout.End);
        ulong offered = VirtioFeatures.Version1 | VirtioFeatures.RingPacked | VirtioFeatures.EventIdx | VirtioFeatures.IndirectDesc
            | VirtioFeatures.AccessPlatform | ScmiVirtioLayout.Mask(ScmiVirtioLayout.FeatureP2aChannels);
        var transport = VirtioTransport.Create(DevicePlatformBuilder.TransportOf(sharing, costs), ScmiVirtioLayout.DeviceId, TransportWorldBuilder.VendorId, offered, [GuestAddressPlan.ScmiQueueSize, GuestAddressPlan.ScmiQueueSize], [],
            DevicePlatformBuilder.BackendFindings(simulation, path));
        var backend = simulation.Add($"{path}/backend",
            new ScmiBackend(devicePlatform, ringCosts, agent, scmiPlatform, platformLatency, transport.ForBackend(simulation.Reserve($"{path}/driver"))));
        var driver = simulation.Add($"{path}/driver", new ScmiDriver(memory, transport.ForDriver(backend.Ref), devicePlatform, VirtioFeatures.EventIdx, layout, ringCosts));
        simulation.Metrics.Register(new AccessMetric($"{path}/backend/memory", accessLog.For($"{path}/backend")));
        return driver.Ref;
    }
}
