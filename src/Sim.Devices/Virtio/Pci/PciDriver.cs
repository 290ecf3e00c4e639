using System.Numerics;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// The driver side of a virtio 1.x PCI function, after Linux <c>drivers/virtio/virtio_pci_modern.c</c> and
/// <c>virtio_pci_modern_dev.c</c>: enable the function, walk the capability list (<c>vp_modern_probe</c>), reset and
/// wait for device_status to read 0, the 3.1.1 sequence through the common configuration, MSI-X with one vector for
/// configuration changes (0) and one per queue (queue i → vector i + 1, <c>vp_find_vqs_msix</c>) or INTx#, and
/// DRIVER_OK. Every configuration-space and BAR access is counted in <see cref="Accesses"/>, since under a hypervisor
/// each one is a trap. Like <c>MmioDriver</c>, the driver keeps its own copy of the status and writes it with the next
/// bit added, reading device_status back only where 3.1.1 and 4.1.4.3.2 say to; it selects a queue once for all its
/// fields (Linux selects again in each helper).
/// </summary>
public sealed partial class PciDriver : ITransportDriver, IDriverStatusRegisters
{
    /// <summary>The message address the driver programs: an x86 guest's local APIC of CPU 0.</summary>
    public const ulong MessageAddress = 0xfee0_0000;
    /// <summary>The guest interrupt vector of MSI-X vector 0 (message data = this + MSI-X vector).</summary>
    public const uint FirstGuestVector = 0x30;
    /// <summary>The MSI-X vector for configuration changes (Linux <c>VP_MSIX_CONFIG_VECTOR</c>).</summary>
    public const ushort ConfigChangeVector = 0;
    /// <summary>How many times the driver reads device_status after a reset before it gives up on the device.</summary>
    public const int ResetReadLimit = 1000;

    private readonly IPciBus _bus;
    private readonly bool _useMsix;
    private readonly Dictionary<ushort, (ulong Offset, ushort Value)> _notifyTargets = [];
    private VirtioPciStructures? _structures;
    private bool _msixEnabled;
    private bool _notificationData;
    private bool _notifConfigData;

    /// <summary>A driver reaching its function through <paramref name="bus"/>, using MSI-X if <paramref name="useMsix"/> and the function has it, else INTx#.</summary>
    public PciDriver(IPciBus bus, bool useMsix = true)
    {
        ArgumentNullException.ThrowIfNull(bus);
        _bus = bus;
        _useMsix = useMsix;
    }

    /// <inheritdoc />
    public string Name => "pci";

    /// <summary>Whether the driver set the function up with MSI-X: each interrupt names its vector, and taking it reads nothing.</summary>
    public bool MessageSignalled => _msixEnabled;

    /// <summary>Configuration-space and BAR reads made so far.</summary>
    public long Reads { get; private set; }

    /// <summary>Configuration-space and BAR writes made so far.</summary>
    public long Writes { get; private set; }

    /// <summary>Accesses made so far (reads and writes).</summary>
    public long Accesses => Reads + Writes;

    /// <summary>The structures the capability walk found (null before the first walk, or when it failed).</summary>
    public VirtioPciStructures? Structures => _structures;

