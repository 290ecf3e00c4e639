using Sim.Core.Costs;
using Sim.Core.Statistics;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Devices.Net;

/// <summary>
/// The virtio-net guest driver (virtio 1.2, 5.1), a <see cref="VirtioDriver"/> whose requests are transmitted frames on
/// transmitq1 (queue 1, 5.1.2), as its <see cref="RequestArrivals"/> bring them (<see cref="RequestArrivals.ReceiveOnly"/>: none). It negotiates VERSION_1, the ring options given, VIRTIO_NET_F_MRG_RXBUF when asked and,
/// with more than one pair, VIRTIO_NET_F_MQ and VIRTIO_NET_F_CTRL_VQ (both required: MQ depends on CTRL_VQ, 5.1.3.1),
/// setting up every pair and the control queue. Multiqueue (5.1.6.5.5): once the device is ready it sends
/// VIRTIO_NET_CTRL_MQ_VQ_PAIRS_SET on the control queue (<see cref="NetDriver.Control"/>) and uses only pair 0 until
/// the device acks VIRTIO_NET_OK (for ever when it answers VIRTIO_NET_ERR); then transmitq2.. carry frames too.
/// Transmit: per frame a plain <c>virtio_net_hdr_v1</c> and the frame (<see cref="NetPayload"/>) in one device-readable
/// buffer (5.1.6.2). Receive: once the device is ready it maps and posts a page-sized buffer for every descriptor of
/// every receive queue (5.1.6.3); on each interrupt it reclaims them, reads <c>num_buffers</c> from the first buffer's
/// header to gather a packet's buffers (5.1.6.4), checks the reassembled length and content against the stamp the
/// sender wrote, records the latency of timed frames from their sent-at stamp, re-posts every buffer and kicks the
/// receive queue when the ring asks (2.7.13).
/// Metrics: those of <see cref="VirtioDriver"/> (<c>requests</c> = frames sent on transmitq1, <c>bytes</c> = frame
/// bytes sent on every transmit queue), <c>rxPackets</c>, <c>rxBytes</c>, <c>rxBuffers</c>, <c>rxVerified</c>,
/// <c>rxLatency</c> (timed frames only), <c>ctrlAcks</c> (control acks received), <c>ctrlRefused</c> (acks that were
/// VIRTIO_NET_ERR) and <c>txOtherPairs</c> (frames sent on the transmit queues of pairs after the first).
/// </summary>
public sealed partial class NetDriver : VirtioDriver
{
    /// <summary>The virtio device ID of a network card (virtio 1.2, 5 "Device Types").</summary>
    public const uint DeviceId = 1;

    /// <summary>A packet being gathered from its receive buffers (5.1.6.4).</summary>
    private struct Assembly
    {
        public int Remaining;
        public long Length;
        public NetFrame? Stamp;
        public bool Corrupt;
    }

    private readonly NetGuestLayout _layout;
    private readonly NetWorkload _workload;
    private readonly ulong _ringFeatures;
    private readonly bool _offerMergeable;
    private readonly int? _requestedPairs;
    private readonly DmaBuffer[][] _rxMapped;
    private readonly Queue<(int Pair, int Index)> _unposted = new();
    private readonly Assembly[] _assembling;
    private readonly long[] _rxPerPair;
    private readonly DmaBuffer[] _tx;
    private readonly byte[] _txBytes;
    private readonly byte[] _page;
    private readonly Counter _rxPackets, _rxBytes, _rxBuffers, _rxVerified;
    private readonly LatencyHistogram _rxLatency;
    private long _txSequence;
    private bool _mergeable, _controlQueueUsable;
    private readonly List<NetFrame> _timedThisPoll = [];

    /// <summary>
    /// A network driver in <paramref name="memory"/> on <paramref name="platform"/>, with its rings and buffers at
    /// <paramref name="layout"/>, sending <paramref name="workload"/>'s frames as <paramref name="arrivals"/> say at
    /// <paramref name="costs"/>; it offers <paramref name="ringFeatures"/>, mergeable receive buffers when
    /// <paramref name="mergeable"/>, and asks for <paramref name="requestedPairs"/> pairs (all of the layout's when null).
    /// <paramref name="wiring"/> ties it to its transport and backend.
    /// </summary>
    public NetDriver(GuestMemory memory, DriverWiring wiring, IDriverPlatform platform, ulong ringFeatures, NetGuestLayout layout,
        NetWorkload workload, RequestArrivals arrivals, RingCosts costs, bool mergeable = true, int? requestedPairs = null)
        : base(memory, wiring, platform, costs, workload.Outstanding, arrivals, requestQueue: NetQueues.TransmitQueue(0))
    {
        _layout = layout;
        _workload = workload;
        _ringFeatures = ringFeatures;
        _offerMergeable = mergeable;
        _requestedPairs = requestedPairs;
        _rxMapped = Enumerable.Range(0, layout.Pairs).Select(_ => new DmaBuffer[layout.QueueSize]).ToArray();
        _assembling = new Assembly[layout.Pairs];
        _rxPerPair = new long[layout.Pairs];
        _tx = new DmaBuffer[workload.Outstanding];
        _txBytes = new byte[NetLayout.HeaderSize + workload.FrameBytes];
        _page = new byte[layout.RxBufferSize];
        _rxPackets = NewCounter("rxPackets");
        _rxBytes = NewCounter("rxBytes", "B");
        _rxBuffers = NewCounter("rxBuffers");
        _rxVerified = NewCounter("rxVerified");
        _rxLatency = NewLatencyHistogram("rxLatency");
        _ctrlAcks = NewCounter("ctrlAcks");
        _ctrlRefused = NewCounter("ctrlRefused");
        _txOtherPairs = NewCounter("txOtherPairs");
    }

