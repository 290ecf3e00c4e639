using Sim.Core.Randomness;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Adversaries;

/// <summary>
/// The guest memory a <see cref="LifecycleFuzzDriver"/> plays with: where its ring sets lie (two fixed ones and
/// <see cref="RandomRingSets"/> more that never overlap, so a descriptor table holds only descriptors the driver wrote, or
/// zeros), the buffer pool above them, well-formed request chains of pool buffers, and random values scribbled over a
/// ring set (every descriptor's buffer kept in the pool). Every choice is drawn from the owning driver's stream, in its
/// turns; it holds no state of its own beyond the memory.
/// </summary>
internal sealed class LifecycleFuzzMemory(GuestMemory memory)
{
    /// <summary>Entries in every queue the driver sets up.</summary>
    public const ushort QueueSize = 16;

    /// <summary>Ring sets never overlap (a descriptor table holds only descriptors the driver wrote, or zeros).</summary>
    private const ulong RingSetStride = 0x400;

    /// <summary>Ring sets from <see cref="LifecycleFuzzDriver.RandomRingsFrom"/> up to the pool.</summary>
    public const int RandomRingSets = (int)((LifecycleFuzzDriver.PoolStart - LifecycleFuzzDriver.RandomRingsFrom) / RingSetStride);

    /// <summary>One of the ring sets, drawn.</summary>
    public static ulong PickRings(ActorRandom random) => random.Next(3) switch
    {
        0 => LifecycleFuzzDriver.RingsA,
        1 => LifecycleFuzzDriver.RingsB,
        _ => LifecycleFuzzDriver.RandomRingsFrom + RingSetStride * (ulong)random.Next(RandomRingSets),
    };

    /// <summary>Adds a well-formed read or write request chain to <paramref name="queue"/>, every buffer in the pool.</summary>
    public void AddRequest(IDriverQueue queue, ActorRandom random)
    {
        ulong header = Pool(random, 64), status = Pool(random, 1);
        uint dataLength = (uint)(1 + random.Next(8192));
        ulong data = Pool(random, dataLength);
        bool read = random.Next(2) == 0;
        memory.WriteUInt32(header, read ? 0u : 1u);
        memory.WriteUInt64(header + 8, (ulong)random.Next(64));
        BufferSpec[] readable = read ? [new(header, 16)] : [new(header, 16), new(data, dataLength)];
        BufferSpec[] writable = read ? [new(data, dataLength), new(status, 1)] : [new(status, 1)];
        queue.TryAdd(readable, writable, random.Next(1 << 16));
    }

    private ulong Pool(ActorRandom random, ulong length) =>
        LifecycleFuzzDriver.PoolStart + (ulong)random.NextInt64((long)(memory.Size - LifecycleFuzzDriver.PoolStart - length));

    /// <summary>Random values over the ring set at <paramref name="rings"/>: available index, flags and entries, used event, or whole descriptors.</summary>
    public void Scribble(ulong rings, ActorRandom random)
    {
        ulong avail = rings + 0x100;
        switch (random.Next(6))
        {
            case 0: memory.WriteUInt16(avail + 2, (ushort)random.Next(1 << 16)); break;
            case 1: memory.WriteUInt16(avail, (ushort)random.Next(4)); break;
            case 2: memory.WriteUInt16(avail + 4 + 2 * (ulong)random.Next(QueueSize), (ushort)random.Next(24)); break;
            case 3: memory.WriteUInt16(avail + 4 + 2 * QueueSize, (ushort)random.Next(1 << 16)); break;
            default:
            {
                ulong descriptor = rings + 16 * (ulong)random.Next(QueueSize);
                uint length = random.Next(4) == 0 ? (uint)random.NextInt64(uint.MaxValue) : (uint)random.Next(8192);
                memory.WriteUInt64(descriptor, Pool(random, Math.Min(length, 8192u)));
                memory.WriteUInt32(descriptor + 8, length);
                memory.WriteUInt16(descriptor + 12, (ushort)random.Next(8));
                memory.WriteUInt16(descriptor + 14, (ushort)random.Next(24));
                break;
            }
        }
    }
}
