using System.Numerics;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// The device side of a virtio 1.x (non-transitional) PCI function (virtio 1.2, 4.1; QEMU <c>hw/virtio/virtio-pci.c</c>):
/// a 256-byte configuration space whose capability list names the common configuration, notification, ISR, device and
/// PCI-configuration-access structures and carries an MSI-X capability (<see cref="PciCapabilityPlacement"/>), and one
/// memory BAR holding those structures, the MSI-X table and the PBA (<see cref="PciBarLayout"/>). Device status,
/// feature negotiation and the per-queue registers are the shared facilities. No timing: actors call in.
/// Driver misuse goes to the <see cref="ITransportViolationSink"/> (citing section 4.1, <see cref="PciRuleSections"/>)
/// and never throws; misuse by the device model (bad constructor arguments, a config update that does not fit, a queue
/// it does not have) throws.
/// </summary>
public sealed partial class PciDevice : IPciBus, ITransportDevice
{
    /// <summary>The largest queue size a device may offer (virtio 1.2, 2.7 / 2.8).</summary>
    public const int MaxQueueSize = 32768;

    // Identity.
    private readonly uint _deviceType;
    private readonly ushort _subsystemVendorId;

    // Transport state (the shared facilities and the common configuration's own fields).
    private readonly ITransportViolationSink _violations;
    private readonly DeviceStatusMachine _status;
    private readonly FeatureNegotiation _features;
    private readonly PciQueue[] _queues;
    private readonly ConfigSpace _config;
    private uint _deviceFeatureSelect;
    private uint _driverFeatureSelect;
    private ushort _queueSelect;
    private ushort _configVector = VirtioPciCommonCfg.NoVector;
    private bool _resetAwaitingReadBack;
    private byte _configGeneration;
    private uint _configChangesSeen;

    // Interrupts (ISR and INTx#, MSI-X).
    private readonly int? _vectorResources;
    private readonly MsixTableEntry[] _msixTable;
    private readonly bool[] _pendingBits;
    private readonly bool[] _messageInFlight;
    private PciIsrStatus _isr;
    private bool _lineAsserted;

    // PCI function.
    private readonly PciConfigImage _configImage = new();

    /// <summary>
    /// A function for virtio device type <paramref name="deviceType"/> (1 to 63) offering <paramref name="deviceFeatures"/>,
    /// one queue per entry of <paramref name="queueSizeMax"/> (its maximum size: 0 makes the queue unavailable, otherwise a
    /// power of two up to 32768, since queue_size must read 0 or a power of two unless packed rings are negotiated,
    /// 4.1.4.3.1), the initial device configuration <paramref name="configSpace"/> (at most 4 KiB) and subsystem vendor
    /// <paramref name="subsystemVendorId"/>.
    /// </summary>
    public PciDevice(uint deviceType, ushort subsystemVendorId, ulong deviceFeatures, IReadOnlyList<ushort> queueSizeMax,
        ReadOnlySpan<byte> configSpace, ITransportViolationSink violations, PciDeviceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(queueSizeMax);
        ArgumentNullException.ThrowIfNull(violations);
        options ??= PciDeviceOptions.Default;
        if (deviceType is 0 or > VirtioPciIdentity.MaxDeviceType)
            throw new ArgumentOutOfRangeException(nameof(deviceType), deviceType, $"a non-transitional virtio-pci device type is 1 to {VirtioPciIdentity.MaxDeviceType} (PCI device ID 0x1041 to 0x107f)");
        if (queueSizeMax.Count > PciBarLayout.MaxQueues)
            throw new ArgumentOutOfRangeException(nameof(queueSizeMax), queueSizeMax.Count, $"at most {PciBarLayout.MaxQueues} queues");
        foreach (ushort max in queueSizeMax)
        {
            if (max > MaxQueueSize || (max != 0 && !BitOperations.IsPow2(max)))
                throw new ArgumentOutOfRangeException(nameof(queueSizeMax), max, $"a queue's maximum size is 0 or a power of two up to {MaxQueueSize}");
        }
        int vectors = options.MsixVectors ?? queueSizeMax.Count + 1;
        if (vectors is < 0 or > MsixCapability.MaxVectors)
            throw new ArgumentOutOfRangeException(nameof(options), vectors, $"MsixVectors is 0 to {MsixCapability.MaxVectors}");
        if (options.VectorResources is < 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.VectorResources, "VectorResources is not negative");

        _deviceType = deviceType;
        _subsystemVendorId = subsystemVendorId;
        _violations = violations;
        _status = new DeviceStatusMachine(violations);
        _features = new FeatureNegotiation(deviceFeatures, violations);
        SelectDefaultFeatureWindows();
        _queues = queueSizeMax.Select((max, index) => new PciQueue((ushort)index, max)).ToArray();
        _config = new ConfigSpace(configSpace, violations);
        Layout = PciBarLayout.For(_queues.Length, configSpace.Length, vectors);
        _vectorResources = options.VectorResources;
        _msixTable = Enumerable.Repeat(new MsixTableEntry(0, 0, Masked: true), vectors).ToArray();
        _pendingBits = new bool[vectors];
        _messageInFlight = new bool[vectors];
        BuildConfigSpace(options);
    }

