using Sim.Devices.Virtio.Facilities;

namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// Interrupts (virtio 1.2, 4.1.4.5, 4.1.5.1.2, 4.1.5.3, 4.1.5.4). With MSI-X enabled, a queue's used-buffer
/// notification is a message on the queue's vector and a configuration change one on config_msix_vector; a message on a
/// vector whose last one the driver has not taken yet (<see cref="IPciBus.MessageTaken"/>) is merged with it, and one
/// on a masked vector waits in the Pending Bit Array until the vector is unmasked. With MSI-X disabled, the device sets
/// the ISR bit and asserts INTx# (unless the Command register disables it); reading the ISR clears it and de-asserts.
/// The configuration change bit of the ISR is set in both modes.
/// </summary>
public sealed partial class PciDevice
{
    /// <summary>The ISR status byte (what a driver read would return, and clear).</summary>
    public PciIsrStatus IsrStatus => _isr;

    /// <summary>Whether INTx# is asserted.</summary>
    public bool InterruptAsserted => _lineAsserted;

    /// <summary>config_msix_vector.</summary>
    public ushort ConfigVector => _configVector;

    /// <summary>The MSI-X table size (0: no MSI-X capability).</summary>
    public int MsixVectorCount => _msixTable.Length;

    /// <summary>queue_msix_vector of queue <paramref name="queue"/>.</summary>
    public ushort QueueVector(int queue) => Queue(queue).Vector;

    /// <summary>MSI-X table entry <paramref name="vector"/> as the driver programmed it.</summary>
    public MsixTableEntry MsixEntry(int vector) => _msixTable[vector];

    /// <summary>Whether a message on <paramref name="vector"/> was sent and the driver has not taken it yet.</summary>
    public bool MessagePending(int vector) => _messageInFlight[vector];

    /// <summary>The Pending Bit Array bit of <paramref name="vector"/>: a message waits for the vector to be unmasked.</summary>
    public bool PendingBit(int vector) => _pendingBits[vector];

    /// <summary>
    /// Device model: the device used buffers of <paramref name="queue"/> (4.1.5.3). Refused before DRIVER_OK (2.1.2) and,
    /// with MSI-X, when the queue's vector is VIRTIO_MSI_NO_VECTOR. With MSI-X: delivered on the queue's vector, or
    /// coalesced while a message on that vector is still pending (sent and not taken, or held masked in the PBA). With
    /// INTx#: ISR bit 0 is set, then delivered on vector 0, or coalesced while the line is already asserted (or held
    /// while INTx Disable is set).
    /// </summary>
    public InterruptRaise RaiseUsedBufferInterrupt(int queue)
    {
        var target = Queue(queue);
        if (!_status.Has(DeviceStatus.DriverOk)) return InterruptRaise.Refused;
        if (MsixEnabled) return target.Vector == VirtioPciCommonCfg.NoVector ? InterruptRaise.Refused : SendMessage(target.Vector);
        return AssertIntx(PciIsrStatus.Queue);
    }

    /// <inheritdoc />
    public int ConfigChangeVector => !MsixEnabled ? 0 : _configVector == VirtioPciCommonCfg.NoVector ? -1 : _configVector;

    /// <inheritdoc />
    public int UsedBufferVector(int queue) => !MsixEnabled ? 0 : Queue(queue).Vector is var v && v == VirtioPciCommonCfg.NoVector ? -1 : v;

    /// <inheritdoc />
    public void UsedBuffersDelivered(int vector)
    {
        if (!MsixEnabled) AssertIntx(PciIsrStatus.Queue);
        else if (vector >= 0 && vector < _messageInFlight.Length) _messageInFlight[vector] = true;
    }

    /// <summary>
    /// Device model: a configuration change notification (4.1.5.4). Sets the ISR configuration bit (4.1.4.5.1), then
    /// sends a message on config_msix_vector (refused if it is VIRTIO_MSI_NO_VECTOR) or asserts INTx#.
    /// </summary>
    public InterruptRaise RaiseConfigChangeInterrupt()
    {
        if (!MsixEnabled) return AssertIntx(PciIsrStatus.Config);
        _isr |= PciIsrStatus.Config;
        UpdateInterruptLine();
        return _configVector == VirtioPciCommonCfg.NoVector ? InterruptRaise.Refused : SendMessage(_configVector);
    }

    private PciQueue Queue(int queue)
    {
        if (queue < 0 || queue >= _queues.Length)
            throw new ArgumentOutOfRangeException(nameof(queue), queue, $"the device has {_queues.Length} queue(s)");
        return _queues[queue];
    }

    private InterruptRaise SendMessage(int vector)
    {
        if (_messageInFlight[vector] || _pendingBits[vector]) return InterruptRaise.Coalesced(vector);
        if (MsixFunctionMasked || _msixTable[vector].Masked)
        {
            _pendingBits[vector] = true;
            return InterruptRaise.Coalesced(vector);
        }
        _messageInFlight[vector] = true;
        return InterruptRaise.Deliver(vector);
    }

    private InterruptRaise AssertIntx(PciIsrStatus bits)
    {
        bool wasAsserted = _lineAsserted;
        _isr |= bits;
        UpdateInterruptLine();
        return wasAsserted || !_lineAsserted ? InterruptRaise.Coalesced(0) : InterruptRaise.Deliver(0);
    }

