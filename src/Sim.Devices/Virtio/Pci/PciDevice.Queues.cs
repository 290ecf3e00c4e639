using System.Numerics;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// The queue fields behind queue_select, queue enable and reset (virtio 1.2, 4.1.4.3, 4.1.5.1.3, 2.6.1), and
/// available buffer notifications (4.1.4.4, 4.1.5.2).
/// </summary>
public sealed partial class PciDevice
{
    /// <summary>The queue queue_select points at, or null if the device has no such queue (queue_size reads 0).</summary>
    private PciQueue? SelectedQueue => _queueSelect < _queues.Length && _queues[_queueSelect].Available ? _queues[_queueSelect] : null;

    private bool PackedNegotiated => VirtioFeatures.Has(_features.Negotiated, VirtioFeatures.RingPacked);

    /// <summary>The selected queue if the driver may change its configuration fields now; reports why not otherwise.</summary>
    private PciQueue? ConfigurableQueue(string field, uint value)
    {
        var queue = SelectedQueue;
        if (queue is null)
        {
            Report(TransportRule.QueueNotAvailable, $"{field} = 0x{value:x} written with queue_select {_queueSelect}; the device has {_queues.Length} queue(s) and this one's queue_size reads 0");
            return null;
        }
        if (queue.Registers.Ready)
        {
            Report(TransportRule.QueueConfigWhileReady, $"{field} = 0x{value:x} written while queue {_queueSelect} is enabled; queue fields are set before queue_enable");
            return null;
        }
        return queue;
    }

    /// <summary>
    /// queue_size: at most the maximum, a power of two unless VIRTIO_F_RING_PACKED is negotiated, and not 0 when it is
    /// (4.1.4.3.2). A refused value leaves the field as it was.
    /// </summary>
    private void WriteQueueSize(uint value)
    {
        var queue = ConfigurableQueue("queue_size", value);
        if (queue is null) return;
        if (SizeProblem(value, queue.Registers.NumMax) is string problem)
        {
            Report(QueueRule.InvalidQueueSize, $"queue_size = {value} for queue {queue.Index}: {problem}");
            return;
        }
        queue.Registers.Num = value;
    }

    private string? SizeProblem(uint size, ushort max) =>
        size == 0 ? "0 is not a queue size"
        : size > max ? $"larger than the maximum {max}"
        : !PackedNegotiated && !BitOperations.IsPow2(size) ? "not a power of two, and VIRTIO_F_RING_PACKED is not negotiated"
        : null;

    private void WriteQueueVector(ushort value)
    {
        var queue = ConfigurableQueue("queue_msix_vector", value);
        if (queue is null) return;
        queue.Vector = MapVector(value, queue.Vector, $"queue_msix_vector of queue {queue.Index}");
    }

    private void WriteQueueAddress(CommonCfgField field, uint value)
    {
        var queue = ConfigurableQueue(field.Name, value);
        if (queue is null) return;
        var registers = queue.Registers;
        bool high = field.Offset % 8 == 4;
        switch (field.Offset)
        {
            case VirtioPciCommonCfg.QueueDescLow or VirtioPciCommonCfg.QueueDescHigh:
                registers.DescriptorArea = QueueRegisters.WithHalf(registers.DescriptorArea, high, value);
                break;
            case VirtioPciCommonCfg.QueueDriverLow or VirtioPciCommonCfg.QueueDriverHigh:
                registers.DriverArea = QueueRegisters.WithHalf(registers.DriverArea, high, value);
                break;
            case VirtioPciCommonCfg.QueueDeviceLow or VirtioPciCommonCfg.QueueDeviceHigh:
                registers.DeviceArea = QueueRegisters.WithHalf(registers.DeviceArea, high, value);
                break;
        }
    }

