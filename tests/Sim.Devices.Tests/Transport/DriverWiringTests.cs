using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Devices.Blk;
using Sim.Devices.Tests.Blk;

namespace Sim.Devices.Tests.Transport;

/// <summary>
/// A driver whose transport was never connected to its backend (<c>VirtioTransport.Connect</c>) stops the run at time
/// zero naming it, instead of failing at its first kick with a send to nobody.
/// </summary>
public sealed class DriverWiringTests
{
    [Fact]
    public void A_driver_never_connected_to_its_backend_stops_the_run_at_time_zero_naming_it()
    {
        var world = new BlkWorld(new BlkWorkload(4096, 1.0, 1, 1 << 20), packed: false, connected: false);

        var failure = Assert.Throws<ActorFailedException>(() => world.Run(SimTime.FromMilliseconds(1)));

        Assert.Equal(BlkWorld.Driver, failure.Actor);
        Assert.Equal(SimTime.Zero, failure.Time);
        Assert.Equal(ActorFailedException.Starting, failure.MessageType);
        Assert.Equal("Backend", Assert.IsType<ActorNotWiredException>(failure.InnerException).Wiring);
    }
}
