using Sim.Devices.Virtio.Facilities;

namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// The common configuration structure (virtio 1.2, 4.1.4.3): every field accessed with exactly its width (4.1.3.1),
/// the read-only ones never written (4.1.4.3.2), device_status through the shared status machine with FEATURES_OK
/// checked by the shared feature negotiation, and the reset read-back the driver must wait for.
/// </summary>
public sealed partial class PciDevice
{
    private uint ReadCommon(int at, int width)
    {
        if (!TryCommonField(at, width, "read", out var field)) return 0;
        var queue = SelectedQueue;
        switch (field.Offset)
        {
            case VirtioPciCommonCfg.DeviceFeatureSelect: return _deviceFeatureSelect;
            case VirtioPciCommonCfg.DeviceFeature: return _features.ReadDeviceWindow();
            case VirtioPciCommonCfg.DriverFeatureSelect: return _driverFeatureSelect;
            case VirtioPciCommonCfg.DriverFeature: return Window(_features.DriverFeatures, _driverFeatureSelect);
            case VirtioPciCommonCfg.MsixConfig: return _configVector;
            case VirtioPciCommonCfg.NumQueues: return (uint)_queues.Length;
            case VirtioPciCommonCfg.DeviceStatus:
                if (_status.Current == DeviceStatus.None) _resetAwaitingReadBack = false;
                return (uint)_status.Current;
            case VirtioPciCommonCfg.ConfigGeneration: return _configGeneration;
            case VirtioPciCommonCfg.QueueSelect: return _queueSelect;
            case VirtioPciCommonCfg.QueueSize: return queue?.Registers.Num ?? 0;
            case VirtioPciCommonCfg.QueueMsixVector: return queue?.Vector ?? VirtioPciCommonCfg.NoVector;
            case VirtioPciCommonCfg.QueueEnable: return queue?.Registers.Ready == true ? 1u : 0u;
            case VirtioPciCommonCfg.QueueNotifyOff: return queue?.NotifyOff ?? 0;
            case VirtioPciCommonCfg.QueueDescLow: return (uint)(queue?.Registers.DescriptorArea ?? 0);
            case VirtioPciCommonCfg.QueueDescHigh: return (uint)((queue?.Registers.DescriptorArea ?? 0) >> 32);
            case VirtioPciCommonCfg.QueueDriverLow: return (uint)(queue?.Registers.DriverArea ?? 0);
            case VirtioPciCommonCfg.QueueDriverHigh: return (uint)((queue?.Registers.DriverArea ?? 0) >> 32);
            case VirtioPciCommonCfg.QueueDeviceLow: return (uint)(queue?.Registers.DeviceArea ?? 0);
            case VirtioPciCommonCfg.QueueDeviceHigh: return (uint)((queue?.Registers.DeviceArea ?? 0) >> 32);
            // The trivial queue_notify_data the spec describes: the queue's own index (VIRTIO_F_NOTIF_CONFIG_DATA).
            case VirtioPciCommonCfg.QueueNotifyData: return queue?.Index ?? 0;
            // A queue reset completes at once here, so queue_reset always reads 0 (4.1.4.3.1).
            case VirtioPciCommonCfg.QueueReset: return 0;
            default: return 0;
        }
    }

    private void WriteCommon(int at, int width, uint value)
    {
        if (!TryCommonField(at, width, "write", out var field)) return;
        if (field.ReadOnly)
        {
            Report(TransportRule.WriteToReadOnlyRegister, $"write of 0x{value:x} to read-only {field}");
            return;
        }
        switch (field.Offset)
        {
            case VirtioPciCommonCfg.DeviceFeatureSelect:
                _deviceFeatureSelect = value;
                _features.SelectDeviceWindow(value);
                break;
            case VirtioPciCommonCfg.DriverFeatureSelect:
                _driverFeatureSelect = value;
                _features.SelectDriverWindow(value);
                break;
            case VirtioPciCommonCfg.DriverFeature:
                bool inSequence = _status.Has(DeviceStatus.Driver) && !_status.Has(DeviceStatus.FeaturesOk);
                _features.WriteDriverWindow(value, inSequence, _status.Current);
                break;
            case VirtioPciCommonCfg.MsixConfig: _configVector = MapVector((ushort)value, _configVector, "config_msix_vector"); break;
            case VirtioPciCommonCfg.DeviceStatus: WriteStatus(value); break;
            case VirtioPciCommonCfg.QueueSelect: _queueSelect = (ushort)value; break;
            case VirtioPciCommonCfg.QueueSize: WriteQueueSize(value); break;
            case VirtioPciCommonCfg.QueueMsixVector: WriteQueueVector((ushort)value); break;
            case VirtioPciCommonCfg.QueueEnable: WriteQueueEnable(value); break;
            case VirtioPciCommonCfg.QueueReset: WriteQueueReset(value); break;
            default: WriteQueueAddress(field, value); break;
        }
    }

    private bool TryCommonField(int at, int width, string verb, out CommonCfgField field)
    {
        if (!VirtioPciCommonCfg.TryFind(at, out field))
        {
            Outside(Layout.Common.Offset + (ulong)at, width, verb);
            return false;
        }
        if (field.Offset != at || field.Width != width)
        {
            Report(TransportRule.RegisterAccessWidth, $"{width}-byte {verb} at common+{at}; {field.Name} is a {field.Width}-byte field at common+{field.Offset}");
            return false;
        }
        return true;
    }

    /// <summary>
    /// device_status. 0 resets the device, which the driver must see read back as 0 before it writes anything else
    /// (4.1.4.3.2); FEATURES_OK is kept only if the shared negotiation accepts the driver's features (2.2.2).
    /// </summary>
    private void WriteStatus(uint value)
    {
        if (value != 0 && _resetAwaitingReadBack)
        {
            Report(TransportRule.ResetNotAwaited, $"device_status = 0x{value:x2} written after a reset, before device_status was read back as 0");
            return;
        }
        var change = _status.DriverWrite(value);
        if (change.IsReset) ResetTransport();
        else if ((change.Added & DeviceStatus.FeaturesOk) != 0 && !_features.TryAccept()) _status.RefuseFeaturesOk();
        if (change.Before != _status.Current) StatusChanged?.Invoke(change.Before, _status.Current);
    }

    private static uint Window(ulong bits, uint select) => select switch
    {
        0 => (uint)bits,
        1 => (uint)(bits >> 32),
        _ => 0,
    };
}
