using Sim.Core.Actors;
using Sim.Core.Costs;
using Sim.Core.Statistics;
using Sim.Devices.Common;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Platform;
using Sim.Interconnect.Bus;

namespace Sim.Devices.Net;

/// <summary>
/// The virtio-net device (virtio 1.2, 5.1) on its backend thread (VMM thread, vhost-net or vhost-user worker: where it
/// runs is the platform's notification path), reaching guest memory only through the platform's checked access path.
/// Transmit (5.1.6.2): a kick on a transmit queue pops chains with kicks suppressed; each is validated by
/// <see cref="NetTxParser"/>; a malformed one is a queue violation (<see cref="NetTxErrors.Rule"/>: a finding named
/// <c>net-tx-*</c>, DEVICE_NEEDS_RESET) after which the device serves nothing more; a valid frame goes to
/// the wire (counted and dropped when there is none), its chain is used and the guest interrupted when the
/// ring asks. Control (5.1.6.5, with VIRTIO_NET_F_CTRL_VQ, queue 2·pairs): each chain is a class/command header and
/// data (device-readable) and a one-byte ack (device-writable); a chain without either is the queue violation
/// <c>net-ctrl-malformed-chain</c>; VIRTIO_NET_CTRL_MQ_VQ_PAIRS_SET with 1 to max_virtqueue_pairs pairs (and MQ
/// negotiated) is applied and acked VIRTIO_NET_OK, anything else acked VIRTIO_NET_ERR and counted. Receive
/// (5.1.6.3, 5.1.6.4, automatic steering 5.1.6.5.5): a <see cref="NetFrame"/> from the host side is steered to pair
/// <c>Flow mod active pairs</c> (pair 0 only until VQ_PAIRS_SET is applied); the device pops that receive queue's posted buffers as it needs them, places header and frame
/// with <see cref="NetRxBuffers.Place"/> (mergeable buffers with VIRTIO_NET_F_MRG_RXBUF), writes the real
/// <c>virtio_net_hdr_v1</c> (num_buffers set) and the frame bytes through the access path, publishes the buffers used and
/// interrupts (the buffers popped and not yet used are held in <see cref="NetRxPosted"/>); no buffer posted means the frame is dropped (<c>rxDropped</c>) and kicks are re-enabled, as vhost-net
/// does. With a <see cref="VirtioBackend.Bus"/> each frame's bytes are a bus transfer and the chain is used only when
/// <see cref="BusTransferDone"/> comes back. Per-packet costs come from <see cref="NetCosts"/> and <see cref="RingCosts"/> (the ring's
/// per packet only when the kind's costs do not include them, <see cref="NetCosts.IncludesRing"/>).
/// Metrics: <c>kicks</c>, <c>txFrames</c>, <c>txBytes</c>, <c>txErrors</c>, <c>txDropped</c> (no wire), <c>rxFrames</c>,
/// <c>rxBytes</c>, <c>rxDropped</c>, <c>rxBuffersUsed</c>, <c>activePairs</c> (gauge), <c>ctrlCommands</c>,
/// <c>ctrlErrors</c> (commands acked VIRTIO_NET_ERR or malformed), <c>interrupts</c>, <c>interruptsCoalesced</c>.
/// </summary>
public sealed partial class NetBackend : VirtioBackend
{
    /// <summary>A frame whose bytes are on the bus; its chains are used when the transfer is done.</summary>
    private sealed record Pending(int Queue, long Token, IReadOnlyList<(ushort Id, int Count, uint Written)> Used, NetFrame Frame, bool Transmit);

    private readonly DescriptorChain _chain = new();
    private readonly NetRxPosted _rx;
    private readonly Dictionary<long, Pending> _onBus = new();
    private readonly byte[] _stamp = new byte[NetPayload.StampBytes];
    private readonly RingCosts _costs;
    private readonly NetCosts _netCosts;
    private readonly int _pairs;
    private readonly Counter _kicks, _txFrames, _txBytes, _txErrors, _txDropped, _rxFrames, _rxBytes, _rxDropped, _rxBuffers;
    private NetTxParser? _parser;
    private Action? _spendPop;
    private bool _stopped;
    private long _nextTransfer;

    /// <summary>Where transmitted frames go (the host side); none (by design, when no host side is modelled): they are counted and dropped.</summary>
    private readonly ActorRef _wire;

