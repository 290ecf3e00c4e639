using Sim.Core.Running;
using Sim.Devices.Echo;
using Sim.Devices.Transport;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Mmio;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Scenarios.Model;

namespace Sim.Scenarios.Running;

/// <summary>
/// Turns a <see cref="TransportModel"/> into actors. Per guest: one <see cref="GuestMemory"/>. Per device: a
/// virtio-mmio register file, the driver on its vCPU at <c>guest/device/driver</c>, the backend on its thread at
/// <c>guest/device/backend</c>, and the platform between them built by <see cref="DevicePlatformBuilder"/> from the
/// device's sharing model (metrics <c>guest/device/platform</c> and <c>guest/device/exposure</c>; the backend's memory
/// traffic is <c>guest/device/backend/memory</c>). The echo device uses device ID <see cref="EchoDeviceId"/>; virtio-blk
/// devices are built by <see cref="BlkWorldBuilder"/>.
/// </summary>
public static class TransportWorldBuilder
{
    /// <summary>
    /// The echo device's virtio device ID: 0xFFFE, which OASIS has not assigned; used only inside this simulator
    /// (virtio 1.2, 5 "Device Types" lists the assigned IDs).
    /// </summary>
    public const uint EchoDeviceId = 0xFFFE;

    /// <summary>The vendor ID the simulated devices report: "VSIM" in ASCII.</summary>
    public const uint VendorId = 0x4D495356;

    /// <summary>Adds the model's actors to <paramref name="simulation"/>; device accesses are recorded in <paramref name="accessLog"/>.</summary>
    public static void Build(Simulation simulation, TransportModel model, AccessLog accessLog)
    {
        var platformCosts = new PlatformCosts(model.Costs);
        foreach (var guest in model.Guests) BuildGuest(simulation, guest, platformCosts, accessLog, null);
    }

    /// <summary>
    /// Adds one guest's devices to <paramref name="simulation"/>, their backends' DMA through <paramref name="bus"/> when
    /// given; paths start with the guest's name (which may carry a variant prefix, <c>icc/vm1</c>). Returns the guest's memory.
    /// </summary>
    public static GuestMemory BuildGuest(Simulation simulation, GuestModel guest, PlatformCosts platformCosts, AccessLog accessLog, BusPort? bus)
    {
        RingCosts? ringCosts = null;
        {
            var memory = new GuestMemory(guest.Name, guest.MemoryBytes);
            BlkWorldBuilder.Build(simulation, guest, memory, platformCosts, accessLog, bus);
            foreach (var device in guest.Devices)
            {
                ringCosts ??= RingCosts.From(platformCosts.Profile);
                var layout = EchoGuestLayout.For(device.QueueSize, device.Workload.Outstanding, device.Workload.RequestBytes, device.Workload.ResponseBytes);
                if (layout.End > memory.Size)
                    throw new InvalidOperationException($"guest '{guest.Name}' needs at least {layout.End} bytes of memory for device '{device.Name}'");
                string path = $"{guest.Name}/{device.Name}";
                var (platform, context) = DevicePlatformBuilder.Build(simulation, guest.Platform, path, device.Sharing, memory, platformCosts, accessLog,
                    layout.DescriptorArea, layout.BufferArea - layout.DescriptorArea, layout.End);
                var backend = simulation.Add($"{path}/backend", new EchoBackend(platform, device.Workload, ringCosts));
                context.Findings = backend.FindingSink;
                var registers = new MmioDevice(EchoDeviceId, VendorId, device.DeviceFeatures, [device.QueueSize], [], backend);
                var frontend = simulation.Add($"{path}/driver",
                    new EchoFrontend(memory, registers, platform, WantedFeatures(device), device.QueueSize, layout, device.Workload, ringCosts));
                simulation.Metrics.Register(new AccessMetric($"{path}/backend/memory", accessLog.For($"{path}/backend")));
                backend.Registers = registers;
                backend.Bus = bus;
                backend.Frontend = frontend.Ref;
                frontend.Backend = backend.Ref;
            }
            return memory;
        }
    }

    private static ulong WantedFeatures(EchoDeviceModel device) =>
        VirtioFeatures.Version1
        | (device.Packed ? VirtioFeatures.RingPacked : 0)
        | (device.EventIdx ? VirtioFeatures.EventIdx : 0)
        | (device.Indirect ? VirtioFeatures.IndirectDesc : 0);
}
