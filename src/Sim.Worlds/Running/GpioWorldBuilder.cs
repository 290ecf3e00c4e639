using Sim.Core.Running;
using Sim.Devices.Common;
using Sim.Devices.Gpio;
using Sim.Devices.Virtio;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Scenarios.Model;
using Sim.Scenarios.Planning;

namespace Sim.Worlds.Running;

/// <summary>
/// Turns a guest's virtio-gpio devices into actors (virtio 1.2, 5.18): per device the driver at <c>guest/device/driver</c>,
/// the backend at <c>guest/device/backend</c> owning the GPIO controller (<see cref="GpioChip"/>), their platform
/// (<see cref="DevicePlatformBuilder"/>) and the signals on its input lines at <c>guest/device/lines</c>
/// (<see cref="GpioLineSource"/>). The device offers VIRTIO_GPIO_F_IRQ and presents <c>virtio_gpio_config</c> (5.18.4).
/// Placed in guest memory from a given address. Costs: the ring entries and <c>gpio.*</c> (<see cref="GpioCosts"/>).
/// </summary>
public static class GpioWorldBuilder
{
    /// <summary>Adds <paramref name="guest"/>'s GPIO devices from guest address <paramref name="start"/>; returns where the next device may start.</summary>
    public static ulong Build(Simulation simulation, GuestModel guest, GuestMemory memory, PlatformCosts costs, AccessLog accessLog, BusPort? bus, ulong start)
    {
        ulong next = start;
        foreach (var device in guest.Gpio)
        {
            string path = $"{guest.Name}/{device.Name}";
            var layout = GuestAddressPlan.GpioLayout(device, next);
            if (layout.End > memory.Size)
                throw new InvalidOperationException($"guest '{guest.Name}' needs at least {layout.End} bytes of memory for device '{device.Name}'");
            var platform = DevicePlatformBuilder.Build(simulation, guest.Platform, path, device.Sharing, memory, costs, accessLog,
                layout.RingStart, layout.SlotArea - layout.RingStart, layout.End);
            next = GuestAddressPlan.End(device, next);
            var ringCosts = RingCosts.From(costs.Profile);
            var gpioCosts = GpioCosts.From(costs.Profile);
            var chip = new GpioChip([.. device.Lines.Select(l => l.Name)]);
            ulong offered = VirtioFeatures.Version1 | VirtioFeatures.RingPacked | VirtioFeatures.EventIdx | VirtioFeatures.IndirectDesc | VirtioFeatures.AccessPlatform
                | 1UL << GpioLayout.FeatureIrq;
            var transport = VirtioTransport.Create(DevicePlatformBuilder.TransportOf(device.Sharing, costs), GpioLayout.DeviceId, TransportWorldBuilder.VendorId, offered,
                [device.QueueSize, device.QueueSize], chip.Config(), DevicePlatformBuilder.BackendFindings(simulation, path));
            var backend = simulation.Add($"{path}/backend", new GpioBackend(platform, chip, ringCosts, gpioCosts, transport.ForBackend(simulation.Reserve($"{path}/driver"), bus)));
            ulong ring = (device.Packed ? VirtioFeatures.RingPacked : 0) | (device.EventIdx ? VirtioFeatures.EventIdx : 0);
            simulation.Add($"{path}/driver", new GpioDriver(memory, transport.ForDriver(backend.Ref), platform, ring, layout, device.Workload, ringCosts, gpioCosts));
            simulation.Add($"{path}/lines", new GpioLineSource(device.Workload, backend.Ref));
            simulation.Metrics.Register(new AccessMetric($"{path}/backend/memory", accessLog.For($"{path}/backend")));
            DevicePlatformBuilder.PlaceBackend(simulation, path, device.Sharing, backend);
        }
        return next;
    }
}
