using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Devices.Blk;
using Sim.Devices.Tests.Blk;
using Sim.Devices.Common;

namespace Sim.Devices.Tests.Common;

/// <summary>
/// A driver and its backend are tied by construction (<see cref="VirtioTransport.ForBackend"/>,
/// <see cref="VirtioTransport.ForDriver"/>): neither can be built without the other's ref, and a backend whose driver
/// was reserved and never added stops the world before time zero naming the driver, instead of failing at the first
/// interrupt with a send to nobody.
/// </summary>
public sealed class DriverWiringTests
{
    [Fact]
    public void A_transport_side_cannot_be_had_without_its_peer()
    {
        var transport = VirtioTransport.Mmio(BlkDriver.DeviceId, BlkWorld.VendorId, BlkWorld.DeviceFeatures, [16], BlkWorld.ConfigSpace(64),
            BlkWorld.FindingsOf(new Simulation(1), BlkWorld.Backend));

        Assert.Equal("driver", Assert.Throws<ArgumentException>(() => transport.ForBackend(ActorRef.None)).ParamName);
        Assert.Equal("backend", Assert.Throws<ArgumentException>(() => transport.ForDriver(ActorRef.None)).ParamName);
    }

    [Fact]
    public void A_backend_whose_driver_was_never_added_stops_the_world_before_time_zero_naming_it()
    {
        var simulation = new Simulation(1);
        var workload = new BlkWorkload(4096, 1.0, 1, 64);
        var memory = new Sim.Hypervisors.Memory.GuestMemory("vm", 1 << 20);
        var transport = VirtioTransport.Mmio(BlkDriver.DeviceId, BlkWorld.VendorId, BlkWorld.DeviceFeatures, [16], BlkWorld.ConfigSpace(64),
            BlkWorld.FindingsOf(simulation, BlkWorld.Backend));
        simulation.Add(BlkWorld.Backend, new BlkBackend(new BlkTestPlatform(memory, 0x10000), new BlkStorage(64, BlkTestTiming.Example), workload.StorageChannels,
            BlkWorld.Costs, transport.ForBackend(simulation.Reserve(BlkWorld.Driver))));

        var failure = Assert.Throws<ReservedActorMissingException>(() => simulation.Run(new RunLimits(SimTime.FromMilliseconds(1), SimTime.Zero)));

        Assert.Equal([BlkWorld.Driver], failure.Paths);
    }
}
