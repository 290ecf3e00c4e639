using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Devices.Net;
using Sim.Platform.Network;
using Sim.Platform.Network.TrafficControl;

namespace Sim.Platform.Tests.TrafficControl;

/// <summary>
/// A one-port world in one line: a scripted sender on host1 hands frames to a <see cref="TransmitPort"/> at their times
/// (stamping <c>SentAt</c>), and a sink on host2 records what arrives and when. The sender listens for the losses of flow 1.
/// </summary>
internal static class PortWorld
{
    /// <summary>The i225-like NIC of the tests: 4 queues, 2 frames per ring, 1 us DMA fetch, queue 0 first.</summary>
    public static NicTransmitSpec Nic(int ringFrames = 2, TxArbitration arbitration = TxArbitration.LowestIndexFirst) =>
        new(4, ringFrames, SimTime.FromMicroseconds(1), arbitration);

    /// <summary>Cable and PHY latency of the tests.</summary>
    public static readonly SimTime Propagation = SimTime.FromNanoseconds(500);

    /// <summary>What a run left: the port, the frames that arrived and when, the losses reported to the sender.</summary>
    public sealed record World(TransmitPort Port, List<(SimTime At, NetFrame Frame)> Arrived, List<FlowLoss> Losses);

    /// <summary>Runs <paramref name="script"/> through a port of <paramref name="qdisc"/> and <paramref name="nic"/> until <paramref name="end"/>.</summary>
    public static World Run(QdiscSpec qdisc, NicTransmitSpec nic, IEnumerable<(SimTime At, NetFrame Frame)> script, SimTime end)
    {
        var simulation = new Simulation(seed: 1);
        var sender = simulation.Reserve("host1/app");
        var feedback = new FlowFeedback(new Dictionary<int, ActorRef> { [1] = sender }, SimTime.FromMicroseconds(5));
        var port = simulation.Add("host1/port", new TransmitPort(qdisc, nic, QdiscDriver.Rate, Propagation, simulation.Reserve("host2/sink"), feedback));
        var app = simulation.Add("host1/app", new ScriptedSender(port.Ref, [.. script]));
        var sink = simulation.Add("host2/sink", new Sink());
        simulation.Run(new RunLimits(end, SimTime.Zero));
        return new World(port, sink.Arrived, app.Losses);
    }

    /// <summary>When the frame that arrived at <paramref name="arrival"/> started on the wire.</summary>
    public static SimTime WireStart(SimTime arrival, NetFrame frame) => arrival - QdiscDriver.Wire(frame.Bytes) - Propagation;

    private sealed class ScriptedSender(ActorRef port, (SimTime At, NetFrame Frame)[] script) : Actor
    {
        public List<FlowLoss> Losses { get; } = new();

        protected override void OnStart()
        {
            foreach (var (at, frame) in script) Send(port, frame with { SentAt = at }, at);
        }

        protected override void Receive(object message, ActorRef sender)
        {
            if (message is FlowLoss loss) Losses.Add(loss);
            else Unhandled(message);
        }
    }

    private sealed class Sink : Actor
    {
        public List<(SimTime At, NetFrame Frame)> Arrived { get; } = new();

        protected override void Receive(object message, ActorRef sender)
        {
            if (message is NetFrame frame) Arrived.Add((Now, frame));
            else Unhandled(message);
        }
    }
}