    /// <summary>The ISR status (4.1.4.5): a 1-byte read returns it, clears it and de-asserts INTx#.</summary>
    private uint ReadIsr(ulong offset, int width)
    {
        if (width != 1 || offset != Layout.Isr.Offset)
        {
            Report(TransportRule.RegisterAccessWidth, $"{width}-byte read at BAR + 0x{offset:x}; the ISR status is one byte at 0x{Layout.Isr.Offset:x}");
            return 0;
        }
        var value = _isr;
        _isr = PciIsrStatus.None;
        UpdateInterruptLine();
        return (uint)value;
    }

    /// <summary>INTx# follows the ISR while MSI-X is disabled and INTx is not disabled; the Status register's interrupt bit is the OR of the ISR bits while MSI-X is disabled (4.1.4.5.1).</summary>
    private void UpdateInterruptLine()
    {
        bool pending = !MsixEnabled && _isr != PciIsrStatus.None;
        ushort pciStatus = _configImage.Get16(PciConfigHeader.Status);
        _configImage.Set16(PciConfigHeader.Status, pending ? (ushort)(pciStatus | PciConfigHeader.StatusInterrupt) : (ushort)(pciStatus & ~PciConfigHeader.StatusInterrupt));
        bool asserted = pending && !IntxDisabled;
        if (asserted == _lineAsserted) return;
        _lineAsserted = asserted;
        InterruptLineChanged?.Invoke(asserted);
    }

    /// <summary>
    /// The vector a config_msix_vector or queue_msix_vector write maps (4.1.5.1.2): NO_VECTOR unmaps; a vector outside the
    /// table is a driver error and leaves the event unmapped; a mapping beyond the device's vector resources fails,
    /// which the driver sees as NO_VECTOR on read-back.
    /// </summary>
    private ushort MapVector(ushort vector, ushort current, string field)
    {
        if (vector == VirtioPciCommonCfg.NoVector) return vector;
        if (vector >= _msixTable.Length)
        {
            Report(TransportRule.VectorOutOfRange, $"{field} = {vector}, but the MSI-X table has {_msixTable.Length} entr{(_msixTable.Length == 1 ? "y" : "ies")}");
            return VirtioPciCommonCfg.NoVector;
        }
        if (_vectorResources is int limit && vector != current)
        {
            var inUse = _queues.Select(q => q.Vector).Append(_configVector).Where(v => v != VirtioPciCommonCfg.NoVector).ToList();
            inUse.Remove(current);
            if (!inUse.Contains(vector) && inUse.Distinct().Count() >= limit) return VirtioPciCommonCfg.NoVector;
        }
        return vector;
    }

    /// <summary>MSI-X table entries: aligned 4-byte accesses (PCI Local Bus 3.0, 6.8.2).</summary>
    private uint ReadMsixTable(ulong at, int width)
    {
        if (!CheckMsixAccess(at, width, "read of the MSI-X table")) return 0;
        var entry = _msixTable[at / MsixCapability.EntrySize];
        return (int)(at % MsixCapability.EntrySize) switch
        {
            MsixCapability.EntryAddressLow => (uint)entry.Address,
            MsixCapability.EntryAddressHigh => (uint)(entry.Address >> 32),
            MsixCapability.EntryData => entry.Data,
            _ => entry.Masked ? MsixCapability.VectorControlMask : 0,
        };
    }

    private void WriteMsixTable(ulong at, int width, uint value)
    {
        if (!CheckMsixAccess(at, width, "write of the MSI-X table")) return;
        int vector = (int)(at / MsixCapability.EntrySize);
        var entry = _msixTable[vector];
        _msixTable[vector] = (int)(at % MsixCapability.EntrySize) switch
        {
            MsixCapability.EntryAddressLow => entry with { Address = (entry.Address & 0xffff_ffff_0000_0000UL) | value },
            MsixCapability.EntryAddressHigh => entry with { Address = (entry.Address & 0xffff_ffffUL) | ((ulong)value << 32) },
            MsixCapability.EntryData => entry with { Data = value },
            _ => entry with { Masked = (value & MsixCapability.VectorControlMask) != 0 },
        };
        if (entry.Masked && !_msixTable[vector].Masked) SendReleasedMessages();
    }

    private uint ReadPba(ulong at, int width)
    {
        if (!CheckMsixAccess(at, width, "read of the MSI-X PBA")) return 0;
        uint bits = 0;
        for (int bit = 0; bit < 32; bit++)
        {
            int vector = (int)(at * 8) + bit;
            if (vector < _pendingBits.Length && _pendingBits[vector]) bits |= 1u << bit;
        }
        return bits;
    }

    private bool CheckMsixAccess(ulong at, int width, string what)
    {
        if (width == 4 && at % 4 == 0) return true;
        Report(TransportRule.RegisterAccessWidth, $"{width}-byte {what} at +0x{at:x}; MSI-X structures take aligned 4-byte accesses", "virtio 1.2, 4.1.1 ([PCI] 6.8.2: MSI-X table and PBA take aligned DWORD accesses)");
        return false;
    }

    /// <summary>Sends every message held in the PBA whose vector is now unmasked (and MSI-X enabled).</summary>
    private void SendReleasedMessages()
    {
        if (!MsixEnabled || MsixFunctionMasked) return;
        for (int vector = 0; vector < _pendingBits.Length; vector++)
        {
            if (!_pendingBits[vector] || _msixTable[vector].Masked) continue;
            _pendingBits[vector] = false;
            if (_messageInFlight[vector]) continue;
            _messageInFlight[vector] = true;
            PendingMessageSent?.Invoke(vector);
        }
    }
}
