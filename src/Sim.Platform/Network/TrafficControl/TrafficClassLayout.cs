namespace Sim.Platform.Network.TrafficControl;

/// <summary>
/// How mqprio and taprio map frames to device transmit queues (tc-mqprio(8), tc-taprio(8); <c>netdev_set_prio_tc_map</c>
/// and <c>netdev_set_tc_queue</c>, net/core/dev.c): a frame's priority (<c>skb->priority &amp; TC_BITMASK</c>) selects a
/// traffic class through <c>map</c>; the class owns <c>count</c> transmit queues from <c>offset</c>, and the frame's
/// flow hash picks one of them (<c>skb_tx_hash</c>: <c>reciprocal_scale(hash, count) + offset</c>; here the flow id
/// modulo count). Validated by <see cref="QdiscFactory"/>.
/// </summary>
public sealed class TrafficClassLayout
{
    /// <summary>Priorities a map covers (<c>TC_QOPT_BITMASK</c> + 1 = 16).</summary>
    public const int Priorities = 16;

    /// <summary>Traffic classes at most (<c>TC_QOPT_MAX_QUEUE</c> = 16).</summary>
    public const int MaxClasses = 16;

    private readonly int[] _map;
    private readonly TxQueueRange[] _queues;
    private readonly int[] _classOfQueue;

    /// <summary>A layout of <paramref name="queues"/>.Count classes over <paramref name="txQueues"/> device queues (already validated).</summary>
    internal TrafficClassLayout(IReadOnlyList<int> map, IReadOnlyList<TxQueueRange> queues, int txQueues)
    {
        _map = [.. map];
        _queues = [.. queues];
        _classOfQueue = Enumerable.Repeat(-1, txQueues).ToArray();
        for (int tc = 0; tc < _queues.Length; tc++)
            for (int q = _queues[tc].Offset; q < _queues[tc].Offset + _queues[tc].Count; q++) _classOfQueue[q] = tc;
    }

    /// <summary>Number of traffic classes (<c>num_tc</c>).</summary>
    public int Classes => _queues.Length;

    /// <summary>Device transmit queues.</summary>
    public int TxQueues => _classOfQueue.Length;

    /// <summary>The traffic class of a frame of <paramref name="priority"/>.</summary>
    public int ClassOf(int priority) => _map[priority & (Priorities - 1)];

    /// <summary>The transmit queues of <paramref name="trafficClass"/>.</summary>
    public TxQueueRange QueuesOf(int trafficClass) => _queues[trafficClass];

    /// <summary>The traffic class owning transmit queue <paramref name="txQueue"/>, or -1 if none does.</summary>
    public int ClassOfQueue(int txQueue) => _classOfQueue[txQueue];

    /// <summary>The transmit queue a frame of <paramref name="trafficClass"/> and <paramref name="flow"/> goes to.</summary>
    public int QueueFor(int trafficClass, int flow)
    {
        var range = _queues[trafficClass];
        return range.Offset + (int)((uint)flow % (uint)range.Count);
    }
}
