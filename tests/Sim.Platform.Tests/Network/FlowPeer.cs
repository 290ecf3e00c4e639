using Sim.Core.Actors;
using Sim.Core.Time;
using Sim.Devices.Net;

namespace Sim.Platform.Tests.Network;

/// <summary>
/// A scripted receiver for flow-source tests: records every frame and answers the n-th one (1-based) with whatever
/// feedback (<c>FlowAck</c>, <c>FlowLoss</c>) <c>script</c> returns, sent back to the sender after one microsecond.
/// </summary>
internal sealed class FlowPeer(Func<NetFrame, int, IEnumerable<object>> script) : Actor
{
    /// <summary>The frames received, in order.</summary>
    public List<NetFrame> Frames { get; } = new();

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        if (message is not NetFrame frame)
        {
            Unhandled(message);
            return;
        }
        Frames.Add(frame);
        foreach (var reply in script(frame, Frames.Count)) Send(sender, reply, SimTime.FromMicroseconds(1));
    }
}
