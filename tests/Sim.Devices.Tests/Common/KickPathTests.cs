using Sim.Core.Actors;
using Sim.Core.Time;
using Sim.Devices.Blk;
using Sim.Devices.Tests.Blk;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Tests.Common;

/// <summary>
/// A kick is one path: the driver's write of the notification register. Only a notification the device's transport
/// accepted reaches the backend (virtio 1.2, 2.9 and 4.2.3.3: a notification before DRIVER_OK, or for a queue that is
/// not ready, is not one).
/// </summary>
public class KickPathTests
{
    /// <summary>At a given time, writes registers of the device, as a second agent on the bus would.</summary>
    private sealed class RegisterWriter(IMmioBus bus, SimTime at, params (ulong Offset, uint Value)[] writes) : Actor
    {
        private sealed class Fire { public static readonly Fire Instance = new(); }

        protected override void OnStart() => SetTimer(Fire.Instance, Fire.Instance, at);

        protected override void Receive(object message, ActorRef sender)
        {
            foreach (var (offset, value) in writes) bus.Write(offset, 4, value);
        }
    }

    [Fact]
    public void Every_kick_the_device_accepted_reaches_the_backend_and_no_other()
    {
        var world = new BlkWorld(new BlkWorkload(4096, 0.5, queueDepth: 1, sectorSpan: 64), packed: false);
        world.Run(SimTime.FromMilliseconds(20));
        Assert.Empty(world.Findings);
        Assert.True(world.DriverMetric("kicks") > 5);
        Assert.Equal(world.DriverMetric("kicks"), world.BackendMetric("kicks"));
    }

    [Fact]
    public void Once_the_queue_is_disabled_the_backend_drops_it_and_publishes_nothing_more()
    {
        static BlkWorld World() => new(new BlkWorkload(4096, 1.0, queueDepth: 1, sectorSpan: 64), packed: false);
        var disabled = World();
        // QueueReady = 0 written while the driver is running, by a second agent: the driver does not know.
        disabled.Simulation.Add("vm/other-agent", new RegisterWriter(disabled.Registers, SimTime.FromMilliseconds(5),
            (MmioRegister.QueueSel, 0), (MmioRegister.QueueReady, 0)));
        disabled.Run(SimTime.FromMilliseconds(20));
        var untouched = World().Run(SimTime.FromMilliseconds(5));

        Assert.Null(disabled.Registers.GetQueueConfig(0));
        // Up to 5 ms both runs are the same; after it the backend completed nothing: the request in flight was dropped
        // (its used element never written), so the driver, still waiting for it, never kicked again.
        Assert.Equal(untouched.BackendMetric("requests"), disabled.BackendMetric("requests"));
        Assert.Equal(disabled.BackendMetric("requests"), disabled.Memory.ReadUInt16(disabled.Layout.DeviceArea + 2));
        Assert.Equal(0, disabled.Platform.OpenRequests);
        Assert.Equal(disabled.DriverMetric("kicks"), disabled.BackendMetric("kicks"));
    }
}
