using System.Buffers.Binary;
using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Devices.Blk;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Blk;

/// <summary>
/// One virtio-blk request queue in a fresh 2 MiB guest, in one line: a split queue (driver and device halves) at fixed
/// places, a <see cref="BlkDeviceLogic"/> on a 1024-sector disk with content, and a builder that lays a request's buffers
/// out from <see cref="Data"/> on. <see cref="Serve"/> pops the chain, serves it, pushes the used element and reclaims it
/// on the driver side, so the test sees the used len as Linux would.
/// </summary>
internal sealed class BlkRig
{
    public const ulong Data = 0x20000;
    public const ulong Capacity = 1024;
    public const string Serial = "virtiosim-blk-0";

    private readonly IDriverQueue _driver;
    private readonly IDeviceQueue _device;
    private readonly ActorRandom _random = new(7);
    private ulong _next = Data;

    public BlkRig(ulong features = BlkFeatures.Flush | BlkFeatures.Discard | BlkFeatures.WriteZeroes, BlkStorage? storage = null)
    {
        Memory = new GuestMemory("vm1", 2UL << 20);
        DeviceMemory = new DirectDeviceMemory(Memory, "vm1/virtio-blk", new AccessLog());
        var config = new QueueConfig(64, 0x1000, 0x2000, 0x3000, VirtioFeatures.Version1);
        _driver = Virtqueues.CreateDriver(Memory, config);
        _device = Virtqueues.CreateDevice(DeviceMemory, config, Sink) ?? throw new InvalidOperationException($"queue refused: {string.Join("; ", Sink.Violations)}");
        Storage = storage ?? new BlkStorage(Capacity, BlkTestTiming.Example);
        Logic = new BlkDeviceLogic(Storage, features, Serial);
    }

    public GuestMemory Memory { get; }
    public DirectDeviceMemory DeviceMemory { get; }
    public RecordingSink Sink { get; } = new();
    public BlkStorage Storage { get; }
    public BlkDeviceLogic Logic { get; }
    public DescriptorChain Chain { get; } = new();

    /// <summary>Starts a request chain.</summary>
    public ChainBuilder Request() => new(this);

    /// <summary>The 16-byte header bytes for <paramref name="type"/> at <paramref name="sector"/>.</summary>
    public static byte[] Header(uint type, ulong sector, uint ioprio = 0)
    {
        var header = new byte[BlkLayout.HeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(BlkLayout.HeaderTypeOffset), type);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(BlkLayout.HeaderIoPriorityOffset), ioprio);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(BlkLayout.HeaderSectorOffset), sector);
        return header;
    }

    /// <summary>One discard / write-zeroes range entry.</summary>
    public static byte[] Range(ulong sector, uint count, uint flags = 0)
    {
        var entry = new byte[BlkLayout.SegmentSize];
        BinaryPrimitives.WriteUInt64LittleEndian(entry.AsSpan(BlkLayout.SegmentSectorOffset), sector);
        BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(BlkLayout.SegmentSectorCountOffset), count);
        BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(BlkLayout.SegmentFlagsOffset), flags);
        return entry;
    }

    /// <summary>Sector-sized data filled with a pattern derived from <paramref name="seed"/>.</summary>
    public static byte[] Pattern(int sectors, int seed)
    {
        var bytes = new byte[sectors * BlkLayout.SectorSize];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public byte[] Bytes(ulong address, int length)
    {
        var bytes = new byte[length];
        Memory.Read(address, bytes);
        return bytes;
    }

    /// <summary>Pops the submitted chain, serves it, pushes the used element and reclaims it: the result as the driver sees it.</summary>
    public Served Serve()
    {
        Assert.True(_device.TryPop(Chain), "no chain to pop: " + string.Join("; ", Sink.Violations));
        uint len = Logic.Serve(Chain, DeviceMemory, _random, out SimTime time, out BlkOutcome outcome);
        _device.PushUsed(Chain.Id, Chain.DescriptorCount, len);
        Assert.True(_driver.TryReclaim(out _, out uint reclaimed));
        Assert.Equal(len, reclaimed);
        Assert.Empty(Sink.Violations);
        return new Served(len, time, outcome);
    }

    private ulong Place(byte[] bytes)
    {
        ulong address = _next;
        Memory.Write(address, bytes);
        _next += ((ulong)bytes.Length + 63) & ~63UL;
        if (bytes.Length == 0) _next += 64;
        return address;
    }

    private ulong Reserve(int length, byte fill)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, fill);
        return Place(bytes);
    }

    /// <summary>Builds one chain: readable buffers in order, then writable ones; records where each landed.</summary>
    internal sealed class ChainBuilder(BlkRig rig)
    {
        private readonly List<BufferSpec> _readable = new();
        private readonly List<BufferSpec> _writable = new();

        /// <summary>Addresses of the writable buffers, in order (the status buffer is the last one).</summary>
        public List<ulong> WritableAddresses { get; } = new();

        public ChainBuilder Readable(byte[] bytes)
        {
            _readable.Add(new BufferSpec(rig.Place(bytes), (uint)bytes.Length));
            return this;
        }

        /// <summary>The header, split into buffers of the given sizes (default: one buffer).</summary>
        public ChainBuilder Header(uint type, ulong sector, params int[] split)
        {
            byte[] header = BlkRig.Header(type, sector);
            int at = 0;
            foreach (int size in split.Length == 0 ? [header.Length] : split)
            {
                Readable(header[at..(at + size)]);
                at += size;
            }
            return this;
        }

        /// <summary>A writable buffer, pre-filled with 0xEE so untouched bytes show.</summary>
        public ChainBuilder Writable(int length)
        {
            ulong address = rig.Reserve(length, 0xEE);
            WritableAddresses.Add(address);
            _writable.Add(new BufferSpec(address, (uint)length));
            return this;
        }

        /// <summary>The 1-byte status buffer.</summary>
        public ChainBuilder Status() => Writable(1);

        /// <summary>Adds the chain to the ring and makes it available to the device.</summary>
        public ChainBuilder Submit()
        {
            Assert.True(rig._driver.TryAdd(_readable.ToArray(), _writable.ToArray(), token: 1));
            return this;
        }

        /// <summary>The status byte as the guest sees it.</summary>
        public byte StatusByte()
        {
            var last = _writable[^1];
            return rig.Bytes(last.Address + last.Length - 1, 1)[0];
        }

        /// <summary>All writable bytes as the guest sees them, concatenated.</summary>
        public byte[] WritableBytes() => _writable.SelectMany(w => rig.Bytes(w.Address, (int)w.Length)).ToArray();
    }

    internal sealed class RecordingSink : IQueueViolationSink
    {
        public List<string> Violations { get; } = new();

        public void Violation(QueueRule rule, string detail) => Violations.Add($"{rule}: {detail}");
    }
}

/// <summary>What one served chain gave: the used len, the service time and the outcome.</summary>
internal readonly record struct Served(uint UsedLength, SimTime ServiceTime, BlkOutcome Outcome);
