using Sim.Core.Running;
using Sim.Devices.Common;
using Sim.Devices.I2c;
using Sim.Devices.Virtio;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Scenarios.Model;
using Sim.Scenarios.Planning;

namespace Sim.Worlds.Running;

/// <summary>
/// Turns a guest's virtio-i2c adapters into actors (virtio 1.2, 5.16): per device the driver at
/// <c>guest/device/driver</c> and the backend at <c>guest/device/backend</c>, which owns the simulated bus and its
/// sensors (<see cref="I2cBus"/>), and their platform (<see cref="DevicePlatformBuilder"/>). The device offers
/// VIRTIO_I2C_F_ZERO_LENGTH_REQUEST (mandatory, 5.16.3) and has no configuration space (5.16.4). Placed in guest
/// memory from a given address. Costs: the ring entries and <c>i2c.*</c> (<see cref="I2cCosts"/>).
/// </summary>
public static class I2cWorldBuilder
{
    /// <summary>Adds <paramref name="guest"/>'s I2C adapters from guest address <paramref name="start"/>; returns where the next device may start.</summary>
    public static ulong Build(Simulation simulation, GuestModel guest, GuestMemory memory, PlatformCosts costs, AccessLog accessLog, BusPort? bus, ulong start)
    {
        ulong next = start;
        foreach (var device in guest.I2c)
        {
            var layout = GuestAddressPlan.I2cLayout(device, next);
            var assembly = DeviceAssembly.Begin(simulation, guest, device.Name, device.Sharing, memory, costs, accessLog,
                (layout.RingStart, layout.SlotArea, layout.End), I2cLayout.DeviceId, 1UL << I2cLayout.FeatureZeroLengthRequest, [device.QueueSize], []);
            next = GuestAddressPlan.End(device, next);
            var ringCosts = RingCosts.From(costs.Profile);
            var i2cCosts = I2cCosts.From(costs.Profile);
            var backend = assembly.AddBackend(new I2cBackend(assembly.Platform, device.BuildBus(), ringCosts, i2cCosts, assembly.BackendWiring(bus)));
            assembly.AddDriver(new I2cDriver(memory, assembly.Transport.ForDriver(backend.Ref), assembly.Platform, DeviceAssembly.DriverRingFeatures(device.Packed, device.EventIdx),
                layout, device.Workload, ringCosts, i2cCosts));
            assembly.Finish(backend);
        }
        return next;
    }
}
