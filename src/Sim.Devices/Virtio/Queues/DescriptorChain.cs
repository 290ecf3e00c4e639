using Sim.Hypervisors.Memory;

namespace Sim.Devices.Virtio.Queues;

/// <summary>
/// A validated descriptor chain popped by a device: its buffer id (split: head index; packed: the buffer id of the
/// chain's last descriptor) and its segments, readable first. Data moves only through <see cref="Read"/> and
/// <see cref="Write"/>, which stay inside the chain's own buffers, so a device can never read or write past them.
/// The instance is reused by its queue: copy out what you need before popping the next chain.
/// </summary>
public sealed class DescriptorChain
{
    private readonly List<ChainSegment> _segments = new();

    /// <summary>The id to put in the used element for this chain.</summary>
    public ushort Id { get; private set; }

    /// <summary>Descriptors walked, including an indirect table's pointer descriptor (used for ring accounting).</summary>
    public int DescriptorCount { get; private set; }

    /// <summary>The chain's buffers, device-readable ones first.</summary>
    public IReadOnlyList<ChainSegment> Segments => _segments;

    /// <summary>Total bytes the device may read.</summary>
    public long ReadableLength { get; private set; }

    /// <summary>Total bytes the device may write.</summary>
    public long WritableLength { get; private set; }

    /// <summary>Starts a new chain (used by queue implementations).</summary>
    public void Reset(ushort id)
    {
        Id = id;
        _segments.Clear();
        ReadableLength = 0;
        WritableLength = 0;
        DescriptorCount = 0;
    }

    /// <summary>Sets the chain's id once the walk knows it (packed rings: the last descriptor's buffer id).</summary>
    public void SetId(ushort id) => Id = id;

    /// <summary>Counts one walked descriptor.</summary>
    public void CountDescriptor() => DescriptorCount++;

    /// <summary>Appends a segment (queue implementations validate order and totals before calling).</summary>
    public void Add(ChainSegment segment)
    {
        _segments.Add(segment);
        if (segment.DeviceWritable) WritableLength += segment.Length;
        else ReadableLength += segment.Length;
    }

    /// <summary>
    /// Reads up to <paramref name="destination"/>.Length bytes of the readable part, starting <paramref name="offset"/>
    /// bytes into it. Returns the bytes read (fewer at the end of the readable part; 0 for a write-only chain), or -1 if
    /// the access path refused a buffer.
    /// </summary>
    public long Read(IDeviceMemory memory, long offset, Span<byte> destination) =>
        Transfer(memory, offset, destination, default, writable: false);

    /// <summary>
    /// Writes up to <paramref name="source"/>.Length bytes into the writable part, starting <paramref name="offset"/>
    /// bytes into it. Returns the bytes written (0 for a read-only chain), or -1 if the access path refused a buffer.
    /// </summary>
    public long Write(IDeviceMemory memory, long offset, ReadOnlySpan<byte> source) =>
        Transfer(memory, offset, default, source, writable: true);

    private long Transfer(IDeviceMemory memory, long offset, Span<byte> destination, ReadOnlySpan<byte> source, bool writable)
    {
        if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offset));
        int wanted = writable ? source.Length : destination.Length;
        long done = 0;
        foreach (var segment in _segments)
        {
            if (segment.DeviceWritable != writable) continue;
            if (offset >= segment.Length)
            {
                offset -= segment.Length;
                continue;
            }
            int chunk = (int)Math.Min(segment.Length - offset, wanted - done);
            ulong address = segment.Address + (ulong)offset;
            var verdict = writable
                ? memory.Write(address, source.Slice((int)done, chunk))
                : memory.Read(address, destination.Slice((int)done, chunk));
            if (verdict != AccessVerdict.Allowed) return -1;
            done += chunk;
            offset = 0;
            if (done == wanted) break;
        }
        return done;
    }
}