    /// <summary>
    /// The guest's network stack per received frame on the vCPU that runs the driver (<c>net.guest.rxPacket</c>: the
    /// softirq's GRO, IP and UDP/TCP receive and the socket queueing), or null to charge none. With it, a timed frame
    /// counts as received when the interrupt's whole batch is through the stack, when the application's thread, woken
    /// by its socket, gets the vCPU back from the softirq; without it, when its own buffers are reclaimed. Set while the
    /// world is built.
    /// </summary>
    public CostItem? ReceiveStack { get; init; }

    /// <summary>
    /// Whether a timed frame counts as received when it enters the guest's stack, as the kernel's software receive
    /// timestamp is taken (<c>SOF_TIMESTAMPING_RX_SOFTWARE</c>, in <c>netif_receive_skb</c>): after the stack work of the
    /// frames before it in the poll, before its own. Otherwise (the default) it counts as <see cref="ReceiveStack"/>
    /// says. The same without a <see cref="ReceiveStack"/>. Set while the world is built.
    /// </summary>
    public bool StampsAtStackEntry { get; init; }

    /// <summary>Packets received on each pair's receive queue (pair 0 first).</summary>
    public IReadOnlyList<long> RxPacketsPerPair => _rxPerPair;

    /// <inheritdoc />
    protected override bool InitialiseDevice()
    {
        if (!IsDevice(DeviceId, "network card")) return false;
        ulong multiqueue = _layout.Pairs > 1 ? NetFeatures.Mq | NetFeatures.CtrlVq : 0;
        ulong wanted = VirtioFeatures.Version1 | _ringFeatures | (_offerMergeable ? NetFeatures.MrgRxbuf : 0) | multiqueue;
        ulong required = wanted & (VirtioFeatures.RingPacked | VirtioFeatures.Version1 | multiqueue);
        var setups = _layout.AllRings.Select((r, q) => new QueueSetup((ushort)q, _layout.QueueSize, r.DescriptorArea, r.DriverArea, r.DeviceArea)).ToList();
        if (!StartTransport(wanted, required, setups, _layout.IndirectArea, _layout.MaxIndirectEntries)) return false;
        _mergeable = NetFeatures.Has(NegotiatedFeatures, NetFeatures.MrgRxbuf);
        if (_layout.Pairs > 1)
        {
            ushort max = ReadConfig(config => config.ReadU16(NetLayout.Config.MaxVirtqueuePairs));
            if (max < _layout.Pairs)
            {
                ReportFinding("net-too-few-pairs", $"max_virtqueue_pairs {max}, the driver set up {_layout.Pairs}", "virtio 1.2, 5.1.4");
                return false;
            }
            // The control queue is 2·max_virtqueue_pairs (5.1.2); the layout put it at 2·pairs.
            _controlQueueUsable = max == _layout.Pairs;
            if (!_controlQueueUsable)
                ReportFinding("net-control-queue-elsewhere", $"max_virtqueue_pairs {max}: the control queue is {2 * max}, the driver set it up as {2 * _layout.Pairs}; pair 0 only", "virtio 1.2, 5.1.2");
        }
        return true;
    }

    /// <inheritdoc />
    protected override void OnTransportReady()
    {
        for (int pair = 0; pair < _layout.Pairs; pair++)
        {
            for (int i = 0; i < _layout.RxBuffersPerQueue; i++) PostReceiveBuffer(pair, i);
            KickIfNeeded(NetQueues.ReceiveQueue(pair));
        }
        if (_controlQueueUsable && _layout.ControlRings is not null && NetFeatures.Has(NegotiatedFeatures, NetFeatures.Mq | NetFeatures.CtrlVq))
            SendPairsSet((ushort)(_requestedPairs ?? _layout.Pairs));
    }

    /// <summary>Maps receive buffer <paramref name="index"/> of <paramref name="pair"/> and adds it (one device-writable descriptor); kept back when the mapping is exhausted.</summary>
    private bool PostReceiveBuffer(int pair, int index)
    {
        var status = TryMap(_layout.RxBuffer(pair, index), _layout.RxBufferSize, DmaDirection.FromDevice, out var buffer);
        if (status != DmaMapStatus.Mapped)
        {
            if (status == DmaMapStatus.Exhausted) _unposted.Enqueue((pair, index));
            return false;
        }
        Spend(Costs.AddChain);
        if (!Queues[NetQueues.ReceiveQueue(pair)].TryAdd([], [new BufferSpec(buffer.DmaAddress, _layout.RxBufferSize)], index))
        {
            Unmap(buffer);
            _unposted.Enqueue((pair, index));
            return false;
        }
        _rxMapped[pair][index] = buffer;
        return true;
    }

