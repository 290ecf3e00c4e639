using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Tests.Mmio;

/// <summary>Collects transport violations so a test can check exactly which rules were broken.</summary>
internal sealed class ViolationLog : ITransportViolationSink
{
    public List<TransportViolation> All { get; } = [];

    public IEnumerable<string> Rules => All.Select(v => v.Rule);

    public void Violation(TransportViolation violation) => All.Add(violation);
}

/// <summary>One register access seen on a <see cref="RecordingBus"/>.</summary>
internal readonly record struct BusAccess(bool IsWrite, ulong Offset, int Width, uint Value);

/// <summary>A bus that records every access to the device and can run a hook after each one.</summary>
internal sealed class RecordingBus(IMmioBus target) : IMmioBus
{
    public List<BusAccess> Accesses { get; } = [];

    public Action<BusAccess>? After { get; set; }

    public uint Read(ulong offset, int width)
    {
        uint value = target.Read(offset, width);
        Record(new BusAccess(false, offset, width, value));
        return value;
    }

    public void Write(ulong offset, int width, uint value)
    {
        target.Write(offset, width, value);
        Record(new BusAccess(true, offset, width, value));
    }

    /// <summary>The values the driver wrote to Status, in order.</summary>
    public IEnumerable<DeviceStatus> StatusWrites =>
        Accesses.Where(a => a.IsWrite && a.Offset == MmioRegister.Status).Select(a => (DeviceStatus)a.Value);

    private void Record(BusAccess access)
    {
        Accesses.Add(access);
        After?.Invoke(access);
    }
}

/// <summary>
/// A one-device test world: a block-like virtio-mmio device (two queues of 256 unless told otherwise), its violation
/// log, a recording bus and a driver on it, plus one-line helpers for the register-level steps tests repeat.
/// </summary>
internal sealed class MmioRig
{
    public const uint BlockDeviceId = 2;
    public const uint Vendor = 0x554d4551; // "QEMU"
    public const ulong DefaultFeatures = VirtioFeatures.Version1 | VirtioFeatures.EventIdx | VirtioFeatures.IndirectDesc | (1UL << 5);

    private MmioRig(MmioDevice device, ViolationLog log)
    {
        Device = device;
        Log = log;
        Bus = new RecordingBus(device);
        Driver = new MmioDriver(Bus);
    }

    public MmioDevice Device { get; }
    public ViolationLog Log { get; }
    public RecordingBus Bus { get; }
    public MmioDriver Driver { get; }

    public static MmioRig Create(ulong features = DefaultFeatures, ushort[]? queueNumMax = null, byte[]? config = null, uint deviceId = BlockDeviceId)
    {
        var log = new ViolationLog();
        var device = new MmioDevice(deviceId, Vendor, features, queueNumMax ?? [256, 256], config ?? new byte[16], log);
        return new MmioRig(device, log);
    }

    public uint Read(ulong offset) => Device.ReadRegister(offset, 4);

    public void Write(ulong offset, uint value) => Device.WriteRegister(offset, 4, value);

    public void WriteStatus(DeviceStatus status) => Write(MmioRegister.Status, (uint)status);

    /// <summary>Reset, ACKNOWLEDGE, DRIVER, write <paramref name="features"/> through both windows, FEATURES_OK.</summary>
    public void NegotiateFeatures(ulong features)
    {
        WriteStatus(DeviceStatus.None);
        WriteStatus(DeviceStatus.Acknowledge);
        WriteStatus(DeviceStatus.Acknowledge | DeviceStatus.Driver);
        Write(MmioRegister.DriverFeaturesSel, 0);
        Write(MmioRegister.DriverFeatures, (uint)features);
        Write(MmioRegister.DriverFeaturesSel, 1);
        Write(MmioRegister.DriverFeatures, (uint)(features >> 32));
        WriteStatus(Device.Status | DeviceStatus.FeaturesOk);
    }

    /// <summary>QueueSel, QueueNum, the three addresses and QueueReady = 1.</summary>
    public void SetUpQueue(uint index, uint num, ulong desc = 0x1000, ulong driver = 0x2000, ulong device = 0x3000)
    {
        Write(MmioRegister.QueueSel, index);
        Write(MmioRegister.QueueNum, num);
        WriteAddress(MmioRegister.QueueDescLow, desc);
        WriteAddress(MmioRegister.QueueDriverLow, driver);
        WriteAddress(MmioRegister.QueueDeviceLow, device);
        Write(MmioRegister.QueueReady, 1);
    }

    /// <summary>Features negotiated, queue 0 ready with 256 entries, DRIVER_OK; the log is cleared.</summary>
    public MmioRig Running(ulong features = VirtioFeatures.Version1)
    {
        NegotiateFeatures(features);
        SetUpQueue(0, 256);
        WriteStatus(Device.Status | DeviceStatus.DriverOk);
        Assert.Empty(Log.All);
        return this;
    }

    public void WriteAddress(ulong low, ulong address)
    {
        Write(low, (uint)address);
        Write(low + 4, (uint)(address >> 32));
    }

    public static QueueSetup Queue(ushort index, ushort size = 128) =>
        new(index, size, 0x1_0000_0000UL + index * 0x10000UL, 0x1_0000_4000UL + index * 0x10000UL, 0x1_0000_8000UL + index * 0x10000UL);

    /// <summary>Asserts that exactly one violation was reported, of <paramref name="rule"/>; returns it.</summary>
    public TransportViolation AssertOnly(TransportRule rule) => AssertOnly(TransportRules.Describe(rule).Name);

    /// <summary>Asserts that exactly one violation was reported, of <paramref name="rule"/>; returns it.</summary>
    public TransportViolation AssertOnly(QueueRule rule) => AssertOnly(QueueRules.Describe(rule).Name);

    private TransportViolation AssertOnly(string name)
    {
        var violation = Assert.Single(Log.All);
        Assert.Equal(name, violation.Rule);
        Assert.False(string.IsNullOrWhiteSpace(violation.Detail));
        Assert.StartsWith("virtio", violation.Section);
        return violation;
    }
}
