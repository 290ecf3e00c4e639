namespace Sim.Devices.Virtio.Facilities;

/// <summary>
/// The device's half of feature negotiation over 32-bit windows (virtio 1.2, 2.2 and 4.2.2: DeviceFeatures /
/// DeviceFeaturesSel, DriverFeatures / DriverFeaturesSel). Window <c>sel</c> holds bits 32·sel to 32·sel+31; windows
/// above 1 read as 0 and may only be written with 0. When the driver sets FEATURES_OK the device accepts the written
/// set only if it is a subset of what it offers and contains VIRTIO_F_VERSION_1 (<see cref="TryAccept"/>).
/// </summary>
public sealed class FeatureNegotiation
{
    private readonly ITransportViolationSink _violations;
    private uint _deviceSelect;
    private uint _driverSelect;
    private bool _deviceSelectWritten;
    private bool _driverSelectWritten;
    private uint _unofferedWindow;

    /// <summary>Negotiation for a device offering <paramref name="deviceFeatures"/>.</summary>
    public FeatureNegotiation(ulong deviceFeatures, ITransportViolationSink violations)
    {
        DeviceFeatures = deviceFeatures;
        _violations = violations;
    }

    /// <summary>The bits the device offers.</summary>
    public ulong DeviceFeatures { get; }

    /// <summary>The bits the driver has written to DriverFeatures since reset.</summary>
    public ulong DriverFeatures { get; private set; }

    /// <summary>Whether the device accepted the driver's features at FEATURES_OK.</summary>
    public bool Accepted { get; private set; }

    /// <summary>The negotiated bits: <see cref="DriverFeatures"/> once <see cref="Accepted"/>, else 0.</summary>
    public ulong Negotiated => Accepted ? DriverFeatures : 0;

    /// <summary>A write to DeviceFeaturesSel.</summary>
    public void SelectDeviceWindow(uint select)
    {
        _deviceSelect = select;
        _deviceSelectWritten = true;
    }

    /// <summary>A read of DeviceFeatures: the selected 32-bit window of <see cref="DeviceFeatures"/>.</summary>
    public uint ReadDeviceWindow()
    {
        if (!_deviceSelectWritten)
            Report(TransportRule.FeatureSelectorNotWritten, "DeviceFeatures read before DeviceFeaturesSel was written; serving window 0");
        return Window(DeviceFeatures, _deviceSelect);
    }

    /// <summary>A write to DriverFeaturesSel.</summary>
    public void SelectDriverWindow(uint select)
    {
        _driverSelect = select;
        _driverSelectWritten = true;
    }

    /// <summary>
    /// A write to DriverFeatures. <paramref name="inSequence"/>: the status allows it (DRIVER set, FEATURES_OK not yet);
    /// otherwise the write is reported and ignored, so the negotiated set never changes after FEATURES_OK.
    /// </summary>
    public void WriteDriverWindow(uint value, bool inSequence, DeviceStatus status)
    {
        if (!inSequence)
        {
            Report(TransportRule.DriverFeaturesOutOfSequence, $"DriverFeatures 0x{value:x8} (window {_driverSelect}) written with status {DeviceStatusMachine.Show(status)}; features are written after DRIVER and before FEATURES_OK");
            return;
        }
        if (!_driverSelectWritten)
            Report(TransportRule.FeatureSelectorNotWritten, "DriverFeatures written before DriverFeaturesSel was written; using window 0");
        switch (_driverSelect)
        {
            case 0: DriverFeatures = (DriverFeatures & 0xffff_ffff_0000_0000UL) | value; break;
            case 1: DriverFeatures = (DriverFeatures & 0x0000_0000_ffff_ffffUL) | ((ulong)value << 32); break;
            default: if (value != 0) _unofferedWindow = _driverSelect; break;
        }
    }

    /// <summary>
    /// The driver set FEATURES_OK: accept the written features if the device offers all of them and VIRTIO_F_VERSION_1
    /// is among them. Driver misuse (a bit not offered, VERSION_1 offered but not taken) is reported; a device that does
    /// not offer VERSION_1 refuses without a violation (the fault is the device's).
    /// </summary>
    public bool TryAccept()
    {
        ulong notOffered = DriverFeatures & ~DeviceFeatures;
        bool version1 = VirtioFeatures.Has(DriverFeatures, VirtioFeatures.Version1);
        if (notOffered != 0)
            Report(TransportRule.FeatureNotOffered, $"driver accepted 0x{notOffered:x} which the device does not offer (device 0x{DeviceFeatures:x}, driver 0x{DriverFeatures:x})");
        if (_unofferedWindow != 0)
            Report(TransportRule.FeatureNotOffered, $"driver accepted bits in feature window {_unofferedWindow} (bits {32 * (ulong)_unofferedWindow}+), which the device does not offer");
        if (!version1 && VirtioFeatures.Has(DeviceFeatures, VirtioFeatures.Version1))
            Report(TransportRule.Version1NotAccepted, $"driver features 0x{DriverFeatures:x} lack VIRTIO_F_VERSION_1, which the device offers");
        Accepted = notOffered == 0 && _unofferedWindow == 0 && version1;
        return Accepted;
    }

    /// <summary>Device reset: selectors, driver features and the negotiated set back to 0.</summary>
    public void Reset()
    {
        _deviceSelect = _driverSelect = _unofferedWindow = 0;
        _deviceSelectWritten = _driverSelectWritten = false;
        DriverFeatures = 0;
        Accepted = false;
    }

    private static uint Window(ulong features, uint select) => select switch
    {
        0 => (uint)features,
        1 => (uint)(features >> 32),
        _ => 0,
    };

    private void Report(TransportRule rule, string detail) => _violations.Violation(TransportViolation.Of(rule, detail));
}
