using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Queues;
using Sim.Devices.Virtio.Split;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Golden;

/// <summary>
/// C reads a ring image written by the simulator: the simulator writes a split ring into guest memory (through
/// <see cref="SplitLayout"/> offsets, or as its driver and device queues run), the test dumps it, and
/// <c>linux_ring_image_check.c</c> reads it through Linux's <c>struct vring</c> (<c>vring_init</c>) and checks every
/// field the simulator says is there: descriptors, chains, avail and used rings, and the event indexes.
/// </summary>
public sealed class RingImageGoldenTests(RingImageChecker checker) : IClassFixture<RingImageChecker>
{
    private const ulong Table = 0x10000;
    private const ulong Data = 0x100000;

    public static TheoryData<ushort, ulong> SizesAndAlignments => new()
    {
        { 1, 4 }, { 2, 64 }, { 8, 4096 }, { 16, 64 }, { 256, 4096 }, { 1024, 4 }, { 32768, 4096 },
    };

    [Theory]
    [MemberData(nameof(SizesAndAlignments))]
    public void A_ring_written_at_SplitLayout_offsets_is_what_linux_reads(ushort size, ulong align)
    {
        var memory = new GuestMemory("vm1", 4UL << 20);
        var image = new RingImage(memory, size, Table, align, VirtioFeatures.Version1 | VirtioFeatures.EventIdx);
        var config = image.Config;
        int[] slots = new[] { 0, 1, size / 2, size - 1 }.Where(slot => slot < size).Distinct().ToArray();

        foreach (int i in slots)
        {
            // High address and length bits, every flag combination, and a next that wraps.
            ulong addr = 0xFEDC_0000_0000_0000UL | ((ulong)i << 12) | 0x18;
            uint len = 0x8000_0000u | (uint)i;
            ushort flags = (ushort)(i % 8), next = (ushort)((i + 1) % size);
            ulong at = config.DescriptorTable + (ulong)i * SplitLayout.DescriptorSize;
            memory.WriteUInt64(at + SplitLayout.DescAddr, addr);
            memory.WriteUInt32(at + SplitLayout.DescLen, len);
            memory.WriteUInt16(at + SplitLayout.DescFlags, flags);
            memory.WriteUInt16(at + SplitLayout.DescNext, next);
            image.Descriptor(i, addr, len, flags, next);

            ushort head = (ushort)(size - 1 - i);
            memory.WriteUInt16(config.DriverArea + SplitLayout.AvailEntryOffset(i), head);
            image.Avail(i, head);

            uint id = 0xDEAD_0000u | (uint)i, written = uint.MaxValue - (uint)i;
            memory.WriteUInt32(config.DeviceArea + SplitLayout.UsedEntryOffset(i), id);
            memory.WriteUInt32(config.DeviceArea + SplitLayout.UsedEntryOffset(i) + 4, written);
            image.Used(i, id, written);
        }
        memory.WriteUInt16(config.DriverArea + SplitLayout.RingFlags, SplitLayout.AvailFlagNoInterrupt);
        memory.WriteUInt16(config.DriverArea + SplitLayout.RingIdx, 0xFFFE);
        memory.WriteUInt16(config.DriverArea + SplitLayout.UsedEventOffset(size), 0xBEEF);
        memory.WriteUInt16(config.DeviceArea + SplitLayout.RingFlags, SplitLayout.UsedFlagNoNotify);
        memory.WriteUInt16(config.DeviceArea + SplitLayout.RingIdx, 0x1234);
        memory.WriteUInt16(config.DeviceArea + SplitLayout.AvailEventOffset(size), 0xCAFE);
        image.AvailFlags(1).AvailIdx(0xFFFE).UsedEvent(0xBEEF).UsedFlags(1).UsedIdx(0x1234).AvailEvent(0xCAFE);

        checker.AssertOk(image, $"layout-{size}-{align}");
    }

