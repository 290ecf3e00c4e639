using Sim.Devices.Virtio.Facilities;

namespace Sim.Devices.Virtio.Mmio;

/// <summary>Register reads and writes: access checks and dispatch (virtio 1.2, 4.2.2 and 4.2.2.2).</summary>
public sealed partial class MmioDevice
{
    /// <summary>
    /// A driver read of <paramref name="width"/> bytes at <paramref name="offset"/>. Control registers take 4-byte
    /// accesses only, the configuration space 1, 2 or 4; an illegal access is reported and reads 0.
    /// </summary>
    public uint ReadRegister(ulong offset, int width)
    {
        if (offset >= MmioRegister.Config) return _config.Read(offset - MmioRegister.Config, width);
        if (!CheckControlAccess(offset, width, write: false)) return 0;
        return offset switch
        {
            MmioRegister.MagicValue => MmioRegister.MmioMagic,
            MmioRegister.Version => MmioRegister.CurrentVersion,
            MmioRegister.DeviceId => _deviceId,
            MmioRegister.VendorId => _vendorId,
            MmioRegister.DeviceFeatures => _features.ReadDeviceWindow(),
            MmioRegister.QueueNumMax => SelectedQueue?.NumMax ?? 0u,
            MmioRegister.QueueReady => SelectedQueue?.Ready == true ? 1u : 0u,
            MmioRegister.InterruptStatus => (uint)_interruptStatus,
            MmioRegister.Status => (uint)_status.Current,
            // No shared memory regions: length and base of every region read as all ones (4.2.2, SHMLen/SHMBase).
            MmioRegister.ShmLenLow or MmioRegister.ShmLenHigh or MmioRegister.ShmBaseLow or MmioRegister.ShmBaseHigh => uint.MaxValue,
            // A queue reset completes at once here, so QueueReset always reads 0 (4.2.2.1).
            MmioRegister.QueueReset => 0,
            MmioRegister.ConfigGeneration => _config.Generation,
            _ => 0,
        };
    }

    /// <summary>
    /// A driver write of the low <paramref name="width"/> bytes of <paramref name="value"/> at <paramref name="offset"/>.
    /// An illegal access is reported and ignored.
    /// </summary>
    public void WriteRegister(ulong offset, int width, uint value)
    {
        if (offset >= MmioRegister.Config)
        {
            ulong at = offset - MmioRegister.Config;
            if (_config.Write(at, width, value)) ConfigWritten?.Invoke((int)at, width, value);
            return;
        }
        if (!CheckControlAccess(offset, width, write: true)) return;
        switch (offset)
        {
            case MmioRegister.DeviceFeaturesSel: _features.SelectDeviceWindow(value); break;
            case MmioRegister.DriverFeaturesSel: _features.SelectDriverWindow(value); break;
            case MmioRegister.DriverFeatures:
                bool inSequence = _status.Has(DeviceStatus.Driver) && !_status.Has(DeviceStatus.FeaturesOk);
                _features.WriteDriverWindow(value, inSequence, _status.Current);
                break;
            case MmioRegister.QueueSel: _queueSelect = value; break;
            case MmioRegister.QueueNum:
            case MmioRegister.QueueDescLow:
            case MmioRegister.QueueDescHigh:
            case MmioRegister.QueueDriverLow:
            case MmioRegister.QueueDriverHigh:
            case MmioRegister.QueueDeviceLow:
            case MmioRegister.QueueDeviceHigh:
                WriteQueueField(offset, value);
                break;
            case MmioRegister.QueueReady: WriteQueueReady(value); break;
            case MmioRegister.QueueReset: WriteQueueReset(value); break;
            case MmioRegister.QueueNotify: Notify(value); break;
            case MmioRegister.InterruptAck: AcknowledgeInterrupt(value); break;
            case MmioRegister.Status: WriteStatus(value); break;
            case MmioRegister.ShmSel: break; // no shared memory regions: every id reads as absent
        }
    }

    private bool CheckControlAccess(ulong offset, int width, bool write)
    {
        string verb = write ? "write" : "read";
        if (width != 4)
        {
            Report(TransportRule.RegisterAccessWidth, $"{width}-byte {verb} of {MmioRegister.NameOf(offset)}; control registers take aligned 4-byte accesses only");
            return false;
        }
        if (!MmioRegister.TryDescribe(offset, out string name, out var access))
        {
            Report(TransportRule.UndefinedRegister, $"{verb} of {MmioRegister.NameOf(offset)}, which a version 2 device does not have");
            return false;
        }
        if (!write && access == MmioRegisterAccess.Write)
        {
            Report(TransportRule.ReadOfWriteOnlyRegister, $"read of write-only {name} (0x{offset:x3})");
            return false;
        }
        if (write && access == MmioRegisterAccess.Read)
        {
            Report(TransportRule.WriteToReadOnlyRegister, $"write of read-only {name} (0x{offset:x3})");
            return false;
        }
        return true;
    }

    private void WriteStatus(uint value)
    {
        var change = _status.DriverWrite(value);
        if (change.IsReset) ResetTransport();
        else if ((change.Added & DeviceStatus.FeaturesOk) != 0 && !_features.TryAccept()) _status.RefuseFeaturesOk();
        if (change.Before != _status.Current) StatusChanged?.Invoke(change.Before, _status.Current);
    }

    private void AcknowledgeInterrupt(uint value)
    {
        const uint defined = (uint)(MmioInterrupt.UsedBuffer | MmioInterrupt.ConfigChange);
        if ((value & ~defined) != 0)
            Report(TransportRule.InvalidRegisterValue, $"InterruptACK 0x{value:x} sets undefined bits 0x{value & ~defined:x}; bits 0-1 are acknowledged");
        ClearInterrupt((MmioInterrupt)(value & defined));
    }
}