    /// <summary>
    /// Initialises the device: vendor and device ID; Memory Space Enable; the capability walk; Bus Master Enable; reset
    /// and read device_status until 0; ACKNOWLEDGE; DRIVER; the 64-bit device features (window 0 then 1); give up if a
    /// needed feature is not offered; write (wanted ∩ offered) | required; FEATURES_OK and read it back; num_queues;
    /// with MSI-X: enable it with the function masked, program one table entry per vector (address, data, unmasked),
    /// unmask the function, map config_msix_vector to 0 and read it back; per queue: queue_select, queue_size (0:
    /// unavailable), queue_enable (1: in use), queue_size, the three addresses, queue_msix_vector = index + 1 and read it
    /// back, queue_notify_off, queue_enable = 1; DRIVER_OK. A table too small for a vector per queue makes the driver
    /// use INTx# (Linux would first try one vector shared by all queues).
    /// </summary>
    public TransportInitResult Initialize(TransportInitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        long start = Accesses;
        TransportInitResult Stop(TransportInitFailure failure, string reason, ulong offered, DeviceStatus written) =>
            new(failure, reason, offered, 0, written, [], Accesses - start);

        ushort vendor = ReadConfig16(PciConfigHeader.VendorId), pciDevice = ReadConfig16(PciConfigHeader.DeviceId);
        if (vendor != VirtioPciIdentity.VendorId || VirtioPciIdentity.DeviceTypeOf(pciDevice) is null)
            return Stop(TransportInitFailure.NoDevice, $"PCI {vendor:x4}:{pciDevice:x4} is not a virtio 1.x function (vendor 1af4, device 1040-107f): left alone", 0, DeviceStatus.None);

        SetCommandBits(PciConfigHeader.CommandMemory); // pci_enable_device
        _structures = Probe(out string? problem);
        if (_structures is not { } found) return Stop(TransportInitFailure.MissingCapability, problem!, 0, DeviceStatus.None);
        SetCommandBits(PciConfigHeader.CommandMaster); // pci_set_master
        _msixEnabled = false;
        _notifyTargets.Clear();

        WriteCommon8(VirtioPciCommonCfg.DeviceStatus, 0);
        if (!AwaitReset(out byte stuck))
            return Stop(TransportInitFailure.NoDevice, $"device_status still reads 0x{stuck:x2} after a reset and {ResetReadLimit} reads", 0, DeviceStatus.None);
        var (negotiation, refusal, offered, accepted, status) = DriverNegotiation.Run(this, request);
        if (negotiation != TransportInitFailure.None) return Stop(negotiation, refusal!, offered, GiveUp(status));
        bool packed = VirtioFeatures.Has(accepted, VirtioFeatures.RingPacked);
        _notificationData = VirtioFeatures.Has(accepted, VirtioFeatures.NotificationData);
        _notifConfigData = VirtioFeatures.Has(accepted, VirtioFeatures.NotifConfigData);

        ushort numQueues = (ushort)ReadCommon(VirtioPciCommonCfg.NumQueues, 2);
        int vectors = request.Queues.Count == 0 ? 1 : request.Queues.Max(q => q.Index) + 2;
        if (found.Msix is { } msix)
        {
            if (_useMsix && msix.TableSize >= vectors) EnableMsix(msix, vectors);
            else if (msix.Enabled) WriteConfig16(msix.Capability + MsixCapability.MessageControl, 0);
        }
        if (_msixEnabled)
        {
            WriteCommon(VirtioPciCommonCfg.MsixConfig, 2, ConfigChangeVector);
            if (ReadCommon(VirtioPciCommonCfg.MsixConfig, 2) != ConfigChangeVector)
                return Stop(TransportInitFailure.VectorRefused, $"config_msix_vector reads back NO_VECTOR after mapping vector {ConfigChangeVector}", offered, GiveUp(status));
        }

        var configs = new List<QueueConfig>(request.Queues.Count);
        foreach (var setup in request.Queues)
        {
            if (setup.Index >= numQueues)
                return Stop(TransportInitFailure.QueueUnavailable, $"queue {setup.Index} is beyond num_queues {numQueues}", offered, GiveUp(status));
            WriteCommon(VirtioPciCommonCfg.QueueSelect, 2, setup.Index);
            ushort max = (ushort)ReadCommon(VirtioPciCommonCfg.QueueSize, 2);
            if (max == 0)
                return Stop(TransportInitFailure.QueueUnavailable, $"queue {setup.Index} reads queue_size 0: not available", offered, GiveUp(status));
            if (ReadCommon(VirtioPciCommonCfg.QueueEnable, 2) != 0)
                return Stop(TransportInitFailure.QueueInUse, $"queue {setup.Index} already reads queue_enable 1", offered, GiveUp(status));
            ushort size = QueueSize(setup.Size, max, packed);
            WriteCommon(VirtioPciCommonCfg.QueueSize, 2, size);
            WriteAddress(VirtioPciCommonCfg.QueueDescLow, setup.DescriptorArea);
            WriteAddress(VirtioPciCommonCfg.QueueDriverLow, setup.DriverArea);
            WriteAddress(VirtioPciCommonCfg.QueueDeviceLow, setup.DeviceArea);
            if (_msixEnabled)
            {
                ushort vector = (ushort)(setup.Index + 1);
                WriteCommon(VirtioPciCommonCfg.QueueMsixVector, 2, vector);
                if (ReadCommon(VirtioPciCommonCfg.QueueMsixVector, 2) != vector)
                    return Stop(TransportInitFailure.VectorRefused, $"queue {setup.Index}'s queue_msix_vector reads back NO_VECTOR after mapping vector {vector}", offered, GiveUp(status));
            }
            if (!LearnNotifyTarget(setup.Index, selected: true, out string? notifyProblem))
                return Stop(TransportInitFailure.MissingCapability, notifyProblem!, offered, GiveUp(status));
            WriteCommon(VirtioPciCommonCfg.QueueEnable, 2, 1);
            configs.Add(new QueueConfig(size, setup.DescriptorArea, setup.DriverArea, setup.DeviceArea, accepted));
        }

        status |= DeviceStatus.DriverOk;
        WriteCommon8(VirtioPciCommonCfg.DeviceStatus, (byte)status);
        return new TransportInitResult(TransportInitFailure.None, null, offered, accepted, status, configs, Accesses - start);
    }

