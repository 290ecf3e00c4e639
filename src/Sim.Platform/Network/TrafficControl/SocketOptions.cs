using Sim.Core.Time;
using Sim.Devices.Net;

namespace Sim.Platform.Network.TrafficControl;

/// <summary>
/// What a sending application's socket options put on its frames for traffic control: <c>SO_PRIORITY</c> (socket(7):
/// <c>skb->priority</c>, which pfifo_fast's priomap and mqprio/taprio's <c>map</c> read) and <c>SO_TXTIME</c>
/// (<c>struct sock_txtime</c>, include/uapi/linux/net_tstamp.h: each send carries an <c>SCM_TXTIME</c> launch time, here
/// the send time plus <paramref name="TxtimeOffset"/>). For a sender to apply to each frame it makes.
/// </summary>
/// <param name="Priority">The socket priority (0..15 are mapped; 0 by default).</param>
/// <param name="TxtimeOffset">Launch time after the send time, or null for no <c>SO_TXTIME</c>.</param>
public sealed record SocketOptions(int Priority = 0, SimTime? TxtimeOffset = null)
{
    /// <summary>No options: priority 0, no launch time.</summary>
    public static SocketOptions None { get; } = new();

    /// <summary><paramref name="frame"/> with this priority and, if set, a launch time of its send time plus the offset.</summary>
    public NetFrame Apply(NetFrame frame) => frame with
    {
        Priority = Priority,
        LaunchTime = TxtimeOffset is { } offset ? frame.SentAt + offset : SimTime.Zero,
    };
}
