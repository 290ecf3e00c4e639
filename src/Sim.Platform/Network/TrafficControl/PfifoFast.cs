using Sim.Core.Time;
using Sim.Devices.Net;

namespace Sim.Platform.Network.TrafficControl;

/// <summary>
/// pfifo_fast, Linux's default qdisc (net/sched/sch_generic.c, tc-pfifo_fast(8)): three FIFO bands, a frame's band
/// chosen from its priority (<c>skb->priority &amp; TC_PRIO_MAX</c>) by <see cref="Priomap"/>
/// (<c>sch_default_prio2band</c>); band 0 is emptied first, then 1, then 2. Each band holds at most <c>limit</c>
/// frames (the device's txqueuelen: the per-band <c>ptr_ring</c> of <c>pfifo_fast_init</c>), beyond which a frame is
/// tail-dropped. A single-queue qdisc: its frames go to device transmit queue 0 of whoever holds it.
/// </summary>
public sealed class PfifoFast : IQdisc
{
    /// <summary>Number of bands (<c>PFIFO_FAST_BANDS</c>).</summary>
    public const int Bands = 3;

    /// <summary>Priority 0..15 to band (<c>sch_default_prio2band</c>, sch_generic.c).</summary>
    public static IReadOnlyList<int> Priomap { get; } = [1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1];

    /// <summary>The mask applied to a frame's priority before the map (<c>TC_PRIO_MAX</c>, include/uapi/linux/pkt_sched.h).</summary>
    public const int TcPrioMax = 15;

    private readonly Queue<NetFrame>[] _bands = [new(), new(), new()];
    private readonly int _limit;

    /// <summary>A pfifo_fast of <paramref name="limit"/> frames per band.</summary>
    /// <param name="limit">Frames per band (txqueuelen; 1000 by default on Ethernet, <c>DEFAULT_TX_QUEUE_LEN</c>).</param>
    public PfifoFast(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _limit = limit;
    }

    /// <summary>The band of a frame of <paramref name="priority"/>.</summary>
    public static int BandOf(int priority) => Priomap[priority & TcPrioMax];

    /// <inheritdoc />
    public int Backlog => _bands[0].Count + _bands[1].Count + _bands[2].Count;

    /// <inheritdoc />
    public int BacklogOf(int txQueue) => txQueue == 0 ? Backlog : 0;

    /// <summary>Frames waiting in <paramref name="band"/>.</summary>
    public int BandBacklog(int band) => _bands[band].Count;

    /// <inheritdoc />
    public DropReason? Enqueue(NetFrame frame, SimTime now)
    {
        var band = _bands[BandOf(frame.Priority)];
        if (band.Count >= _limit) return DropReason.Overlimit;
        band.Enqueue(frame);
        return null;
    }

    /// <inheritdoc />
    public NetFrame? Peek(SimTime now)
    {
        foreach (var band in _bands)
            if (band.Count > 0) return band.Peek();
        return null;
    }

    /// <inheritdoc />
    public QdiscOutput? Dequeue(SimTime now, ulong readyQueues, List<DroppedFrame> dropped)
    {
        if ((readyQueues & 1) == 0) return null;
        foreach (var band in _bands)
            if (band.Count > 0) return new QdiscOutput(band.Dequeue(), 0);
        return null;
    }

    /// <inheritdoc />
    public SimTime? NextEligible(SimTime now) => null;
}
