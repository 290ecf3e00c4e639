using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Virtio.Mmio;

/// <summary>Queue registers, queue readiness and reset, and notifications (virtio 1.2, 4.2.2, 4.2.3.2, 4.2.3.3).</summary>
public sealed partial class MmioDevice
{
    /// <summary>The queue QueueSel points at, or null if the device has no such queue (QueueNumMax reads 0).</summary>
    private QueueRegisters? SelectedQueue =>
        _queueSelect < (uint)_queues.Length && _queues[_queueSelect].NumMax > 0 ? _queues[_queueSelect] : null;

    private QueueRegisters? SelectedQueueOrReport(string register)
    {
        var queue = SelectedQueue;
        if (queue is null)
            Report(TransportRule.QueueNotAvailable, $"{register} written with QueueSel {_queueSelect}; the device has {_queues.Length} queue(s) and this one reads QueueNumMax 0");
        return queue;
    }

    private void WriteQueueField(ulong offset, uint value)
    {
        string name = MmioRegister.NameOf(offset);
        var queue = SelectedQueueOrReport(name);
        if (queue is null) return;
        if (queue.Ready)
        {
            Report(TransportRule.QueueConfigWhileReady, $"{name} = 0x{value:x} written while queue {_queueSelect} is ready");
            return;
        }
        switch (offset)
        {
            case MmioRegister.QueueNum: queue.Num = value; break;
            case MmioRegister.QueueDescLow: queue.DescriptorArea = QueueRegisters.WithHalf(queue.DescriptorArea, false, value); break;
            case MmioRegister.QueueDescHigh: queue.DescriptorArea = QueueRegisters.WithHalf(queue.DescriptorArea, true, value); break;
            case MmioRegister.QueueDriverLow: queue.DriverArea = QueueRegisters.WithHalf(queue.DriverArea, false, value); break;
            case MmioRegister.QueueDriverHigh: queue.DriverArea = QueueRegisters.WithHalf(queue.DriverArea, true, value); break;
            case MmioRegister.QueueDeviceLow: queue.DeviceArea = QueueRegisters.WithHalf(queue.DeviceArea, false, value); break;
            case MmioRegister.QueueDeviceHigh: queue.DeviceArea = QueueRegisters.WithHalf(queue.DeviceArea, true, value); break;
        }
    }

    /// <summary>
    /// QueueReady. 1 makes the queue usable once features are negotiated and QueueNum is in [1, QueueNumMax]; then
    /// <see cref="QueueEnabled"/> carries its <see cref="QueueConfig"/>. A refused 1 leaves QueueReady reading 0.
    /// 0 stops the queue. Ring layout rules (power-of-two size, alignment) are the queue layer's to check.
    /// </summary>
    private void WriteQueueReady(uint value)
    {
        var queue = SelectedQueueOrReport("QueueReady");
        if (queue is null) return;
        int index = (int)_queueSelect;
        if (value > 1)
        {
            Report(TransportRule.InvalidRegisterValue, $"QueueReady = 0x{value:x} for queue {index}; only 0 and 1 are defined");
            return;
        }
        if (value == 0)
        {
            if (!queue.Ready) return;
            queue.Ready = false;
            QueueDisabled?.Invoke(index);
            return;
        }
        if (queue.Ready) return;
        if (!_features.Accepted || !_status.Has(DeviceStatus.FeaturesOk))
        {
            Report(TransportRule.QueueSetupBeforeFeaturesOk, $"QueueReady = 1 for queue {index} with status {DeviceStatusMachine.Show(_status.Current)}; queues are set up after FEATURES_OK");
            return;
        }
        if (queue.Num == 0 || queue.Num > queue.NumMax)
        {
            Report(QueueRule.InvalidQueueSize, $"QueueReady = 1 for queue {index} with QueueNum {queue.Num}; it must be in [1, QueueNumMax {queue.NumMax}]");
            return;
        }
        queue.Ready = true;
        QueueEnabled?.Invoke(index, queue.ToConfig(_features.Negotiated));
    }

    /// <summary>QueueReset = 1 with VIRTIO_F_RING_RESET: the selected queue returns to its reset values at once (2.6.1, 4.2.2.1).</summary>
    private void WriteQueueReset(uint value)
    {
        if (!VirtioFeatures.Has(_features.Negotiated, VirtioFeatures.RingReset))
        {
            Report(TransportRule.RingResetNotNegotiated, $"QueueReset = 0x{value:x} written (QueueSel {_queueSelect}) without VIRTIO_F_RING_RESET negotiated");
            return;
        }
        var queue = SelectedQueueOrReport("QueueReset");
        if (queue is null) return;
        if (value != 1)
        {
            Report(TransportRule.InvalidRegisterValue, $"QueueReset = 0x{value:x} for queue {_queueSelect}; only 1 (reset) is defined");
            return;
        }
        bool wasReady = queue.Ready;
        queue.Reset();
        if (wasReady) QueueDisabled?.Invoke((int)_queueSelect);
    }

    /// <summary>
    /// QueueNotify (4.2.3.3). Accepted only after DRIVER_OK, for an existing queue that is ready; otherwise reported
    /// (<see cref="QueueRule.InvalidNotification"/> or <see cref="QueueRule.QueueNotReady"/>) and ignored.
    /// </summary>
    private void Notify(uint value)
    {
        if (!_status.Has(DeviceStatus.DriverOk))
        {
            Report(QueueRule.InvalidNotification, $"QueueNotify 0x{value:x} with status {DeviceStatusMachine.Show(_status.Current)}; notifications start at DRIVER_OK");
            return;
        }
        bool withData = VirtioFeatures.Has(_features.Negotiated, VirtioFeatures.NotificationData);
        var notification = QueueNotification.Decode(value, withData);
        bool exists = (withData || value <= ushort.MaxValue) && notification.Queue < _queues.Length && _queues[notification.Queue].NumMax > 0;
        if (!exists)
        {
            Report(QueueRule.InvalidNotification, $"QueueNotify 0x{value:x} names queue {(withData ? notification.Queue : value)}; the device has {_queues.Length} queue(s)");
            return;
        }
        if (!_queues[notification.Queue].Ready)
        {
            Report(QueueRule.QueueNotReady, $"QueueNotify for queue {notification.Queue}, which is not ready");
            return;
        }
        Notified?.Invoke(notification);
    }
}