    [Fact]
    public void Chains_added_by_the_driver_queue_and_used_by_the_device_queue_are_what_linux_reads()
    {
        var memory = new GuestMemory("vm1", 4UL << 20);
        var image = new RingImage(memory, 8, Table, 4096, VirtioFeatures.Version1 | VirtioFeatures.EventIdx);
        var driver = new SplitDriverQueue(memory, image.Config);
        var sink = new RecordingSink();
        var device = SplitDeviceQueue.TryCreate(new DirectDeviceMemory(memory, "vm1/dev", new AccessLog()), image.Config, sink);
        Assert.NotNull(device);

        // Round 1: three chains (6 descriptors), all used and reclaimed.
        var a = (R: Buffers(Data, 64), W: Buffers(Data + 0x1000, 512));
        var b = (R: Buffers(Data + 0x2000, 1500), W: Buffers());
        var c = (R: Buffers(Data + 0x3000, 16, Data + 0x4000, 4096), W: Buffers(Data + 0x5000, 1));
        Add(driver, a, 1);
        Add(driver, b, 2);
        Add(driver, c, 3);
        PopAndPush(device, sink, 512, 0, 1);
        for (long token = 1; token <= 3; token++)
        {
            Assert.True(driver.TryReclaim(out long got, out _));
            Assert.Equal(token, got);
        }

        // Round 2: three more chains (6 descriptors, reusing freed ones); the device pops two and uses one.
        var d = (R: Buffers(Data + 0x6000, 100), W: Buffers(Data + 0x7000, 200, Data + 0x8000, 300));
        var e = (R: Buffers(), W: Buffers(Data + 0x9000, 4096));
        var f = (R: Buffers(Data + 0xA000, 8), W: Buffers(Data + 0xB000, 8));
        Add(driver, d, 4);
        Add(driver, e, 5);
        Add(driver, f, 6);
        var chain = new DescriptorChain();
        Assert.True(device!.TryPop(chain));
        device.PushUsed(chain.Id, chain.DescriptorCount, 450);
        Assert.True(device.TryPop(chain));
        Assert.False(device.EnableNotifications()); // chain f is waiting; avail_event = 5 all the same

        Assert.Empty(sink.Violations);
        image.AvailFlags(0).AvailIdx(6).UsedEvent(3)
            .Chain(3, d.R, d.W).Chain(4, e.R, e.W).Chain(5, f.R, f.W)
            .UsedFlags(0).UsedIdx(4).AvailEvent(5)
            .UsedChain(0, 0, 512).UsedChain(1, 1, 0).UsedChain(2, 2, 1).UsedChain(3, 3, 450);
        checker.AssertOk(image, "driver-device");
    }

    [Fact]
    public void Indirect_chains_and_suppression_flags_written_by_the_queues_are_what_linux_reads()
    {
        const ulong indirectArea = 0x40000;
        const int maxIndirect = 8;
        var memory = new GuestMemory("vm1", 4UL << 20);
        var image = new RingImage(memory, 16, Table, 64, VirtioFeatures.Version1 | VirtioFeatures.IndirectDesc)
            .Region(indirectArea, 16UL * maxIndirect * SplitLayout.DescriptorSize);
        var driver = new SplitDriverQueue(memory, image.Config, indirectArea, maxIndirect);
        var sink = new RecordingSink();
        var device = SplitDeviceQueue.TryCreate(new DirectDeviceMemory(memory, "vm1/dev", new AccessLog()), image.Config, sink);
        Assert.NotNull(device);

        var p = (R: Buffers(Data, 0x200), W: Buffers());                                       // one buffer: direct
        var q = (R: Buffers(Data + 0x1000, 10, Data + 0x2000, 20), W: Buffers(Data + 0x3000, 30)); // indirect
        var r = (R: Buffers(Data + 0x4000, 1), W: Sequence(Data + 0x5000, 7));                  // 8 buffers: indirect, full table
        var s = (R: Sequence(Data + 0x10000, 4), W: Sequence(Data + 0x20000, 5));                // 9 buffers: too many, direct
        driver.DisableInterrupts();
        Add(driver, p, 1);
        Add(driver, q, 2);
        Add(driver, r, 3);
        Add(driver, s, 4);
        Assert.Equal(16 - 1 - 1 - 1 - 9, driver.FreeDescriptors);

        var chain = new DescriptorChain();
        var popped = new List<(ushort Id, int Descriptors)>();
        while (device!.TryPop(chain)) popped.Add((chain.Id, chain.DescriptorCount));
        Assert.Equal(4, popped.Count);
        device.DisableNotifications();
        device.PushUsed(popped[3].Id, popped[3].Descriptors, 5);  // s first: used out of order
        device.PushUsed(popped[1].Id, popped[1].Descriptors, 30);

        Assert.Empty(sink.Violations);
        image.AvailFlags(SplitLayout.AvailFlagNoInterrupt).AvailIdx(4)
            .Chain(0, p.R, p.W).Chain(1, q.R, q.W).Chain(2, r.R, r.W).Chain(3, s.R, s.W)
            .UsedFlags(SplitLayout.UsedFlagNoNotify).UsedIdx(2)
            .UsedChain(0, 3, 5).UsedChain(1, 1, 30);
        checker.AssertOk(image, "indirect");
    }