    /// <summary>
    /// A net device on <paramref name="platform"/> with <paramref name="pairs"/> queue pairs at <paramref name="costs"/>
    /// and <paramref name="netCosts"/>, sending transmitted frames to <paramref name="wire"/> (none: counted and dropped);
    /// tied to its transport and driver by <paramref name="wiring"/>.
    /// </summary>
    public NetBackend(IBackendPlatform platform, RingCosts costs, NetCosts netCosts, BackendWiring wiring, int pairs = 1, ActorRef wire = default)
        : base(platform, wiring)
    {
        _costs = costs;
        _netCosts = netCosts;
        _pairs = pairs;
        _wire = wire;
        _rx = new NetRxPosted(pairs);
        _kicks = NewCounter("kicks");
        _txFrames = NewCounter("txFrames");
        _txBytes = NewCounter("txBytes", "B");
        _txErrors = NewCounter("txErrors");
        _txDropped = NewCounter("txDropped");
        _rxFrames = NewCounter("rxFrames");
        _rxBytes = NewCounter("rxBytes", "B");
        _rxDropped = NewCounter("rxDropped");
        _rxBuffers = NewCounter("rxBuffersUsed");
        _activePairsGauge = NewGauge("activePairs");
        _ctrlCommands = NewCounter("ctrlCommands");
        _ctrlErrors = NewCounter("ctrlErrors");
    }

