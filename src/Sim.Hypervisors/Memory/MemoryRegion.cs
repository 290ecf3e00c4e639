using Sim.Layouts;

namespace Sim.Hypervisors.Memory;

/// <summary>
/// A named region of one guest's memory whose contents a reader wants to follow: a virtqueue's descriptor table,
/// available and used rings (virtio 1.2, 2.7; packed: 2.8), a grant table. Declared by whoever lays the structure out;
/// a trace records every write into it, so the structure can be rebuilt at any step.
/// </summary>
/// <param name="Name">A name unique in the memory, e.g. <c>xen/blk0/driver/q0/avail</c>.</param>
/// <param name="Kind">What is laid out there, for decoders (a trace writes its <see cref="RegionKinds.WireName"/>).</param>
/// <param name="Start">Its first guest-physical address.</param>
/// <param name="Length">Its length in bytes.</param>
public sealed record MemoryRegion(string Name, RegionKind Kind, ulong Start, ulong Length)
{
    /// <summary>Whether [<paramref name="address"/>, +<paramref name="length"/>) overlaps this region.</summary>
    public bool Overlaps(ulong address, ulong length) => length > 0 && address < Start + Length && Start < address + length;
}

/// <summary>
/// Sees every write into a declared <see cref="MemoryRegion"/> of a <see cref="GuestMemory"/> it is attached to, after
/// the bytes are in place: the hook a trace recorder uses. It must not write guest memory.
/// </summary>
public interface IMemoryWriteTap
{
    /// <summary>
    /// <paramref name="bytes"/> were written at <paramref name="address"/> of <paramref name="memory"/>, inside
    /// <paramref name="region"/> (a write that spans several regions is reported once per region, clipped to it).
    /// </summary>
    void OnWrite(GuestMemory memory, MemoryRegion region, ulong address, ReadOnlySpan<byte> bytes);
}
