using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Virtio.Mmio;

/// <summary>
/// The driver side of a virtio-mmio transport: the initialisation sequence of virtio 1.2, 3.1.1 with the MMIO
/// specifics of 4.2.3 (after Linux <c>drivers/virtio/virtio_mmio.c</c>), configuration reads with the generation
/// loop of 2.5.1, notifications and interrupt handling. Every register access goes through the <see cref="IMmioBus"/>
/// and is counted, since under a hypervisor each one is an exit. The driver keeps its own copy of the status and
/// writes it with the next bit added (no read-modify-write), reading Status back only where 3.1.1 says to.
/// </summary>
public sealed class MmioDriver : ITransportDriver, IDriverStatusRegisters
{
    private readonly IMmioBus _bus;
    private readonly MmioConfigReader _configReader;
    private bool _notificationData;

    /// <summary>A driver reaching its device through <paramref name="bus"/>.</summary>
    public MmioDriver(IMmioBus bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        _bus = bus;
        _configReader = new MmioConfigReader(this);
    }

    /// <inheritdoc />
    public string Name => "mmio";

    /// <inheritdoc />
    public bool MessageSignalled => false;

    /// <summary>Register reads made so far.</summary>
    public long Reads { get; private set; }

    /// <summary>Register writes made so far.</summary>
    public long Writes { get; private set; }

    /// <summary>Register accesses made so far.</summary>
    public long Accesses => Reads + Writes;

    /// <summary>
    /// Initialises the device: check MagicValue, Version 2 and DeviceID; reset; ACKNOWLEDGE; DRIVER; read the 64-bit
    /// device features; give up if a needed feature is not offered; write (wanted ∩ offered) | required; FEATURES_OK and read it back (gone: set FAILED, feature
    /// negotiation failed); set up each queue (QueueSel, QueueReady must read 0, QueueNumMax, QueueNum, the three
    /// addresses, QueueReady = 1); DRIVER_OK.
    /// </summary>
    public TransportInitResult Initialize(TransportInitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        long start = Accesses;
        TransportInitResult Stop(TransportInitFailure failure, string reason, ulong offered, DeviceStatus written) =>
            new(failure, reason, offered, 0, written, [], Accesses - start);

        uint magic = Read(MmioRegister.MagicValue);
        if (magic != MmioRegister.MmioMagic)
            return Stop(TransportInitFailure.BadMagic, $"MagicValue 0x{magic:x8}, expected 0x{MmioRegister.MmioMagic:x8}: device ignored", 0, DeviceStatus.None);
        uint version = Read(MmioRegister.Version);
        if (version != MmioRegister.CurrentVersion)
            return Stop(TransportInitFailure.UnsupportedVersion, $"Version {version}, expected {MmioRegister.CurrentVersion}: device ignored", 0, DeviceStatus.None);
        if (Read(MmioRegister.DeviceId) == 0)
            return Stop(TransportInitFailure.NoDevice, "DeviceID 0: a placeholder, left alone", 0, DeviceStatus.None);

        Write(MmioRegister.Status, 0);
        var (negotiation, problem, offered, accepted, status) = DriverNegotiation.Run(this, request);
        if (negotiation != TransportInitFailure.None) return Stop(negotiation, problem!, offered, GiveUp(status));

        var configs = new List<QueueConfig>(request.Queues.Count);
        foreach (var setup in request.Queues)
        {
            Write(MmioRegister.QueueSel, setup.Index);
            if (Read(MmioRegister.QueueReady) != 0)
                return Stop(TransportInitFailure.QueueInUse, $"queue {setup.Index} already reads QueueReady 1", offered, GiveUp(status));
            uint max = Read(MmioRegister.QueueNumMax);
            if (max == 0)
                return Stop(TransportInitFailure.QueueUnavailable, $"queue {setup.Index} reads QueueNumMax 0: not available", offered, GiveUp(status));
            ushort size = (ushort)(setup.Size == 0 ? Math.Min(max, MmioDevice.MaxQueueSize) : Math.Min(setup.Size, max));
            Write(MmioRegister.QueueNum, size);
            WriteAddress(MmioRegister.QueueDescLow, setup.DescriptorArea);
            WriteAddress(MmioRegister.QueueDriverLow, setup.DriverArea);
            WriteAddress(MmioRegister.QueueDeviceLow, setup.DeviceArea);
            Write(MmioRegister.QueueReady, 1);
            configs.Add(new QueueConfig(size, setup.DescriptorArea, setup.DriverArea, setup.DeviceArea, accepted));
        }

        status |= DeviceStatus.DriverOk;
        Write(MmioRegister.Status, (uint)status);
        _notificationData = VirtioFeatures.Has(accepted, VirtioFeatures.NotificationData);
        return new TransportInitResult(TransportInitFailure.None, null, offered, accepted, status, configs, Accesses - start);
    }