    [Fact]
    public void Indexes_wrapping_past_65535_are_where_linux_reads_them()
    {
        var memory = new GuestMemory("vm1", 4UL << 20);
        var image = new RingImage(memory, 4, Table, 4, VirtioFeatures.Version1 | VirtioFeatures.EventIdx);
        var driver = new SplitDriverQueue(memory, image.Config, 0, 0, startIndex: 65534);
        var sink = new RecordingSink();
        var device = SplitDeviceQueue.TryCreate(new DirectDeviceMemory(memory, "vm1/dev", new AccessLog()), image.Config, sink, startIndex: 65534);
        Assert.NotNull(device);

        var x = (R: Buffers(Data, 1), W: Buffers());
        var y = (R: Buffers(Data + 0x1000, 2), W: Buffers());
        var z = (R: Buffers(), W: Buffers(Data + 0x2000, 3));
        Add(driver, x, 1); // avail index 65534: slot 2
        Add(driver, y, 2); // 65535: slot 3
        Add(driver, z, 3); // 0 (wrapped): slot 0
        PopAndPush(device, sink, 0, 0, 3);
        Assert.True(device!.EnableNotifications()); // avail_event = 1
        Assert.True(driver.TryReclaim(out long token, out _)); // used_event = 65535
        Assert.Equal(1, token);

        Assert.Empty(sink.Violations);
        image.AvailIdx(1).UsedEvent(65535).Chain(3, y.R, y.W).Chain(0, z.R, z.W)
            .UsedIdx(1).AvailEvent(1)
            .UsedChain(2, 2, 0).UsedChain(3, 3, 0).UsedChain(0, 0, 3);
        checker.AssertOk(image, "wrap");
    }

    [Fact]
    public void The_checker_reports_the_first_field_that_differs()
    {
        var memory = new GuestMemory("vm1", 1UL << 20);
        var image = new RingImage(memory, 8, Table, 4096, VirtioFeatures.Version1);
        var driver = new SplitDriverQueue(memory, image.Config);
        var buffers = (R: Buffers(Data, 64), W: Buffers(Data + 0x1000, 128));
        Add(driver, buffers, 1);

        var wrongIdx = checker.Run(new RingImage(memory, 8, Table, 4096, VirtioFeatures.Version1).AvailIdx(2), "wrong-idx");
        var wrongLen = checker.Run(image.Chain(0, buffers.R, Buffers(Data + 0x1000, 129)), "wrong-len");

        Assert.Equal(1, wrongIdx.ExitCode);
        Assert.StartsWith("MISMATCH", wrongIdx.Stdout, StringComparison.Ordinal);
        Assert.Contains("avail->idx: expected 0x2 (2), got 0x1 (1)", wrongIdx.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, wrongLen.ExitCode);
        Assert.Contains("chain 0 segment 1", wrongLen.Stdout, StringComparison.Ordinal);
        Assert.Contains("len: expected 0x81 (129), got 0x80 (128)", wrongLen.Stdout, StringComparison.Ordinal);
    }

    private static BufferSpec[] Buffers(params ulong[] addressLengthPairs) =>
        addressLengthPairs.Chunk(2).Select(p => new BufferSpec(p[0], (uint)p[1])).ToArray();

    private static BufferSpec[] Sequence(ulong start, int count) =>
        Enumerable.Range(0, count).Select(i => new BufferSpec(start + (ulong)i * 0x100, (uint)(i + 1) * 16)).ToArray();

    private static void Add(SplitDriverQueue driver, (BufferSpec[] R, BufferSpec[] W) chain, long token) =>
        Assert.True(driver.TryAdd(chain.R, chain.W, token), $"the driver queue refused chain {token}");

    private static void PopAndPush(SplitDeviceQueue? device, RecordingSink sink, params uint[] written)
    {
        Assert.NotNull(device);
        var chain = new DescriptorChain();
        foreach (uint length in written)
        {
            Assert.True(device.TryPop(chain), $"the device queue popped nothing: {string.Join("; ", sink.Violations.DefaultIfEmpty("no violation"))}");
            device.PushUsed(chain.Id, chain.DescriptorCount, length);
        }
    }

    private sealed class RecordingSink : IQueueViolationSink
    {
        public List<string> Violations { get; } = new();

        public void Violation(QueueRule rule, string detail) => Violations.Add($"{rule}: {detail}");
    }
}

/// <summary>linux_ring_image_check.c compiled once for <see cref="RingImageGoldenTests"/>; its directory holds the image files.</summary>
public sealed class RingImageChecker : IDisposable
{
    private readonly Lazy<GoldenCProgram> _program = new(() => GoldenCProgram.Compile("linux_ring_image_check.c"));

    /// <summary>Dumps <paramref name="image"/> and runs the checker on it.</summary>
    internal ProgramRun Run(RingImage image, string name)
    {
        var program = _program.Value;
        return program.Run(image.WriteFiles(program.Directory, name));
    }

    /// <summary>Runs the checker and fails with its message unless it says OK.</summary>
    internal void AssertOk(RingImage image, string name)
    {
        var run = Run(image, name);
        Assert.True(run.ExitCode == 0 && run.Stdout.StartsWith("OK ", StringComparison.Ordinal),
            $"Linux reads the '{name}' ring differently (exit {run.ExitCode}): {run.Stdout}{run.Stderr}");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_program.IsValueCreated) _program.Value.Dispose();
    }
}
