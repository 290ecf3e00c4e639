using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Packed;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Packed.Support;

/// <summary>
/// One packed queue in a fresh 2 MiB guest, in one line: guest memory, a device access path recording every access,
/// a violation recorder, a raw ring writer, and (on first use) the device queue. Fixed places: driver event area
/// 0x8000, device event area 0x8004, ring 0x10000 (RingBase, room for N = 32768), data from 0xA0000, indirect tables from
/// 0x180000.
/// </summary>
internal sealed class PackedWorld
{
    public const ulong MemorySize = 2UL << 20;
    public const ulong DriverArea = 0x8000;
    public const ulong DeviceArea = 0x8004;
    public const ulong RingBase = 0x10000;
    public const ulong Data = 0xA0000;
    public const ulong IndirectArea = 0x180000;

    private PackedDeviceQueue? _device;

    public PackedWorld(QueueConfig config, bool keepEveryAccess = true)
    {
        Config = config;
        Memory = new GuestMemory("vm1", MemorySize);
        Log = new AccessLog(keepEveryAccess);
        DeviceMemory = new DirectDeviceMemory(Memory, "vm1/virtio-net", Log);
        Ring = new PackedRingWriter(Memory, config);
    }

    /// <summary>A size-<paramref name="size"/> packed queue at the fixed places with <paramref name="features"/> (RING_PACKED added).</summary>
    public static PackedWorld Create(ushort size = 8, ulong features = 0, bool keepEveryAccess = true) =>
        new(new QueueConfig(size, RingBase, DriverArea, DeviceArea, features | VirtioFeatures.RingPacked), keepEveryAccess);

    public QueueConfig Config { get; }
    public GuestMemory Memory { get; }
    public AccessLog Log { get; }
    public DirectDeviceMemory DeviceMemory { get; }
    public PackedViolationRecorder Sink { get; } = new();
    public PackedRingWriter Ring { get; }
    public DescriptorChain Chain { get; } = new();

    /// <summary>The device queue (created on first use; the configuration must be valid).</summary>
    public PackedDeviceQueue Device => _device ??= TryCreateDevice() ?? throw new InvalidOperationException($"configuration refused: {Sink}");

    /// <summary>Runs the device's configuration check through <paramref name="memory"/> (default: the recorded direct path).</summary>
    public PackedDeviceQueue? TryCreateDevice(IDeviceMemory? memory = null) =>
        _device = PackedDeviceQueue.TryCreate(memory ?? DeviceMemory, Config, Sink);

    /// <summary>The device queue, created with its next slot to pop (and to mark used) at <paramref name="start"/>.</summary>
    public PackedDeviceQueue DeviceAt(PackedRingPosition start) =>
        _device = PackedDeviceQueue.TryCreate(DeviceMemory, Config, Sink, start) ?? throw new InvalidOperationException($"configuration refused: {Sink}");

    /// <summary>A driver on this queue (indirect tables at <see cref="IndirectArea"/> when <paramref name="maxIndirect"/> &gt; 0).</summary>
    public PackedDriverQueue Driver(int maxIndirect = 0) => new(Memory, Config, maxIndirect > 0 ? IndirectArea : 0, maxIndirect);

    /// <summary>Pops one chain into <see cref="Chain"/>.</summary>
    public bool Pop() => Device.TryPop(Chain);

    /// <summary>The bytes at <paramref name="address"/>, read from the guest's side (not recorded).</summary>
    public byte[] Bytes(ulong address, int length)
    {
        var bytes = new byte[length];
        Memory.Read(address, bytes);
        return bytes;
    }

    /// <summary>The queue's own ranges: descriptor ring and both event suppression structures.</summary>
    public (ulong Start, ulong Length)[] RingRanges =>
    [
        (Config.DescriptorTable, PackedLayout.RingBytes(Config.Size)),
        (Config.DriverArea, PackedLayout.EventAreaSize),
        (Config.DeviceArea, PackedLayout.EventAreaSize),
    ];

    /// <summary>
    /// Every recorded device access (allowed or refused) lies inside the ring, the event structures, or one of
    /// <paramref name="extra"/> (indirect tables of walked chains, buffers of chains that passed validation).
    /// </summary>
    public void AssertAccessesWithin(params (ulong Start, ulong Length)[] extra)
    {
        var allowed = RingRanges.Concat(extra).ToArray();
        Assert.True(Log.KeepsEveryAccess);
        foreach (var access in Log.Accesses)
        {
            bool inside = allowed.Any(r => access.Address >= r.Start && access.Length <= r.Length && access.Address - r.Start <= r.Length - access.Length);
            Assert.True(inside, $"{access.Kind} [0x{access.Address:x}, +{access.Length}) ({access.Verdict}) is outside the ring, the event areas and the expected ranges");
        }
    }

    /// <summary>
    /// Exactly one violation, of <paramref name="rule"/>, was reported; the device is broken; a further pop returns
    /// false without reporting again or touching memory. Returns the violation's detail.
    /// </summary>
    public string AssertBroken(QueueRule rule)
    {
        var violation = Assert.Single(Sink.Violations);
        Assert.Equal(rule, violation.Rule);
        Assert.True(Device.IsBroken);
        int accesses = Log.Accesses.Count;
        Assert.False(Device.TryPop(Chain));
        Assert.True(Device.EnableNotifications());
        Assert.False(Device.InterruptNeeded());
        Assert.Single(Sink.Violations);
        Assert.Equal(accesses, Log.Accesses.Count);
        return violation.Detail;
    }
}
