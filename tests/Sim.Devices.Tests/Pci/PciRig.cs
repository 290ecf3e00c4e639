using Sim.Devices.Tests.Mmio;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Pci;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Tests.Pci;

/// <summary>One access seen on a <see cref="RecordingPciBus"/>: configuration space (Bar -1) or a BAR.</summary>
internal readonly record struct PciAccess(bool IsWrite, int Bar, ulong Offset, int Width, uint Value)
{
    public const int ConfigSpace = -1;

    public bool IsConfig => Bar == ConfigSpace;

    public override string ToString() => $"{(IsWrite ? "W" : "R")} {(IsConfig ? "cfg" : $"bar{Bar}")}+0x{Offset:x} /{Width} = 0x{Value:x}";
}

/// <summary>
/// A bus that records every access to the function, can change what a configuration read returns (to hide or break a
/// capability), and can run a hook after each access.
/// </summary>
internal sealed class RecordingPciBus(IPciBus target) : IPciBus
{
    public List<PciAccess> Accesses { get; } = [];

    public List<int> TakenVectors { get; } = [];

    public Action<PciAccess>? After { get; set; }

    /// <summary>Replaces the value of a configuration read: (offset, width, value) → value.</summary>
    public Func<int, int, uint, uint>? ConfigReadFilter { get; set; }

    /// <summary>Replaces the value of a BAR read: (bar, offset, width, value) → value.</summary>
    public Func<int, ulong, int, uint, uint>? BarReadFilter { get; set; }

    public uint ReadConfig(int offset, int width)
    {
        uint value = target.ReadConfig(offset, width);
        if (ConfigReadFilter is not null) value = ConfigReadFilter(offset, width, value);
        Record(new PciAccess(false, PciAccess.ConfigSpace, (ulong)offset, width, value));
        return value;
    }

    public void WriteConfig(int offset, int width, uint value)
    {
        target.WriteConfig(offset, width, value);
        Record(new PciAccess(true, PciAccess.ConfigSpace, (ulong)offset, width, value));
    }

    public uint Read(int bar, ulong offset, int width)
    {
        uint value = target.Read(bar, offset, width);
        if (BarReadFilter is not null) value = BarReadFilter(bar, offset, width, value);
        Record(new PciAccess(false, bar, offset, width, value));
        return value;
    }

    public void Write(int bar, ulong offset, int width, uint value)
    {
        target.Write(bar, offset, width, value);
        Record(new PciAccess(true, bar, offset, width, value));
    }

    public void MessageTaken(int vector)
    {
        TakenVectors.Add(vector);
        target.MessageTaken(vector);
    }

    /// <summary>The values the driver wrote to device_status, in order.</summary>
    public IEnumerable<DeviceStatus> StatusWrites(PciBarLayout layout) =>
        Accesses.Where(a => a.IsWrite && !a.IsConfig && a.Offset == layout.Common.Offset + VirtioPciCommonCfg.DeviceStatus).Select(a => (DeviceStatus)a.Value);

    private void Record(PciAccess access)
    {
        Accesses.Add(access);
        After?.Invoke(access);
    }
}

/// <summary>
/// A one-function test world: a block-like virtio-pci device (two queues of 256 unless told otherwise) with Memory Space
/// enabled, its violation log, a recording bus and a driver on it, plus one-line helpers for the register-level steps
/// tests repeat (common configuration fields by offset, status, feature negotiation, queue set-up, MSI-X).
/// </summary>
internal sealed class PciRig
{
    public const uint BlockDeviceId = 2;
    public const ushort SubsystemVendor = 0x1af4;
    public const ulong DefaultFeatures = VirtioFeatures.Version1 | VirtioFeatures.EventIdx | VirtioFeatures.IndirectDesc | (1UL << 5);

    private PciRig(PciDevice device, ViolationLog log, bool useMsix)
    {
        Device = device;
        Log = log;
        Bus = new RecordingPciBus(device);
        Driver = new PciDriver(Bus, useMsix);
    }

    public PciDevice Device { get; }
    public ViolationLog Log { get; }
    public RecordingPciBus Bus { get; }
    public PciDriver Driver { get; }
    public PciBarLayout Layout => Device.Layout;
    public int Bar => Device.Layout.Bar;

    public static PciRig Create(ulong features = DefaultFeatures, ushort[]? queueSizeMax = null, byte[]? config = null,
        PciDeviceOptions? options = null, bool useMsix = true, bool memorySpace = true, uint deviceId = BlockDeviceId)
    {
        var log = new ViolationLog();
        var device = new PciDevice(deviceId, SubsystemVendor, features, queueSizeMax ?? [256, 256], config ?? new byte[16], log, options);
        if (memorySpace) device.WriteConfig(PciConfigHeader.Command, 2, PciConfigHeader.CommandMemory | PciConfigHeader.CommandMaster);
        return new PciRig(device, log, useMsix);
    }

    public uint ReadCommon(int field, int width) => Device.Read(Bar, Layout.Common.Offset + (ulong)field, width);

    public void WriteCommon(int field, int width, uint value) => Device.Write(Bar, Layout.Common.Offset + (ulong)field, width, value);

