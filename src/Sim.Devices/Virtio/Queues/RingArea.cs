namespace Sim.Devices.Virtio.Queues;

/// <summary>
/// How many bytes one of a virtqueue's three areas takes in guest memory and to what it must be aligned (virtio 1.2,
/// 2.7 split virtqueues, 2.8 packed virtqueues). Plain data: see <see cref="QueueAreas"/> for the three.
/// </summary>
/// <param name="Bytes">Size of the area.</param>
/// <param name="Alignment">Alignment of its first byte (a power of two).</param>
public readonly record struct RingArea(ulong Bytes, ulong Alignment);
