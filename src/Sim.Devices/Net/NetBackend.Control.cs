using Sim.Core.Statistics;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Net;

public sealed partial class NetBackend
{
    /// <summary>The most readable bytes the device reads from a control chain (any command this model knows is shorter).</summary>
    private const int MaxControlBytes = 64;

    private int _controlQueue = -1;
    private int _activePairs = 1;
    private bool _multiqueue;
    private readonly TimeWeightedGauge _activePairsGauge;
    private readonly Counter _ctrlCommands, _ctrlErrors;

    /// <summary>The pairs the device steers into and serves now (virtio 1.2, 5.1.6.5.5): 1 until VQ_PAIRS_SET is applied.</summary>
    public int ActivePairs => _activePairs;

    /// <summary>The readable bytes of the last control command, as the device read them through its access path (null before one).</summary>
    public byte[]? LastControlCommand { get; private set; }

    /// <summary>With VIRTIO_NET_F_CTRL_VQ the control queue is 2·max_virtqueue_pairs (5.1.2); VQ_PAIRS_SET also needs VIRTIO_NET_F_MQ.</summary>
    private void OnControlReady(ulong features)
    {
        if (NetFeatures.Has(features, NetFeatures.CtrlVq)) _controlQueue = NetQueues.ControlQueue(_pairs);
        _multiqueue = NetFeatures.Has(features, NetFeatures.Mq);
    }

    private void DrainControl(IDeviceQueue queue)
    {
        var commands = new ControlChains(this);
        queue.DrainAvailable(ref commands);
        Spend(Platform.TakeAccrued());
    }

    /// <summary>Runs one popped control chain (5.1.6.5) and acks it; false when the chain broke a rule or a buffer was refused.</summary>
    private bool Command(IDeviceQueue queue)
    {
        long token = Platform.BeginRequest();
        Spend(_costs.PopChain);
        _ctrlCommands.Increment();
        if (_chain.ReadableLength < NetLayout.Control.HeaderSize || _chain.WritableLength < NetLayout.Control.AckSize)
        {
            Spend(Platform.EndRequest(token));
            _ctrlErrors.Increment();
            _stopped = true;
            DeviceRuleBroken(NetRules.Describe(NetRule.CtrlMalformedChain),
                $"control chain {_chain.Id}: {_chain.ReadableLength} readable bytes (a virtio_net_ctrl_hdr needs {NetLayout.Control.HeaderSize}), {_chain.WritableLength} writable (the ack needs {NetLayout.Control.AckSize})");
            return false;
        }
        var bytes = new byte[Math.Min(_chain.ReadableLength, MaxControlBytes)];
        long read = _chain.Read(Platform.Memory, 0, bytes);
        if (read < 0)
        {
            Spend(Platform.EndRequest(token));
            queue.ReportRefusedBuffer(_chain);
            return false;
        }
        LastControlCommand = bytes[..(int)read];
        byte ack = Apply(LastControlCommand);
        if (_chain.Write(Platform.Memory, 0, [ack]) < 0)
        {
            Spend(Platform.EndRequest(token));
            queue.ReportRefusedBuffer(_chain);
            return false;
        }
        Spend(Platform.TakeAccrued());
        Spend(Platform.EndRequest(token));
        queue.PushUsed(_chain.Id, _chain.DescriptorCount, NetLayout.Control.AckSize);
        Spend(_costs.PushUsed);
        if (queue.InterruptNeeded()) Interrupt(queue);
        return true;
    }

    /// <summary>
    /// The ack for <paramref name="command"/>: VIRTIO_NET_OK and the new active pair count for a VQ_PAIRS_SET of 1 to
    /// max_virtqueue_pairs with VIRTIO_NET_F_MQ negotiated; VIRTIO_NET_ERR (counted in <c>ctrlErrors</c>) for another
    /// class or command, a short command, or a pair count out of range.
    /// </summary>
    private byte Apply(ReadOnlySpan<byte> command)
    {
        if (!_multiqueue || !NetMqCommand.TryDecode(command, out var pairsSet, out _) || pairsSet!.AckFor((ushort)_pairs) != NetLayout.Control.AckOk)
        {
            _ctrlErrors.Increment();
            return NetLayout.Control.AckError;
        }
        _activePairs = pairsSet.VirtqueuePairs;
        _activePairsGauge.Set(Now, _activePairs);
        return NetLayout.Control.AckOk;
    }
}