    public DeviceStatus ReadStatus() => (DeviceStatus)ReadCommon(VirtioPciCommonCfg.DeviceStatus, 1);

    public void WriteStatus(DeviceStatus status) => WriteCommon(VirtioPciCommonCfg.DeviceStatus, 1, (uint)status);

    /// <summary>Reset (and its read-back), ACKNOWLEDGE, DRIVER, write <paramref name="features"/> through both windows, FEATURES_OK.</summary>
    public void NegotiateFeatures(ulong features)
    {
        WriteStatus(DeviceStatus.None);
        ReadStatus();
        WriteStatus(DeviceStatus.Acknowledge);
        WriteStatus(DeviceStatus.Acknowledge | DeviceStatus.Driver);
        WriteCommon(VirtioPciCommonCfg.DriverFeatureSelect, 4, 0);
        WriteCommon(VirtioPciCommonCfg.DriverFeature, 4, (uint)features);
        WriteCommon(VirtioPciCommonCfg.DriverFeatureSelect, 4, 1);
        WriteCommon(VirtioPciCommonCfg.DriverFeature, 4, (uint)(features >> 32));
        WriteStatus(Device.Status | DeviceStatus.FeaturesOk);
    }

    /// <summary>queue_select, queue_size, the three addresses, optionally queue_msix_vector, queue_enable = 1.</summary>
    public void SetUpQueue(ushort index, ushort size, ulong desc = 0x1000, ulong driver = 0x2000, ulong device = 0x3000, ushort? vector = null)
    {
        WriteCommon(VirtioPciCommonCfg.QueueSelect, 2, index);
        WriteCommon(VirtioPciCommonCfg.QueueSize, 2, size);
        WriteAddress(VirtioPciCommonCfg.QueueDescLow, desc);
        WriteAddress(VirtioPciCommonCfg.QueueDriverLow, driver);
        WriteAddress(VirtioPciCommonCfg.QueueDeviceLow, device);
        if (vector is ushort v) WriteCommon(VirtioPciCommonCfg.QueueMsixVector, 2, v);
        WriteCommon(VirtioPciCommonCfg.QueueEnable, 2, 1);
    }

    public void WriteAddress(int low, ulong address)
    {
        WriteCommon(low, 4, (uint)address);
        WriteCommon(low + 4, 4, (uint)(address >> 32));
    }

    /// <summary>MSI-X enabled in the capability, every table entry unmasked (address/data programmed).</summary>
    public PciRig EnableMsix()
    {
        Device.WriteConfig(PciCapabilityPlacement.Msix + MsixCapability.MessageControl, 2, MsixCapability.Enable);
        for (int vector = 0; vector < Device.MsixVectorCount; vector++)
        {
            ulong entry = Layout.MsixTable.Offset + (ulong)(vector * MsixCapability.EntrySize);
            Device.Write(Bar, entry + MsixCapability.EntryAddressLow, 4, 0xfee0_0000);
            Device.Write(Bar, entry + MsixCapability.EntryData, 4, 0x30u + (uint)vector);
            Device.Write(Bar, entry + MsixCapability.EntryVectorControl, 4, 0);
        }
        return this;
    }

    /// <summary>Features negotiated, queue 0 enabled with 256 entries (vector 1 if <paramref name="vectors"/>), DRIVER_OK; the log is cleared.</summary>
    public PciRig Running(ulong features = VirtioFeatures.Version1, bool vectors = false)
    {
        NegotiateFeatures(features);
        if (vectors) WriteCommon(VirtioPciCommonCfg.MsixConfig, 2, 0);
        SetUpQueue(0, 256, vector: vectors ? (ushort)1 : null);
        WriteStatus(Device.Status | DeviceStatus.DriverOk);
        Assert.Empty(Log.All);
        return this;
    }

    /// <summary>A notification write at queue <paramref name="notifyOff"/>'s notify address.</summary>
    public void Notify(ushort notifyOff, uint value, int width = 2) => Device.Write(Bar, Layout.NotifyAddress(notifyOff), width, value);

    public static QueueSetup Queue(ushort index, ushort size = 128) =>
        new(index, size, 0x1_0000_0000UL + index * 0x10000UL, 0x1_0000_4000UL + index * 0x10000UL, 0x1_0000_8000UL + index * 0x10000UL);

    /// <summary>Asserts that exactly one violation was reported, of <paramref name="rule"/> with its PCI section; returns it.</summary>
    public TransportViolation AssertOnly(TransportRule rule) => AssertOnly(TransportRules.Describe(rule).Name);

    /// <summary>Asserts that exactly one violation was reported, of <paramref name="rule"/> with its PCI section; returns it.</summary>
    public TransportViolation AssertOnly(QueueRule rule)
    {
        var violation = AssertOnly(QueueRules.Describe(rule).Name);
        Assert.Equal(PciRuleSections.Of(rule), violation.Section);
        return violation;
    }

    private TransportViolation AssertOnly(string name)
    {
        var violation = Assert.Single(Log.All);
        Assert.Equal(name, violation.Rule);
        Assert.False(string.IsNullOrWhiteSpace(violation.Detail));
        Assert.Matches("^virtio 1\\.2, [1-6]\\.", violation.Section);
        return violation;
    }
}
