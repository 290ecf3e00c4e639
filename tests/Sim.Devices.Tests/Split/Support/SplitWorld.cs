using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Queues;
using Sim.Devices.Virtio.Split;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Split.Support;

/// <summary>
/// One split queue in a fresh 4 MiB guest, in one line: guest memory, a device access path recording every access,
/// a violation recorder, a raw ring builder, and (on first use) the device queue. Fixed places: table 0x10000, avail
/// 0x100000, used 0x120000 (room for N = 32768), data from 0x200000, indirect tables from 0x380000.
/// </summary>
internal sealed class SplitWorld
{
    public const ulong MemorySize = 4UL << 20;
    public const ulong Table = 0x10000;
    public const ulong Avail = 0x100000;
    public const ulong Used = 0x120000;
    public const ulong Data = 0x200000;
    public const ulong IndirectArea = 0x380000;
    public const ulong Both = VirtioFeatures.IndirectDesc | VirtioFeatures.EventIdx;

    private SplitDeviceQueue? _device;

    public SplitWorld(QueueConfig config)
    {
        Config = config;
        Memory = new GuestMemory("vm1", MemorySize);
        DeviceMemory = new DirectDeviceMemory(Memory, "vm1/virtio-blk", Log);
        Ring = new SplitRingBuilder(Memory, config);
    }

    /// <summary>A size-<paramref name="size"/> queue at the fixed places with <paramref name="features"/>.</summary>
    public static SplitWorld Create(ushort size = 8, ulong features = 0) => new(new QueueConfig(size, Table, Avail, Used, features));

    public QueueConfig Config { get; }
    public GuestMemory Memory { get; }
    public AccessLog Log { get; } = new(keepEveryAccess: true);
    public DirectDeviceMemory DeviceMemory { get; }
    public ViolationRecorder Sink { get; } = new();
    public SplitRingBuilder Ring { get; }
    public DescriptorChain Chain { get; } = new();

    /// <summary>The device queue (created on first use; the configuration must be valid).</summary>
    public SplitDeviceQueue Device => _device ??= TryCreateDevice() ?? throw new InvalidOperationException($"configuration refused: {Sink}");

    /// <summary>Runs the device's configuration check.</summary>
    public SplitDeviceQueue? TryCreateDevice(ushort startIndex = 0) => _device = SplitDeviceQueue.TryCreate(DeviceMemory, Config, Sink, startIndex);

    /// <summary>A driver on this queue (indirect tables at <see cref="IndirectArea"/> when <paramref name="maxIndirect"/> &gt; 0).</summary>
    public SplitDriverQueue Driver(int maxIndirect = 0, ushort startIndex = 0) =>
        new(Memory, Config, maxIndirect > 0 ? IndirectArea : 0, maxIndirect, startIndex);

    /// <summary>Pops one chain into <see cref="Chain"/>.</summary>
    public bool Pop() => Device.TryPop(Chain);

    /// <summary>The queue's own ranges: descriptor table, available ring, used ring.</summary>
    public (ulong Start, ulong Length)[] RingRanges =>
    [
        (Config.DescriptorTable, SplitLayout.DescriptorTableBytes(Config.Size)),
        (Config.DriverArea, SplitLayout.AvailRingBytes(Config.Size)),
        (Config.DeviceArea, SplitLayout.UsedRingBytes(Config.Size)),
    ];

    /// <summary>
    /// Every recorded device access (allowed or refused) lies inside the rings or one of <paramref name="extra"/>
    /// (indirect tables the scenario wrote, buffers of chains that passed validation).
    /// </summary>
    public void AssertAccessesWithin(params (ulong Start, ulong Length)[] extra)
    {
        var allowed = RingRanges.Concat(extra).ToArray();
        foreach (var access in Log.Accesses)
        {
            bool inside = allowed.Any(r => access.Address >= r.Start && access.Length <= r.Length && access.Address - r.Start <= r.Length - access.Length);
            Assert.True(inside, $"{access.Kind} [0x{access.Address:x}, +{access.Length}) ({access.Verdict}) is outside the rings and the expected ranges");
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
        Assert.Equal(accesses, Log.Accesses.Count);
        Assert.Single(Sink.Violations);
        return violation.Detail;
    }

    /// <summary>The configuration check refused the queue with <paramref name="rule"/>, touching nothing but the rings.</summary>
    public string AssertRefused(QueueRule rule)
    {
        Assert.Null(TryCreateDevice());
        var violation = Assert.Single(Sink.Violations);
        Assert.Equal(rule, violation.Rule);
        AssertAccessesWithin();
        Assert.DoesNotContain(Log.Accesses, a => a.Kind == MemoryAccessKind.Write);
        return violation.Detail;
    }

    /// <summary>Guest bytes as lower-case hex pairs separated by spaces.</summary>
    public string Hex(ulong address, int length)
    {
        var bytes = new byte[length];
        Memory.Read(address, bytes);
        return string.Join(' ', bytes.Select(b => b.ToString("x2")));
    }
}
