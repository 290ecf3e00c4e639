using Sim.Hypervisors.Memory;

namespace Sim.Devices.Virtio.Queues;

/// <summary>
/// Places a device's areas in guest memory one after another from a page-aligned start, each at its own alignment
/// (rings as virtio 1.2, 2.7 and 2.8 require them, tables and buffers as the driver lays them out): what every device's
/// guest layout does, in one place. <see cref="Take"/> fits <see cref="QueueAreas.Place"/>. Owned by one layout
/// computation.
/// </summary>
public sealed class GuestAreaCursor
{
    private GuestAreaCursor(ulong start) => Next = start;

    /// <summary>The first address after the areas taken so far.</summary>
    public ulong Next { get; private set; }

    /// <summary>The first page boundary at or after <see cref="Next"/>: where the layout ends.</summary>
    public ulong PageEnd => Alignment.PageAlign(Next);

    /// <summary>A cursor at <paramref name="start"/>, which must be on a page boundary (a device's layout starts on one).</summary>
    public static GuestAreaCursor At(ulong start)
    {
        if (start % GuestMemory.PageSize != 0) throw new ArgumentException($"a layout starts on a page boundary, not 0x{start:x}", nameof(start));
        return new GuestAreaCursor(start);
    }

    /// <summary>Takes <paramref name="bytes"/> at the next multiple of <paramref name="align"/> (a power of two); returns their address.</summary>
    public ulong Take(ulong bytes, ulong align)
    {
        ulong at = Alignment.AlignUp(Next, align);
        Next = at + bytes;
        return at;
    }
}
