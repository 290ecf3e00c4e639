using Sim.Core.Time;

namespace Sim.Platform.Network.TrafficControl;

/// <summary>
/// Plain configuration of a sending host's qdisc tree, as <c>tc qdisc add</c> gives it (tc(8)); turned into live
/// qdiscs, and validated, by <see cref="QdiscFactory.Build"/>.
/// </summary>
public abstract record QdiscSpec;

/// <summary>pfifo_fast (tc-pfifo_fast(8)): three bands of <paramref name="Limit"/> frames each (see <see cref="PfifoFast"/>).</summary>
/// <param name="Limit">Frames per band: the device's txqueuelen (ip-link(8) <c>txqueuelen</c>, 1000 on Ethernet).</param>
public sealed record PfifoFastSpec(int Limit = 1000) : QdiscSpec;

/// <summary>pfifo (tc-pfifo(8)): one FIFO of <paramref name="Limit"/> frames (see <see cref="Pfifo"/>).</summary>
/// <param name="Limit">Frames it holds (txqueuelen by default).</param>
public sealed record PfifoSpec(int Limit = 1000) : QdiscSpec;

/// <summary>etf (tc-etf(8)); see <see cref="Etf"/>.</summary>
/// <param name="Delta">How long before a frame's launch time it is dequeued (<c>delta</c>).</param>
/// <param name="Offload">The NIC holds each frame until its launch time (<c>offload</c>, the i225 LaunchTime feature).</param>
/// <param name="DeadlineMode">Launch times are deadlines: dequeue at once (<c>deadline_mode</c>).</param>
/// <param name="Limit">Frames it holds at most (no kernel counterpart; <see cref="int.MaxValue"/> for none).</param>
public sealed record EtfSpec(SimTime Delta, bool Offload = false, bool DeadlineMode = false, int Limit = int.MaxValue) : QdiscSpec;

/// <summary>The transmit queues of one traffic class, <c>count@offset</c> (tc-mqprio(8), tc-taprio(8) <c>queues</c>).</summary>
/// <param name="Count">Number of queues.</param>
/// <param name="Offset">First queue.</param>
public sealed record TxQueueRange(int Count, int Offset);

/// <summary>mqprio (tc-mqprio(8)); see <see cref="Mqprio"/>.</summary>
/// <param name="NumTc">Traffic classes (<c>num_tc</c>, 1..16).</param>
/// <param name="Map">Priority 0..15 to traffic class (<c>map</c>, 16 entries).</param>
/// <param name="Queues">The queues of each class, class order (<c>queues</c>).</param>
/// <param name="Hardware">The layout is offloaded to the NIC (<c>hw 1</c>); no effect on the qdisc itself.</param>
/// <param name="Children">Child qdisc of a transmit queue, by queue index (default <see cref="PfifoFastSpec"/>).</param>
public sealed record MqprioSpec(int NumTc, IReadOnlyList<int> Map, IReadOnlyList<TxQueueRange> Queues, bool Hardware = true,
    IReadOnlyDictionary<int, QdiscSpec>? Children = null) : QdiscSpec;

/// <summary>
/// One gate control list entry, <c>sched-entry S &lt;gate mask&gt; &lt;interval&gt;</c> (tc-taprio(8); IEEE 802.1Q-2018
/// 8.6.8.4 SetGateStates). Only the S command is modelled (H and R are for frame preemption, 802.1Qbu).
/// </summary>
/// <param name="GateMask">Bit <c>tc</c> set: the gate of traffic class <c>tc</c> is open.</param>
/// <param name="Interval">How long the entry lasts.</param>
public sealed record GateEntry(uint GateMask, SimTime Interval);

/// <summary>taprio (tc-taprio(8)); see <see cref="Taprio"/> and <see cref="GateSchedule"/>.</summary>
/// <param name="NumTc">Traffic classes (<c>num_tc</c>, 1..16).</param>
/// <param name="Map">Priority 0..15 to traffic class (<c>map</c>, 16 entries).</param>
/// <param name="Queues">The queues of each class, class order (<c>queues</c>).</param>
/// <param name="BaseTime">When the schedule starts (<c>base-time</c>, simulated time).</param>
/// <param name="Entries">The gate control list (<c>sched-entry</c>).</param>
/// <param name="CycleTime">The cycle (<c>cycle-time</c>); null for the entries' sum, the kernel's default.</param>
/// <param name="FullOffload">The NIC enforces the gates per transmit queue (<c>flags 0x2</c>); otherwise software mode (<c>0x0</c>).</param>
/// <param name="SoftwareDequeueLatency">In software mode, how late after a gate opens the qdisc dequeues (hrtimer wake-up and dequeue cost).</param>
/// <param name="Children">Child qdisc of a transmit queue, by queue index (default <see cref="PfifoSpec"/>).</param>
public sealed record TaprioSpec(int NumTc, IReadOnlyList<int> Map, IReadOnlyList<TxQueueRange> Queues, SimTime BaseTime,
    IReadOnlyList<GateEntry> Entries, SimTime? CycleTime = null, bool FullOffload = false, SimTime SoftwareDequeueLatency = default,
    IReadOnlyDictionary<int, QdiscSpec>? Children = null) : QdiscSpec;

/// <summary>Which transmit queue a NIC serves first when several have a frame ready (strict priority).</summary>
public enum TxArbitration
{
    /// <summary>
    /// Queue 0 first, then 1, and so on: the i225/i226 default (igc_tsn.c <c>igc_tsn_disable_offload</c>: "Priority 0 has
    /// the highest priority and is assigned to queue 0"; <c>IGC_TXARB</c>, i225 datasheet 7.5.2).
    /// </summary>
    LowestIndexFirst,

    /// <summary>
    /// The highest queue first: the igc in TSN mode with mqprio/taprio strict priority (igc_tsn.c <c>igc_tsn_tx_arb</c>
    /// with <c>reverse_prio</c>, set for <c>strict_priority_enable</c> or <c>IGC_FLAG_TSN_REVERSE_TXQ_PRIO</c>).
    /// </summary>
    HighestIndexFirst,
}

/// <summary>The NIC's transmit side (the i225 for STR-68): its queues, how many frames the driver keeps in each ring, the DMA and the arbitration.</summary>
/// <param name="TxQueues">Device transmit queues (the i225 has 4).</param>
/// <param name="RingFrames">Frames each queue's ring holds before the driver stops the queue (the byte queue limit's effect, in frames).</param>
/// <param name="DmaFetch">From the driver's doorbell to the frame's data in the NIC's packet buffer (descriptor and data reads over PCIe).</param>
/// <param name="Arbitration">Which queue goes first.</param>
public sealed record NicTransmitSpec(int TxQueues, int RingFrames, SimTime DmaFetch, TxArbitration Arbitration);
