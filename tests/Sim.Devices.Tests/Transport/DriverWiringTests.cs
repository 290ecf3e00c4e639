using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Devices.Blk;
using Sim.Devices.Tests.Blk;

namespace Sim.Devices.Tests.Transport;

/// <summary>
/// A driver and backend whose transport was never connected (<c>VirtioTransport.Connect</c>) stop the run at time zero
/// naming the first of them to start (here the backend, added first, without its register file), instead of failing at
/// the first kick with a send to nobody.
/// </summary>
public sealed class DriverWiringTests
{
    [Fact]
    public void A_driver_and_backend_never_connected_stop_the_run_at_time_zero_naming_the_first_to_start()
    {
        var world = new BlkWorld(new BlkWorkload(4096, 1.0, 1, 1 << 20), packed: false, connected: false);

        var failure = Assert.Throws<ActorFailedException>(() => world.Run(SimTime.FromMilliseconds(1)));

        Assert.Equal(BlkWorld.Backend, failure.Actor);
        Assert.Equal(SimTime.Zero, failure.Time);
        Assert.Equal(ActorFailedException.Starting, failure.MessageType);
        Assert.Equal("Registers", Assert.IsType<ActorNotWiredException>(failure.InnerException).Wiring);
    }
}
