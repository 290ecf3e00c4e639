using Sim.Core.Running;
using Sim.Devices.Echo;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Scenarios.Model;
using Sim.Scenarios.Planning;

namespace Sim.Worlds.Running;

/// <summary>
/// Turns a <see cref="TransportModel"/> into actors. Per guest: one <see cref="GuestMemory"/>. Per device: a
/// virtio-mmio register file, the driver on its vCPU at <c>guest/device/driver</c>, the backend on its thread at
/// <c>guest/device/backend</c>, and the platform between them built by <see cref="DevicePlatformBuilder"/> from the
/// device's sharing model (metrics <c>guest/device/platform</c> and <c>guest/device/exposure</c>; the backend's memory
/// traffic is <c>guest/device/backend/memory</c>). The echo device uses device ID <see cref="EchoIdentity.DeviceId"/>; virtio-blk
/// devices are built by <see cref="BlkWorldBuilder"/>, virtio-net devices by <see cref="NetWorldBuilder"/>, virtio-input devices by <see cref="InputWorldBuilder"/>, virtio-snd devices by <see cref="SoundWorldBuilder"/>, virtio-rpmb devices by <see cref="RpmbWorldBuilder"/>, virtio-gpu devices by <see cref="GpuWorldBuilder"/>. A guest's
/// devices are placed one after another in its memory.
/// </summary>
public static class TransportWorldBuilder
{
    /// <summary>The vendor ID the simulated devices report: "VSIM" in ASCII.</summary>
    public const uint VendorId = 0x4D495356;

    /// <summary>
    /// Adds the model's actors to <paramref name="simulation"/>; device accesses are recorded in <paramref name="accessLog"/>;
    /// every guest memory created is added to <paramref name="memories"/> when given (for a trace recorder). With
    /// <paramref name="partitionGuests"/> and more than one guest, each guest is a partition of its own (guests of a
    /// transport world share no actor: see <see cref="Simulation.Partition"/>), which gives the same results with
    /// better locality.
    /// </summary>
    public static void Build(Simulation simulation, TransportModel model, AccessLog accessLog, ICollection<GuestMemory>? memories = null,
        bool partitionGuests = false)
    {
        var platformCosts = new PlatformCosts(model.Costs);
        bool partition = partitionGuests && model.Guests.Count > 1;
        foreach (var guest in model.Guests)
        {
            using var scope = partition ? simulation.Partition(guest.Name) : null;
            BuildGuest(simulation, guest, platformCosts, accessLog, null, memories);
        }
    }

    /// <summary>
    /// Adds one guest's memory and devices (echo, blk, net, input, sound, rpmb, in that order, each placed after the previous one's layout
    /// and platform regions; the first starts at the second page). Actor paths are built from <c>guest.Name</c> only;
    /// every backend gets <paramref name="bus"/> (null: no interconnect). Returns the guest's memory and the first
    /// address after its devices (where a further device, such as an interconnect VM's virtio-scmi channel, may start).
    /// The memory goes to <paramref name="memories"/> (when given) as soon as it exists.
    /// </summary>
    public static (GuestMemory Memory, ulong End) BuildGuest(Simulation simulation, GuestModel guest, PlatformCosts costs, AccessLog accessLog, BusPort? bus,
        ICollection<GuestMemory>? memories = null)
    {
        ArgumentNullException.ThrowIfNull(guest);
        var memory = new GuestMemory(guest.Name, guest.MemoryBytes);
        memories?.Add(memory); // before any device writes into it: a recorder attached on Add sees the set-up writes too
        ulong next = GuestAddressPlan.FirstDeviceStart;
        RingCosts? ringCosts = null;
        foreach (var device in guest.Devices)
        {
            ringCosts ??= RingCosts.From(costs.Profile);
            var layout = EchoGuestLayout.For(device.QueueSize, device.Workload.Outstanding, device.Workload.RequestBytes, device.Workload.ResponseBytes, next);
            if (layout.End > memory.Size)
                throw new InvalidOperationException($"guest '{guest.Name}' needs at least {layout.End} bytes of memory for device '{device.Name}'");
            string path = $"{guest.Name}/{device.Name}";
            var platform = DevicePlatformBuilder.Build(simulation, guest.Platform, path, device.Sharing, memory, costs, accessLog,
                layout.DescriptorArea, layout.BufferArea - layout.DescriptorArea, layout.End);
            next = GuestAddressPlan.End(device, next);
            var transport = VirtioTransport.Create(DevicePlatformBuilder.TransportOf(device.Sharing, costs), EchoIdentity.DeviceId, VendorId, device.DeviceFeatures, [device.QueueSize], [],
                DevicePlatformBuilder.BackendFindings(simulation, path));
            var backend = simulation.Add($"{path}/backend", new EchoBackend(platform, device.Workload.RequestBytes, device.Workload.ResponseBytes, device.Workload.Service, ringCosts, transport.ForBackend(simulation.Reserve($"{path}/driver"), bus)));
            var frontend = simulation.Add($"{path}/driver",
                new EchoDriver(memory, transport.ForDriver(backend.Ref), platform, WantedFeatures(device), device.QueueSize, layout, device.Workload, RequestArrivals.Loop(device.Workload.Interarrival), ringCosts));
            simulation.Metrics.Register(new AccessMetric($"{path}/backend/memory", accessLog.For($"{path}/backend")));
            DevicePlatformBuilder.PlaceBackend(simulation, path, device.Sharing, backend);
        }
        next = BlkWorldBuilder.Build(simulation, guest, memory, costs, accessLog, bus, next);
        next = NetWorldBuilder.Build(simulation, guest, memory, costs, accessLog, bus, next);
        next = InputWorldBuilder.Build(simulation, guest, memory, costs, accessLog, bus, next);
        next = SoundWorldBuilder.Build(simulation, guest, memory, costs, accessLog, bus, next);
        next = RpmbWorldBuilder.Build(simulation, guest, memory, costs, accessLog, bus, next);
        next = I2cWorldBuilder.Build(simulation, guest, memory, costs, accessLog, bus, next);
        next = GpioWorldBuilder.Build(simulation, guest, memory, costs, accessLog, bus, next);
        next = GpuWorldBuilder.Build(simulation, guest, memory, costs, accessLog, bus, next);
        return (memory, next);
    }

    private static ulong WantedFeatures(EchoDeviceModel device) =>
        VirtioFeatures.Version1
        | (device.Packed ? VirtioFeatures.RingPacked : 0)
        | (device.EventIdx ? VirtioFeatures.EventIdx : 0)
        | (device.Indirect ? VirtioFeatures.IndirectDesc : 0);
}
