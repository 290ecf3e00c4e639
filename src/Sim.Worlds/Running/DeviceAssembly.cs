using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Scenarios.Model;

namespace Sim.Worlds.Running;

/// <summary>
/// What building any virtio device into a world shares, whatever the device (virtio 1.2, 3.1 and 4): its path
/// (<c>guest/device</c>), its layout checked against the guest's memory, its platform from its sharing model
/// (<see cref="DevicePlatformBuilder"/>), its transport (pci or mmio) offering the ring features every simulated device
/// offers plus the device's own, and, once its backend and driver are added, the backend's memory-access metric and its
/// placement. A device's world builder says only what the device is: its layout, ID, queues, configuration and actors.
/// </summary>
internal sealed class DeviceAssembly
{
    /// <summary>The transport features every simulated device offers (the driver picks what it asks for).</summary>
    public const ulong RingFeatures = VirtioFeatures.Version1 | VirtioFeatures.RingPacked | VirtioFeatures.EventIdx | VirtioFeatures.IndirectDesc | VirtioFeatures.AccessPlatform;

    private readonly Simulation _simulation;
    private readonly SharingModel _sharing;
    private readonly AccessLog _log;

    private DeviceAssembly(Simulation simulation, string path, SharingModel sharing, AccessLog log, DevicePlatform platform, VirtioTransport transport)
    {
        _simulation = simulation;
        _sharing = sharing;
        _log = log;
        Path = path;
        Platform = platform;
        Transport = transport;
    }

    /// <summary>The device's path, <c>guest/device</c>.</summary>
    public string Path { get; }

    /// <summary>The platform between the device's driver and backend.</summary>
    public DevicePlatform Platform { get; }

    /// <summary>The device's transport.</summary>
    public VirtioTransport Transport { get; }

    /// <summary>
    /// Starts device <paramref name="name"/> of <paramref name="guest"/>: its <paramref name="layout"/>'s rings from
    /// RingStart, its buffers from Buffers, the whole ending at End (within <paramref name="memory"/>); device type <paramref name="deviceId"/> offering <see cref="RingFeatures"/> and
    /// <paramref name="deviceFeatures"/>, one queue per entry of <paramref name="queueSizes"/>, configuration space
    /// <paramref name="config"/>.
    /// </summary>
    public static DeviceAssembly Begin(Simulation simulation, GuestModel guest, string name, SharingModel sharing, GuestMemory memory, PlatformCosts costs, AccessLog log,
        (ulong RingStart, ulong Buffers, ulong End) layout, uint deviceId, ulong deviceFeatures, IReadOnlyList<ushort> queueSizes, ReadOnlySpan<byte> config)
    {
        if (layout.End > memory.Size)
            throw new InvalidOperationException($"guest '{guest.Name}' needs at least {layout.End} bytes of memory for device '{name}'");
        string path = $"{guest.Name}/{name}";
        var platform = DevicePlatformBuilder.Build(simulation, guest.Platform, path, sharing, memory, costs, log, layout.RingStart, layout.Buffers - layout.RingStart, layout.End);
        var transport = VirtioTransport.Create(DevicePlatformBuilder.TransportOf(sharing, costs), deviceId, TransportWorldBuilder.VendorId, RingFeatures | deviceFeatures,
            queueSizes, config, DevicePlatformBuilder.BackendFindings(simulation, path));
        return new DeviceAssembly(simulation, path, sharing, log, platform, transport);
    }

    /// <summary>The ring features a driver asks for: VIRTIO_F_RING_PACKED and VIRTIO_F_EVENT_IDX as the scenario says.</summary>
    public static ulong DriverRingFeatures(bool packed, bool eventIdx) =>
        (packed ? VirtioFeatures.RingPacked : 0) | (eventIdx ? VirtioFeatures.EventIdx : 0);

    /// <summary>What the backend is built with: it interrupts the driver (reserved at <c>PATH/driver</c>), its DMA over <paramref name="bus"/>.</summary>
    public BackendWiring BackendWiring(BusPort? bus) => Transport.ForBackend(_simulation.Reserve($"{Path}/driver"), bus);

    /// <summary>Adds <paramref name="backend"/> at <c>PATH/backend</c>.</summary>
    public T AddBackend<T>(T backend) where T : BusyResource => _simulation.Add($"{Path}/backend", backend);

    /// <summary>Adds <paramref name="driver"/> at <c>PATH/driver</c>.</summary>
    public T AddDriver<T>(T driver) where T : VirtioDriver => _simulation.Add($"{Path}/driver", driver);

    /// <summary>Adds <paramref name="actor"/>, a device-side companion (a report source, signal lines), at <c>PATH/ROLE</c>.</summary>
    public T Add<T>(string role, T actor) where T : Actor => _simulation.Add($"{Path}/{role}", actor);

    /// <summary>Ends the device: the backend's memory accesses become a metric and the backend is placed as its sharing model says.</summary>
    public void Finish(BusyResource backend)
    {
        _simulation.Metrics.Register(new AccessMetric($"{Path}/backend/memory", _log.For($"{Path}/backend")));
        DevicePlatformBuilder.PlaceBackend(_simulation, Path, _sharing, backend);
    }
}