    /// <summary>
    /// Reads configuration fields consistently (2.5.1): config_generation, the fields with <paramref name="readFields"/>
    /// through the device configuration structure, config_generation again, retried while it changed, at most
    /// <paramref name="maxAttempts"/> times.
    /// </summary>
    public ConfigSnapshot<T> ReadConfig<T>(Func<IConfigReader, T> readFields, int maxAttempts = 16)
    {
        ArgumentNullException.ThrowIfNull(readFields);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        var reader = new PciConfigReader(this, Probed().Device);
        for (int attempt = 1; ; attempt++)
        {
            uint before = ReadCommon(VirtioPciCommonCfg.ConfigGeneration, 1);
            T value = readFields(reader);
            uint after = ReadCommon(VirtioPciCommonCfg.ConfigGeneration, 1);
            if (before == after || attempt == maxAttempts)
                return new ConfigSnapshot<T>(value, after, attempt, before == after);
        }
    }

    /// <inheritdoc />
    /// <remarks>virtio-pci: device_status = 0, then read back until 0 (4.1.4.3.2, Linux <c>vp_reset</c>).</remarks>
    public bool Reset()
    {
        if (_structures is null) return false;
        WriteCommon8(VirtioPciCommonCfg.DeviceStatus, 0);
        return AwaitReset(out _);
    }

    /// <inheritdoc />
    /// <remarks>virtio-pci: queue_select, queue_reset = 1, then queue_reset read back until 0 (4.1.4.3.2, Linux <c>vp_modern_set_queue_reset</c>).</remarks>
    public bool ResetQueue(int queue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(queue);
        if (_structures is null) return false;
        WriteCommon(VirtioPciCommonCfg.QueueSelect, 2, (uint)queue);
        WriteCommon(VirtioPciCommonCfg.QueueReset, 2, 1);
        for (int read = 0; read < ResetReadLimit; read++)
            if (ReadCommon(VirtioPciCommonCfg.QueueReset, 2) == 0) return true;
        return false;
    }

    /// <inheritdoc />
    /// <remarks>virtio-pci: a write through the structure the VIRTIO_PCI_CAP_DEVICE_CFG capability points at (4.1.4.6).</remarks>
    public void WriteConfig(int offset, int width, uint value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var device = Probed().Device;
        WriteBar(device.Bar, device.Offset + (ulong)offset, width, value);
    }

    /// <summary>The virtio device type: the PCI device ID (one counted configuration read) less 0x1040; 0 if it is not a virtio 1.x device ID.</summary>
    public uint ReadDeviceType() => VirtioPciIdentity.DeviceTypeOf(ReadConfig16(PciConfigHeader.DeviceId)) ?? 0;

    /// <summary>
    /// An available buffer notification (4.1.5.2): the queue's index (or queue_notify_data with VIRTIO_F_NOTIF_CONFIG_DATA)
    /// as a 16-bit write at its notify address, or with VIRTIO_F_NOTIFICATION_DATA the 32-bit value with the next
    /// available position. A queue the driver did not set up has its notify address read first (queue_select,
    /// queue_notify_off), as Linux maps it lazily.
    /// </summary>
    public void Notify(QueueNotification notification)
    {
        if (!_notifyTargets.TryGetValue(notification.Queue, out var target))
        {
            // A queue whose notify address lies past the structure gets the write at its start: the device reports it.
            target = LearnNotifyTarget(notification.Queue, selected: false, out _) ? _notifyTargets[notification.Queue] : (Probed().Notify.Offset, notification.Queue);
        }
        int bar = Probed().Notify.Bar;
        if (_notificationData)
            WriteBar(bar, target.Offset, 4, (notification with { Queue = target.Value, HasData = true }).Encode());
        else
            WriteBar(bar, target.Offset, 2, target.Value);
    }

    /// <summary>
    /// Takes an interrupt (4.1.5.5). With MSI-X nothing is read: the interrupt controller accepts the message, vector 0
    /// is a configuration change and vector i + 1 is queue i. With INTx# the ISR status is read (one access, which
    /// clears it and de-asserts the line) and any queue may have used buffers.
    /// </summary>
    public TakenInterrupt TakeInterrupt(int vector)
    {
        if (_msixEnabled)
        {
            _bus.MessageTaken(vector);
            return vector == ConfigChangeVector ? new TakenInterrupt(false, TakenInterrupt.EveryQueue) : new TakenInterrupt(true, vector - 1);
        }
        var isr = (PciIsrStatus)ReadBar(Probed().Isr.Bar, Probed().Isr.Offset, 1);
        return new TakenInterrupt((isr & PciIsrStatus.Queue) != 0, TakenInterrupt.EveryQueue);
    }

    /// <summary>The size the driver writes: the wanted one (the maximum when 0) capped at the maximum; a power of two for split rings.</summary>
    private static ushort QueueSize(ushort wanted, ushort max, bool packed)
    {
        ushort size = wanted == 0 ? max : Math.Min(wanted, max);
        return packed ? size : (ushort)(1 << BitOperations.Log2(size));
    }

    private VirtioPciStructures Probed()
    {
        if (_structures is not null) return _structures;
        _structures = Probe(out string? problem);
        return _structures ?? throw new InvalidOperationException($"the driver cannot reach the device's virtio structures: {problem}");
    }
}
