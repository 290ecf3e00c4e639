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
            var layout = GuestAddressPlan.GpioLayout(device, next);
            var chip = new GpioChip([.. device.Lines.Select(l => l.Name)]);
            var assembly = DeviceAssembly.Begin(simulation, guest, device.Name, device.Sharing, memory, costs, accessLog,
                (layout.RingStart, layout.SlotArea, layout.End), GpioLayout.DeviceId, 1UL << GpioLayout.FeatureIrq, [device.QueueSize, device.QueueSize], chip.Config());
            next = GuestAddressPlan.End(device, next);
            var ringCosts = RingCosts.From(costs.Profile);
            var gpioCosts = GpioCosts.From(costs.Profile);
            var backend = assembly.AddBackend(new GpioBackend(assembly.Platform, chip, ringCosts, gpioCosts, assembly.BackendWiring(bus)));
            assembly.AddDriver(new GpioDriver(memory, assembly.Transport.ForDriver(backend.Ref), assembly.Platform, DeviceAssembly.DriverRingFeatures(device.Packed, device.EventIdx),
                layout, device.Workload, ringCosts, gpioCosts));
            assembly.Add("lines", new GpioLineSource(device.Workload, backend.Ref));
            assembly.Finish(backend);
        }
        return next;
    }
}
