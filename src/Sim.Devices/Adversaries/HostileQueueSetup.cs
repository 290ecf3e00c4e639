using Sim.Core.Randomness;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Adversaries;

/// <summary>
/// The battlefield of a hostile-driver run: a small guest memory with one queue of 16 entries (split or packed),
/// an indirect area and a buffer area, the fenced access path the device uses, and the hostile driver's moves:
/// well-formed chains (sometimes with buffers outside memory or huge), and random bytes or hostile values over its own
/// rings, descriptor table, event areas and indirect tables.
/// </summary>
public sealed class HostileQueueSetup
{
    private const ushort QueueSize = 16;
    private const int IndirectEntries = 4;   // descriptors per indirect table
    private const ulong MemoryBytes = 1 << 20;
    private const ulong Descriptors = 0x1000, DriverArea = 0x2000, DeviceArea = 0x3000, Indirect = 0x8000, Buffers = 0x10000;

    private readonly GuestMemory _memory = new("hostile", MemoryBytes);
    private readonly QueueConfig _config;
    private readonly QueueAreas _areas;

    /// <summary>A queue of the given format and features.</summary>
    public HostileQueueSetup(bool packed, bool eventIdx, bool indirect)
    {
        _areas = QueueAreas.For(packed, QueueSize);
        ulong features = VirtioFeatures.Version1 | (packed ? VirtioFeatures.RingPacked : 0)
            | (eventIdx ? VirtioFeatures.EventIdx : 0) | (indirect ? VirtioFeatures.IndirectDesc : 0);
        _config = new QueueConfig(QueueSize, Descriptors, DriverArea, DeviceArea, features);
        Fence = new FencedDeviceMemory(new DirectDeviceMemory(_memory, "hostile/backend", new AccessLog()));
        Fence.AddRing(Descriptors, _areas.Descriptors.Bytes);
        Fence.AddRing(DriverArea, _areas.Driver.Bytes);
        Fence.AddRing(DeviceArea, _areas.Device.Bytes);
    }

    /// <summary>The device's access path, fenced.</summary>
    public FencedDeviceMemory Fence { get; }

    /// <summary>Wipes the rings (a device reset) and returns a fresh driver half.</summary>
    public IDriverQueue ResetRings()
    {
        _memory.Fill(Descriptors, DeviceArea + 0x1000 - Descriptors, 0);
        return Virtqueues.CreateDriver(_memory, _config, Indirect, IndirectEntries);
    }

    /// <summary>A fresh device half reporting to <paramref name="sink"/>.</summary>
    public IDeviceQueue CreateDevice(IQueueViolationSink sink) =>
        Virtqueues.CreateDevice(Fence, _config, sink) ?? throw new InvalidOperationException("the hostile run's queue layout is invalid");

    /// <summary>A well-formed chain (sometimes with buffers outside memory or huge), added through the guest's driver.</summary>
    public void AddChain(IDriverQueue driver, ActorRandom random)
    {
        int readable = random.Next(0, 3), writable = random.Next(readable == 0 ? 1 : 0, 3);
        Span<BufferSpec> buffers = stackalloc BufferSpec[readable + writable];
        for (int i = 0; i < buffers.Length; i++)
        {
            ulong address = random.Next(8) == 0 ? random.NextUInt64() : Buffers + random.NextUInt64(MemoryBytes - Buffers - 4096);
            uint length = random.Next(16) == 0 ? (uint)random.NextUInt64(uint.MaxValue) : (uint)random.Next(1, 4096);
            buffers[i] = new BufferSpec(address, length);
        }
        driver.TryAdd(buffers[..readable], buffers[readable..], random.NextInt64());
        driver.KickNeeded();
    }

    /// <summary>Random bytes, or a hostile value in a ring field, written over the guest's own queue structures.</summary>
    public void Corrupt(ActorRandom random)
    {
        ulong[] areas = [Descriptors, DriverArea, DeviceArea, Indirect];
        ulong[] sizes = [_areas.Descriptors.Bytes, _areas.Driver.Bytes, _areas.Device.Bytes, GuestQueueReservation.IndirectTableBytes(QueueSize, IndirectEntries)];
        int area = random.Next(areas.Length);
        ulong offset = random.NextUInt64(sizes[area]);
        Span<byte> bytes = stackalloc byte[8];
        switch (random.Next(4))
        {
            case 0: random.NextBytes(bytes); break;                                                  // noise
            case 1: BitConverter.TryWriteBytes(bytes, ulong.MaxValue - random.NextUInt64(64)); break; // huge values
            case 2: BitConverter.TryWriteBytes(bytes, (ulong)random.Next(QueueSize + 2)); break;     // plausible indexes
            default: BitConverter.TryWriteBytes(bytes, (ulong)(1 << random.Next(16))); break;        // single flag bits
        }
        int length = (int)Math.Min((ulong)random.Next(1, 9), sizes[area] - offset);
        _memory.Write(areas[area] + offset, bytes[..length]);
    }
}
