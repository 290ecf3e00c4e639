using Sim.Platform.Network.TrafficControl;

namespace Sim.Scenarios.Model;

/// <summary>
/// The sending host's traffic control and NIC transmit side in front of a host path (host1 in STR-68): its qdisc tree
/// (tc(8): pfifo_fast, pfifo, etf, mqprio, taprio), the NIC's transmit queues and arbitration, and what the senders'
/// sockets put on their frames (<c>SO_PRIORITY</c>, <c>SO_TXTIME</c>). Without one, a path's link gives time-sensitive
/// frames a queue of their own, as mqprio with etf does (<c>EthernetLink</c>).
/// </summary>
/// <param name="Qdisc">The root qdisc's configuration.</param>
/// <param name="TxQueues">The NIC's transmit queues (the i225 has 4).</param>
/// <param name="RingFrames">Frames each transmit ring holds before the driver stops the queue.</param>
/// <param name="Arbitration">Which transmit queue the NIC serves first.</param>
/// <param name="Sample">The sample application's socket options.</param>
/// <param name="BackgroundPriority">The background flows' socket priority.</param>
public sealed record NetSenderModel(QdiscSpec Qdisc, int TxQueues, int RingFrames, TxArbitration Arbitration, SocketOptions Sample, int BackgroundPriority)
{
    /// <summary>The cost entries a sender reads: the NIC's DMA fetch, and taprio's software dequeue latency in software mode.</summary>
    public IEnumerable<string> CostNames()
    {
        yield return "net.host.nic.txDmaFetch";
        if (Qdisc is TaprioSpec { FullOffload: false }) yield return TaprioSoftwareDequeueCost;
    }

    /// <summary>The profile entry of taprio's software-mode dequeue latency.</summary>
    public const string TaprioSoftwareDequeueCost = "net.host.tc.taprio.softwareDequeueLatency";
}