    /// <summary>A queue was enabled (queue_enable = 1 accepted): its index and configuration.</summary>
    public event Action<int, QueueConfig>? QueueEnabled;

    /// <summary>An enabled queue stopped: a queue reset (not raised for a device reset; see <see cref="DeviceReset"/>).</summary>
    public event Action<int>? QueueDisabled;

    /// <summary>An accepted available buffer notification (after DRIVER_OK, for an enabled queue).</summary>
    public event Action<QueueNotification>? Notified;

    /// <summary>The driver wrote 0 to device_status: every field of the common configuration is back to its reset value.</summary>
    public event Action? DeviceReset;

    /// <summary>The status changed (before, after), by the driver or the device.</summary>
    public event Action<DeviceStatus, DeviceStatus>? StatusChanged;

    /// <summary>The driver wrote the device-specific configuration: offset from its start, width, value.</summary>
    public event Action<int, int, uint>? ConfigWritten;

    /// <summary>INTx# changed level (true: asserted).</summary>
    public event Action<bool>? InterruptLineChanged;

    /// <summary>A message held in the PBA while its vector was masked was sent when the driver unmasked it: the vector.</summary>
    public event Action<int>? PendingMessageSent;

    /// <summary>The virtio device type (virtio 1.2, 5).</summary>
    public uint DeviceId => _deviceType;

    /// <summary>The PCI device ID: 0x1040 + the device type (4.1.2).</summary>
    public ushort PciDeviceId => VirtioPciIdentity.DeviceIdFor(_deviceType);

    /// <summary>The PCI subsystem vendor ID.</summary>
    public ushort SubsystemVendorId => _subsystemVendorId;

    /// <summary>Where the structures sit in the BAR.</summary>
    public PciBarLayout Layout { get; }

    /// <summary>The features the device offers.</summary>
    public ulong DeviceFeatures => _features.DeviceFeatures;

    /// <summary>The negotiated features: the driver's set once the device accepted FEATURES_OK, else 0.</summary>
    public ulong NegotiatedFeatures => _features.Negotiated;

    /// <summary>The device status.</summary>
    public DeviceStatus Status => _status.Current;

    /// <summary>The number of queues (num_queues; available or not).</summary>
    public int QueueCount => _queues.Length;

    /// <summary>The configuration space, as the driver would read it (the capability list included).</summary>
    public ReadOnlySpan<byte> ConfigSpaceBytes => _configImage.Bytes;

    /// <summary>The device-specific configuration contents.</summary>
    public ReadOnlySpan<byte> DeviceConfigBytes => _config.Bytes;

    /// <summary>config_generation as the driver would read it now.</summary>
    public byte ConfigGeneration => _configGeneration;

    /// <summary>The configuration of queue <paramref name="queue"/> if the driver enabled it, else null.</summary>
    public QueueConfig? GetQueueConfig(int queue) =>
        queue >= 0 && queue < _queues.Length && _queues[queue].Registers.Ready ? _queues[queue].Registers.ToConfig(_features.Negotiated) : null;

    /// <summary>
    /// Device model: changes configuration bytes at <paramref name="offset"/> (the driver sees a new config_generation
    /// once it reads the configuration, 4.1.4.3.1) and, once DRIVER_OK is set and <paramref name="notify"/> is true,
    /// sends a configuration change notification.
    /// </summary>
    public void UpdateConfig(int offset, ReadOnlySpan<byte> bytes, bool notify = true)
    {
        _config.Update(offset, bytes);
        if (notify && _status.Has(DeviceStatus.DriverOk)) RaiseConfigChangeInterrupt();
    }

    /// <summary>
    /// Device model: the device hit an error it cannot recover from. Sets DEVICE_NEEDS_RESET and, if DRIVER_OK is set,
    /// sends the configuration change notification the spec requires (2.1.2).
    /// </summary>
    public void SetNeedsReset()
    {
        var before = _status.Current;
        _status.SetNeedsReset();
        if (before != _status.Current) StatusChanged?.Invoke(before, _status.Current);
        if (_status.Has(DeviceStatus.DriverOk)) RaiseConfigChangeInterrupt();
    }

    /// <summary>Device reset (device_status = 0, 4.1.4.3.1): the common configuration back to its reset values; the device configuration, its generation and the PCI function (command, MSI-X) stay.</summary>
    private void ResetTransport()
    {
        _features.Reset();
        SelectDefaultFeatureWindows();
        foreach (var queue in _queues) queue.Reset();
        _queueSelect = 0;
        _configVector = VirtioPciCommonCfg.NoVector;
        _isr = PciIsrStatus.None;
        UpdateInterruptLine();
        _resetAwaitingReadBack = true;
        DeviceReset?.Invoke();
    }

    /// <summary>The feature selectors are read-write fields that reset to 0 (4.1.4.3), not registers that must be written before use.</summary>
    private void SelectDefaultFeatureWindows()
    {
        _deviceFeatureSelect = _driverFeatureSelect = 0;
        _features.SelectDeviceWindow(0);
        _features.SelectDriverWindow(0);
    }

    private void Report(TransportRule rule, string detail, string? section = null) =>
        _violations.Violation(PciRuleSections.Violation(rule, detail, section));

    private void Report(QueueRule rule, string detail) => _violations.Violation(PciRuleSections.Violation(rule, detail));
}