    /// <inheritdoc />
    protected override void OnOtherQueues()
    {
        for (int pair = 0; pair < _layout.Pairs; pair++)
        {
            var received = new ReceivedBuffers(this, pair);
            Queues[NetQueues.ReceiveQueue(pair)].ReclaimUsed(ref received);
        }
        for (int n = _unposted.Count; n > 0; n--)
        {
            var (pair, index) = _unposted.Dequeue();
            PostReceiveBuffer(pair, index);
        }
        for (int pair = 0; pair < _layout.Pairs; pair++) KickIfNeeded(NetQueues.ReceiveQueue(pair));
        foreach (var stamp in _timedThisPoll) _rxLatency.Record(Now + Spent - stamp.SentAt);
        _timedThisPoll.Clear();
        ReclaimControl();
        ReclaimOtherTransmitQueues();
    }

    /// <summary>What a receive queue's reclaim does with each used buffer: <see cref="OnReceiveBuffer"/> it.</summary>
    private readonly struct ReceivedBuffers(NetDriver driver, int pair) : IUsedBufferHandler
    {
        public void Reclaim(long token, uint written) => driver.OnReceiveBuffer(pair, (int)token, written);
    }

    private void OnReceiveBuffer(int pair, int index, uint written)
    {
        Spend(Costs.ReclaimChain);
        Unmap(_rxMapped[pair][index]);
        _rxBuffers.Increment();
        ulong address = _layout.RxBuffer(pair, index);
        var bytes = _page.AsSpan(0, (int)Math.Min(written, _layout.RxBufferSize));
        Memory.Read(address, bytes);
        ref var packet = ref _assembling[pair];
        if (packet.Remaining == 0)
            StartPacket(ref packet, bytes);
        else
            ContinuePacket(ref packet, bytes);
        if (packet.Remaining == 0)
        {
            _rxPerPair[pair]++;
            FinishPacket(ref packet);
        }
        PostReceiveBuffer(pair, index);
    }

    private void StartPacket(ref Assembly packet, ReadOnlySpan<byte> bytes)
    {
        packet = default;
        if (bytes.Length < NetLayout.HeaderSize)
        {
            ReportFinding("net-rx-short-buffer", $"a received buffer holds {bytes.Length} bytes, less than a virtio_net_hdr_v1", "virtio 1.2, 5.1.6.4");
            return;
        }
        var header = NetHeader.Decode(bytes);
        int buffers = _mergeable ? header.NumBuffers : 1;
        if (buffers == 0)
        {
            ReportFinding("net-rx-num-buffers", "num_buffers 0 in a received packet's first buffer", "virtio 1.2, 5.1.6.4");
            return;
        }
        var frame = bytes[NetLayout.HeaderSize..];
        packet.Remaining = buffers - 1;
        packet.Length = frame.Length;
        if (NetPayload.TryRead(frame, out var stamp))
        {
            packet.Stamp = stamp;
            packet.Corrupt = NetPayload.FirstMismatch(stamp.Sequence, frame, 0) >= 0;
        }
    }

    private void ContinuePacket(ref Assembly packet, ReadOnlySpan<byte> bytes)
    {
        if (packet.Stamp is { } stamp && NetPayload.FirstMismatch(stamp.Sequence, bytes, (int)packet.Length) >= 0) packet.Corrupt = true;
        packet.Length += bytes.Length;
        packet.Remaining--;
    }

    private void FinishPacket(ref Assembly packet)
    {
        var entered = Now + Spent;
        if (ReceiveStack is { } stack && packet.Length > 0) Spend(stack);
        if (packet.Stamp is null)
        {
            if (packet.Length > 0) _rxPackets.Increment();
            _rxBytes.Add(packet.Length);
            return;
        }
        var stamp = packet.Stamp;
        _rxPackets.Increment();
        _rxBytes.Add(packet.Length);
        if (packet.Length != stamp.Bytes)
            ReportFinding("net-rx-length", $"frame #{stamp.Sequence} of flow {stamp.Flow}: reassembled {packet.Length} bytes, sent {stamp.Bytes}", "virtio 1.2, 5.1.6.4");
        else if (packet.Corrupt)
            ReportFinding("net-rx-data-mismatch", $"frame #{stamp.Sequence} of flow {stamp.Flow}: content differs from what was sent", "virtio 1.2, 5.1.6.4");
        else _rxVerified.Increment();
        if (stamp.Timed)
        {
            // Without a stack nothing was spent since it entered, so its entry is also its receipt.
            if (StampsAtStackEntry || ReceiveStack is null) _rxLatency.Record(entered - stamp.SentAt);
            else _timedThisPoll.Add(stamp);
        }
        packet = default;
    }
}
