using Sim.Core.Statistics;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Devices.Net;

public sealed partial class NetDriver
{
    /// <summary>
    /// Where the driver's one control command stands (virtio 1.2, 5.1.6.5 / 5.1.6.5.5). Transitions:
    /// <see cref="None"/> → <see cref="Sent"/> when VQ_PAIRS_SET is in the control queue; <see cref="Sent"/> →
    /// <see cref="Applied"/> on a VIRTIO_NET_OK ack, → <see cref="Refused"/> on anything else. Only
    /// <see cref="Applied"/> lets the driver use pairs after the first.
    /// </summary>
    public enum Control
    {
        /// <summary>No command sent (one pair, or the device has no control queue): pair 0 only.</summary>
        None,
        /// <summary>VQ_PAIRS_SET is with the device: pair 0 only until the ack.</summary>
        Sent,
        /// <summary>The device acked VIRTIO_NET_OK: the requested pairs are active.</summary>
        Applied,
        /// <summary>The device acked VIRTIO_NET_ERR (or wrote no ack): pair 0 only.</summary>
        Refused,
    }

    private DmaBuffer _ctrlCommand, _ctrlAck;
    private ushort _ctrlPairs;
    private readonly Counter _ctrlAcks, _ctrlRefused, _txOtherPairs;

    /// <summary>Where the VQ_PAIRS_SET command stands.</summary>
    public Control ControlState { get; private set; }

    /// <summary>The ack byte of the last control command (null before one came back).</summary>
    public byte? LastAck { get; private set; }

    /// <summary>The pairs the driver uses now: 1 until the device applied VQ_PAIRS_SET.</summary>
    public int ActivePairs { get; private set; } = 1;

    private int ControlQueueIndex => NetQueues.ControlQueue(_layout.Pairs);

    /// <summary>
    /// Puts VIRTIO_NET_CTRL_MQ_VQ_PAIRS_SET for <paramref name="pairs"/> into the control queue (5.1.6.5.5): the
    /// device-readable <c>virtio_net_ctrl_hdr</c> and <c>virtio_net_ctrl_mq</c> (<see cref="NetMqCommand"/>), then the
    /// device-writable ack byte, and kicks.
    /// </summary>
    private void SendPairsSet(ushort pairs)
    {
        var command = new NetMqCommand(pairs).Encode();
        Memory.Write(_layout.ControlArea, command);
        Memory.Write(_layout.ControlAck, [0xFF]);   // neither OK nor ERR: shows whether the device wrote it
        var status = TryMap(_layout.ControlArea, (uint)command.Length, DmaDirection.ToDevice, out _ctrlCommand);
        if (status != DmaMapStatus.Mapped)
        {
            ReportFinding("net-ctrl-not-sent", $"VQ_PAIRS_SET could not be mapped ({status}): pair 0 only", "virtio 1.2, 5.1.6.5.5");
            return;
        }
        status = TryMap(_layout.ControlAck, NetLayout.Control.AckSize, DmaDirection.FromDevice, out _ctrlAck);
        if (status != DmaMapStatus.Mapped)
        {
            Unmap(_ctrlCommand);
            ReportFinding("net-ctrl-not-sent", $"the control ack could not be mapped ({status}): pair 0 only", "virtio 1.2, 5.1.6.5.5");
            return;
        }
        Spend(Costs.AddChain);
        if (!Queues[ControlQueueIndex].TryAdd(
                [new BufferSpec(_ctrlCommand.DmaAddress, (uint)command.Length)],
                [new BufferSpec(_ctrlAck.DmaAddress, NetLayout.Control.AckSize)], 0))
        {
            Unmap(_ctrlCommand);
            Unmap(_ctrlAck);
            ReportFinding("net-ctrl-not-sent", "the control queue is full: pair 0 only", "virtio 1.2, 5.1.6.5.5");
            return;
        }
        _ctrlPairs = pairs;
        ControlState = Control.Sent;
        KickIfNeeded(ControlQueueIndex);
    }

    /// <summary>Takes the control chain back, reads the ack and, on VIRTIO_NET_OK, starts using the requested pairs.</summary>
    private void ReclaimControl()
    {
        if (ControlState != Control.Sent) return;
        var queue = Queues[ControlQueueIndex];
        if (!queue.TryReclaim(out _, out uint written)) return;
        Spend(Costs.ReclaimChain);
        Unmap(_ctrlCommand);
        Unmap(_ctrlAck);
        Span<byte> ack = stackalloc byte[1];
        Memory.Read(_layout.ControlAck, ack);
        LastAck = ack[0];
        _ctrlAcks.Increment();
        if (written < NetLayout.Control.AckSize || ack[0] != NetLayout.Control.AckOk)
        {
            _ctrlRefused.Increment();
            ControlState = Control.Refused;
            return;
        }
        ControlState = Control.Applied;
        ActivePairs = Math.Clamp((int)_ctrlPairs, 1, _layout.Pairs);
        StartOtherTransmitQueues();
    }
}