    /// <summary>
    /// Reads configuration fields consistently (2.5.1): read ConfigGeneration, read the fields with
    /// <paramref name="readFields"/>, read ConfigGeneration again, and retry while it changed, at most
    /// <paramref name="maxAttempts"/> times.
    /// </summary>
    public ConfigSnapshot<T> ReadConfig<T>(Func<IConfigReader, T> readFields, int maxAttempts = 16)
    {
        ArgumentNullException.ThrowIfNull(readFields);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        for (int attempt = 1; ; attempt++)
        {
            uint before = Read(MmioRegister.ConfigGeneration);
            T value = readFields(_configReader);
            uint after = Read(MmioRegister.ConfigGeneration);
            if (before == after || attempt == maxAttempts)
                return new ConfigSnapshot<T>(value, after, attempt, before == after);
        }
    }

    /// <inheritdoc />
    public uint ReadDeviceType() => Read(MmioRegister.DeviceId);

    /// <inheritdoc />
    public void WriteConfig(int offset, int width, uint value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        Writes++;
        _bus.Write(MmioRegister.Config + (ulong)offset, width, value);
    }

    /// <inheritdoc />
    /// <remarks>virtio-mmio: one write of 0 to Status (4.2.3.1.1); the reset is done when the write returns.</remarks>
    public bool Reset()
    {
        Write(MmioRegister.Status, 0);
        return true;
    }

    /// <inheritdoc />
    /// <remarks>virtio-mmio: QueueSel, QueueReset = 1, then QueueReset read back until 0 (4.2.3.1.1 / 2.6.1.1.2).</remarks>
    public bool ResetQueue(int queue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(queue);
        Write(MmioRegister.QueueSel, (uint)queue);
        Write(MmioRegister.QueueReset, 1);
        return Read(MmioRegister.QueueReset) == 0;
    }

    /// <summary>
    /// Sends an available buffer notification carrying the next available position when VIRTIO_F_NOTIFICATION_DATA was
    /// negotiated, else the queue index alone (4.2.3.3).
    /// </summary>
    public void Notify(QueueNotification notification) =>
        Write(MmioRegister.QueueNotify, _notificationData ? (notification with { HasData = true }).Encode() : notification.Queue);

    /// <summary>Handles an interrupt (4.2.3.4): reads InterruptStatus and acknowledges exactly those bits; returns them.</summary>
    public MmioInterrupt HandleInterrupt()
    {
        var pending = (MmioInterrupt)Read(MmioRegister.InterruptStatus);
        if (pending != MmioInterrupt.None) Write(MmioRegister.InterruptAck, (uint)pending);
        return pending;
    }

    /// <inheritdoc />
    /// <remarks>virtio-mmio has one interrupt line: <paramref name="vector"/> is always 0.</remarks>
    public TakenInterrupt TakeInterrupt(int vector) => new((HandleInterrupt() & MmioInterrupt.UsedBuffer) != 0, TakenInterrupt.EveryQueue);

    internal uint ReadAt(ulong offset, int width)
    {
        Reads++;
        return _bus.Read(offset, width);
    }

    private uint Read(ulong offset) => ReadAt(offset, 4);

    private void Write(ulong offset, uint value)
    {
        Writes++;
        _bus.Write(offset, 4, value);
    }

    void IDriverStatusRegisters.WriteStatus(DeviceStatus status) => Write(MmioRegister.Status, (uint)status);

    DeviceStatus IDriverStatusRegisters.ReadStatus() => (DeviceStatus)(byte)Read(MmioRegister.Status);

    /// <summary>Device features, high window then low (as Linux <c>vm_get_features</c>), selector written before each read.</summary>
    ulong IDriverStatusRegisters.ReadDeviceFeatures()
    {
        Write(MmioRegister.DeviceFeaturesSel, 1);
        ulong high = Read(MmioRegister.DeviceFeatures);
        Write(MmioRegister.DeviceFeaturesSel, 0);
        ulong low = Read(MmioRegister.DeviceFeatures);
        return (high << 32) | low;
    }

    /// <summary>Driver features, high window then low, selector written before each write.</summary>
    void IDriverStatusRegisters.WriteDriverFeatures(ulong features)
    {
        Write(MmioRegister.DriverFeaturesSel, 1);
        Write(MmioRegister.DriverFeatures, (uint)(features >> 32));
        Write(MmioRegister.DriverFeaturesSel, 0);
        Write(MmioRegister.DriverFeatures, (uint)features);
    }

    /// <summary>Writes a 64-bit address to the Low register at <paramref name="low"/> and its High neighbour at +4.</summary>
    private void WriteAddress(ulong low, ulong address)
    {
        Write(low, (uint)address);
        Write(low + 4, (uint)(address >> 32));
    }

    /// <summary>Sets FAILED on top of the status the driver knows (3.1.1: the device is unusable); returns what it wrote.</summary>
    private DeviceStatus GiveUp(DeviceStatus known)
    {
        var failed = known | DeviceStatus.Failed;
        Write(MmioRegister.Status, (uint)failed);
        return failed;
    }
}
