using Sim.Hypervisors.Memory;

namespace Sim.Devices.Gpu;

/// <summary>
/// A resource's guest backing as RESOURCE_ATTACH_BACKING gave it (virtio 1.2, 5.7.6.8): a scatter list of
/// <c>virtio_gpu_mem_entry</c> runs of DMA addresses, read as one byte string (entry after entry). The device reads
/// it through its platform's memory, so what the guest did not make reachable is refused there.
/// </summary>
public sealed class GpuBacking
{
    private readonly GpuMemEntry[] _entries;
    private readonly long[] _starts;

    /// <summary>A backing of <paramref name="entries"/> in order.</summary>
    public GpuBacking(IReadOnlyList<GpuMemEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = entries.ToArray();
        _starts = new long[_entries.Length];
        long total = 0;
        for (int i = 0; i < _entries.Length; i++)
        {
            _starts[i] = total;
            total += _entries[i].Length;
        }
        Bytes = total;
    }

    /// <summary>The runs, in order.</summary>
    public IReadOnlyList<GpuMemEntry> Entries => _entries;

    /// <summary>Bytes of all runs together.</summary>
    public long Bytes { get; }

    /// <summary>
    /// Reads <paramref name="destination"/>.Length bytes from <paramref name="offset"/> into the backing through
    /// <paramref name="memory"/>, run by run; the first verdict other than allowed (nothing more is read), or
    /// <see cref="AccessVerdict.OutOfRange"/> when the bytes go past the backing's end (nothing is read).
    /// </summary>
    public AccessVerdict Read(IDeviceMemory memory, long offset, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (offset < 0 || offset + destination.Length > Bytes) return AccessVerdict.OutOfRange;
        int entry = Array.BinarySearch(_starts, offset);
        if (entry < 0) entry = ~entry - 1;
        while (destination.Length > 0)
        {
            long within = offset - _starts[entry];
            int take = (int)Math.Min(destination.Length, _entries[entry].Length - within);
            if (take > 0)
            {
                var verdict = memory.Read(_entries[entry].Address + (ulong)within, destination[..take]);
                if (verdict != AccessVerdict.Allowed) return verdict;
                destination = destination[take..];
                offset += take;
            }
            entry++;
        }
        return AccessVerdict.Allowed;
    }
}