    /// <summary>
    /// Received frames that may wait for this thread at most (the interface's queue, e.g. a tap's txqueuelen); one more
    /// is dropped and counted in <c>rxDropped</c>. Unbounded unless the world builder sets it (a setting, not wiring).
    /// </summary>
    public int FrameQueueLimit
    {
        get => DroppableLimit;
        init => DroppableLimit = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "a queue holds at least one frame");
    }

    /// <inheritdoc />
    protected override bool IsDroppable(object message) => message is NetFrame;

    /// <inheritdoc />
    protected override void OnOverflow(object message) => _rxDropped.Increment();

    /// <inheritdoc />
    /// <remarks>The active pairs gauge starts at one pair.</remarks>
    protected override void OnStart()
    {
        base.OnStart();
        _activePairsGauge.Set(Now, _activePairs);
    }

    /// <summary>Whether the device stopped after a violation (DEVICE_NEEDS_RESET, virtio 1.2, 2.1.2).</summary>
    private bool NeedsReset => _stopped || (Registers is { } registers && (registers.Status & DeviceStatus.DeviceNeedsReset) != 0);

    /// <inheritdoc />
    protected override void OnQueueReady()
    {
        ulong features = Registers.NegotiatedFeatures;
        _parser = new NetTxParser(features);
        _rx.Mergeable = NetFeatures.Has(features, NetFeatures.MrgRxbuf);
        OnControlReady(features);
    }

    /// <inheritdoc />
    protected override void ServeDevice(object message, ActorRef sender)
    {
        switch (message)
        {
            case QueueKick kick:
                _kicks.Increment();
                Spend(Platform.WakeUp(FoundIdle));
                if (NeedsReset) return;
                var queue = QueueFor(kick.Queue);
                if (queue is null || queue.IsBroken) return;
                if (kick.Queue == _controlQueue) DrainControl(queue);
                else if (kick.Queue % 2 == 1) DrainTransmit(kick.Queue, queue);
                else queue.DisableNotifications();   // buffers posted: no more kicks until the device runs out
                break;
            case NetFrame frame:
                Receive(frame);
                break;
            case BusTransferDone done:
                if (_onBus.Remove(done.Id, out var pending)) Finish(pending);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void DrainTransmit(int index, IDeviceQueue queue)
    {
        var frames = new TransmitChains(this, index);
        queue.DrainAvailable(ref frames);
        Spend(Platform.TakeAccrued());
    }

    /// <summary>Sends one popped transmit chain; false when a buffer was refused (the queue is then broken).</summary>
    private bool Transmit(int index, IDeviceQueue queue)
    {
        long token = Platform.BeginRequest();
        SpendRing(_costs.PopChain);
        bool valid = _parser!.TryParse(_chain, Platform.Memory, out var packet, out var error, out string problem);
        if (error == NetTxError.BufferRefused)
        {
            Spend(Platform.EndRequest(token));
            queue.ReportRefusedBuffer(_chain);
            return false;
        }
        if (!valid)
        {
            _txErrors.Increment();
            Spend(Platform.EndRequest(token));
            _stopped = true;
            DeviceRuleBroken(NetRules.Describe(error.Rule()), $"queue {index}: {problem}");
            return false;
        }
        Spend(_netCosts.TxPacket);
        int stampBytes = (int)Math.Min(packet!.PacketLength, _stamp.Length);
        if (_chain.Read(Platform.Memory, NetTxPacket.PacketOffset, _stamp.AsSpan(0, stampBytes)) < 0)
        {
            Spend(Platform.EndRequest(token));
            queue.ReportRefusedBuffer(_chain);
            return false;
        }
        var frame = NetPayload.TryRead(_stamp.AsSpan(0, stampBytes), out var stamp)
            ? stamp with { Bytes = packet.PacketLength }
            : new NetFrame(packet.PacketLength, Now, 0, Timed: false);
        Spend(Platform.TakeAccrued());
        var pending = new Pending(index, token, [(_chain.Id, _chain.DescriptorCount, 0u)], frame, Transmit: true);
        Move(pending, NetLayout.HeaderSize + packet.PacketLength);
        return true;
    }

    /// <summary>A packet's virtqueue work, unless its backend kind's per-packet costs already cover it (<see cref="NetCosts.IncludesRing"/>).</summary>
    private void SpendRing(CostItem item)
    {
        if (!_netCosts.IncludesRing) Spend(item);
    }

    /// <summary>Finishes a frame now, or after its bytes crossed the bus when there is one.</summary>
    private void Move(Pending pending, long bytes)
    {
        if (Bus is not { } bus)
        {
            Finish(pending);
            return;
        }
        long id = ++_nextTransfer;
        _onBus.Add(id, pending);
        Send(bus.Bus, bus.Transfer(id, bytes, Self));
    }

    private void Finish(Pending pending)
    {
        Spend(Platform.EndRequest(pending.Token));
        var queue = QueueFor(pending.Queue);
        if (queue is null || queue.IsBroken) return;
        foreach (var (id, count, written) in pending.Used)
        {
            queue.PushUsed(id, count, written);
            SpendRing(_costs.PushUsed);
        }
        if (pending.Transmit)
        {
            _txFrames.Increment();
            _txBytes.Add(pending.Frame.Bytes);
            if (_wire.IsNone) _txDropped.Increment();
            else Send(_wire, pending.Frame);
        }
        else if (pending.Queue % 2 == 0)
        {
            _rxFrames.Increment();
            _rxBytes.Add(pending.Frame.Bytes);
            _rxBuffers.Add(pending.Used.Count);
        }
        if (queue.InterruptNeeded()) Interrupt(queue);
    }

    private void Receive(NetFrame frame)
    {
        if (NeedsReset || !IsLive)
        {
            _rxDropped.Increment();
            return;
        }
        int pair = (int)((uint)frame.Flow % (uint)_activePairs);
        int index = NetQueues.ReceiveQueue(pair);
        if (Registers?.GetQueueConfig(index) is null)
        {
            _rxDropped.Increment();   // the driver has not made the queue ready yet: the link is not up
            return;
        }
        var queue = QueueFor(index);
        if (queue is null || queue.IsBroken)
        {
            _rxDropped.Increment();
            return;
        }
        Spend(_netCosts.RxPacket);
        long total = NetLayout.HeaderSize + frame.Bytes;
        if (!_rx.Gather(queue, pair, total, _spendPop ??= () => SpendRing(_costs.PopChain)))
        {
            _rxDropped.Increment();
            Spend(Platform.TakeAccrued());
            return;
        }
        // A chain may hold 2^32 writable bytes (virtio 1.2, 2.7.5.2), one more than a u32: clamp, do not wrap to 0.
        var posted = _rx.Held(pair);
        var placement = NetRxBuffers.Place(frame.Bytes, posted.Select(c => (uint)Math.Min(c.WritableLength, uint.MaxValue)).ToList(), _rx.Mergeable);
        if (!placement.Fits)
        {
            _rxDropped.Increment();
            ReportFinding("net-rx-buffers-too-small", placement.Problem, "virtio 1.2, 5.1.6.3.1");
            Spend(Platform.TakeAccrued());
            return;
        }
        long token = Platform.BeginRequest();
        var bytes = new byte[total];
        new NetHeader(0, NetLayout.GsoNone, 0, 0, 0, 0, placement.NumBuffers).EncodeInto(bytes);
        NetPayload.Write(frame, bytes.AsSpan(NetLayout.HeaderSize));
        var used = new List<(ushort, int, uint)>(placement.BufferCount);
        int offset = 0;
        for (int i = 0; i < placement.BufferCount; i++)
        {
            var chain = posted[i];
            uint length = placement.BytesWritten[i];
            if (chain.Write(Platform.Memory, 0, bytes.AsSpan(offset, (int)length)) < 0)
            {
                Spend(Platform.EndRequest(token));
                queue.ReportRefusedBuffer(chain);
                return;
            }
            offset += (int)length;
            used.Add((chain.Id, chain.DescriptorCount, length));
        }
        _rx.Use(pair, placement.BufferCount);
        Spend(Platform.TakeAccrued());
        Move(new Pending(index, token, used, frame, Transmit: false), total);
    }
}