    /// <summary>
    /// queue_enable = 1: the queue becomes usable once features are negotiated (3.1.1 step 7) and its size is valid;
    /// then <see cref="QueueEnabled"/> carries its configuration. Writing 0 is forbidden (4.1.4.3.2): a queue stops by a
    /// queue reset or a device reset. Ring layout rules (alignment, memory) are the queue layer's to check.
    /// </summary>
    private void WriteQueueEnable(uint value)
    {
        var queue = SelectedQueue;
        if (queue is null)
        {
            Report(TransportRule.QueueNotAvailable, $"queue_enable = {value} written with queue_select {_queueSelect}, which names no queue of the device");
            return;
        }
        if (value > 1)
        {
            Report(TransportRule.InvalidRegisterValue, $"queue_enable = 0x{value:x} for queue {queue.Index}; only 1 may be written");
            return;
        }
        if (value == 0)
        {
            Report(TransportRule.QueueEnableZero, $"queue_enable = 0 written for queue {queue.Index}{(queue.Registers.Ready ? ", which stays enabled" : "")}; a queue is stopped by queue_reset or a device reset");
            return;
        }
        if (queue.Registers.Ready) return;
        if (!_features.Accepted || !_status.Has(DeviceStatus.FeaturesOk))
        {
            Report(TransportRule.QueueSetupBeforeFeaturesOk, $"queue_enable = 1 for queue {queue.Index} with status {DeviceStatusMachine.Show(_status.Current)}; queues are enabled after FEATURES_OK");
            return;
        }
        if (SizeProblem(queue.Registers.Num, queue.Registers.NumMax) is string problem)
        {
            Report(QueueRule.InvalidQueueSize, $"queue_enable = 1 for queue {queue.Index} with queue_size {queue.Registers.Num}: {problem}");
            return;
        }
        queue.Registers.Ready = true;
        QueueEnabled?.Invoke(queue.Index, queue.Registers.ToConfig(_features.Negotiated));
    }

    /// <summary>queue_reset = 1 with VIRTIO_F_RING_RESET: the selected queue returns to its reset values at once, so queue_reset and queue_enable read 0 (2.6.1, 4.1.4.3.1).</summary>
    private void WriteQueueReset(uint value)
    {
        if (!VirtioFeatures.Has(_features.Negotiated, VirtioFeatures.RingReset))
        {
            Report(TransportRule.RingResetNotNegotiated, $"queue_reset = 0x{value:x} written (queue_select {_queueSelect}) without VIRTIO_F_RING_RESET negotiated");
            return;
        }
        var queue = SelectedQueue;
        if (queue is null)
        {
            Report(TransportRule.QueueNotAvailable, $"queue_reset = 0x{value:x} written with queue_select {_queueSelect}, which names no queue of the device");
            return;
        }
        if (value != 1)
        {
            Report(TransportRule.InvalidRegisterValue, $"queue_reset = 0x{value:x} for queue {queue.Index}; only 1 (reset) may be written");
            return;
        }
        bool wasReady = queue.Registers.Ready;
        queue.Reset();
        if (wasReady) QueueDisabled?.Invoke(queue.Index);
    }

    /// <summary>
    /// An available buffer notification: a write at cap.offset + queue_notify_off × notify_off_multiplier (4.1.4.4) of
    /// the queue's 16-bit index, or with VIRTIO_F_NOTIFICATION_DATA of the 32-bit {vqn, next_off, next_wrap} (4.1.5.2).
    /// Accepted only after DRIVER_OK, at the named queue's own notify address, for an enabled queue; otherwise reported
    /// and ignored.
    /// </summary>
    private void Notify(ulong at, int width, uint value)
    {
        bool withData = VirtioFeatures.Has(_features.Negotiated, VirtioFeatures.NotificationData);
        int expected = withData ? 4 : 2;
        if (width != expected)
        {
            Report(TransportRule.RegisterAccessWidth, $"{width}-byte notification 0x{value:x} at notify+0x{at:x}; {(withData ? "with VIRTIO_F_NOTIFICATION_DATA it is a 32-bit write" : "it is a 16-bit write of the queue index")}", "virtio 1.2, 4.1.5.2");
            return;
        }
        if (!_status.Has(DeviceStatus.DriverOk))
        {
            Report(QueueRule.InvalidNotification, $"notification 0x{value:x} at notify+0x{at:x} with status {DeviceStatusMachine.Show(_status.Current)}; notifications start at DRIVER_OK");
            return;
        }
        var notification = QueueNotification.Decode(value, withData);
        if (notification.Queue >= _queues.Length || !_queues[notification.Queue].Available)
        {
            Report(QueueRule.InvalidNotification, $"notification 0x{value:x} names queue {notification.Queue}; the device has {_queues.Length} queue(s)");
            return;
        }
        var queue = _queues[notification.Queue];
        ulong address = (ulong)queue.NotifyOff * Layout.NotifyOffMultiplier;
        if (at != address)
        {
            Report(QueueRule.InvalidNotification, $"notification for queue {queue.Index} written at notify+0x{at:x}; its notify address is notify+0x{address:x} (queue_notify_off {queue.NotifyOff} × {Layout.NotifyOffMultiplier})");
            return;
        }
        if (!queue.Registers.Ready)
        {
            Report(QueueRule.QueueNotReady, $"notification for queue {queue.Index}, which is not enabled");
            return;
        }
        Notified?.Invoke(notification);
    }
}
