using Sim.Hypervisors.Memory;

namespace Sim.Devices.Adversaries;

/// <summary>
/// An access path that checks a device against what it may touch at each moment: while walking chains, only the
/// queue's ring areas and descriptor tables (the indirect tables the walk follows); while moving data, only the
/// segments of the chain that passed validation; while publishing, only the ring areas. Every access outside is
/// recorded as a breach (the access still goes through the inner path, so the device behaves as it would).
/// Used to hold a device to the rule "never read or write outside the chain's buffers" against a hostile driver.
/// </summary>
public sealed class FencedDeviceMemory(IDeviceMemory inner) : IDeviceMemory
{
    private readonly List<(ulong Start, ulong End)> _rings = new();
    private readonly List<(ulong Start, ulong End, bool Writable)> _segments = new();
    private readonly List<string> _breaches = new();

    /// <summary>What the device is doing, which decides what it may touch.</summary>
    public enum Phase
    {
        /// <summary>Popping and walking a chain: reads of rings and descriptor tables only; no writes.</summary>
        Walk,
        /// <summary>Moving data for a validated chain: its readable segments may be read, its writable ones written.</summary>
        Data,
        /// <summary>Publishing used buffers and notification state: ring areas only.</summary>
        Publish,
    }

    /// <summary>The current phase.</summary>
    public Phase Current { get; set; }

    /// <summary>Accesses outside what the phase allows (first 100 kept, all counted).</summary>
    public IReadOnlyList<string> Breaches => _breaches;

    /// <summary>How many accesses broke the fence.</summary>
    public long BreachCount { get; private set; }

    /// <summary>Declares a ring area (descriptor table or ring, driver area, device area) of <paramref name="length"/> bytes.</summary>
    public void AddRing(ulong start, ulong length) => _rings.Add((start, start + length));

    /// <summary>Sets the segments of the chain that passed validation (for the <see cref="Phase.Data"/> phase).</summary>
    public void SetChain(IEnumerable<(ulong Address, uint Length, bool Writable)> segments)
    {
        _segments.Clear();
        foreach (var (address, length, writable) in segments) _segments.Add((address, address + length, writable));
    }

    /// <inheritdoc />
    public AccessVerdict Read(ulong address, Span<byte> destination)
    {
        Check(address, (ulong)destination.Length, write: false);
        return inner.Read(address, destination);
    }

    /// <inheritdoc />
    public AccessVerdict Write(ulong address, ReadOnlySpan<byte> source)
    {
        Check(address, (ulong)source.Length, write: true);
        return inner.Write(address, source);
    }

    private void Check(ulong address, ulong length, bool write)
    {
        ulong end = address + length;
        bool allowed = Current switch
        {
            // Indirect tables live wherever the driver put them: a walk may read any 16-byte descriptor-sized piece.
            Phase.Walk => !write && (InRing(address, end) || (length <= 16 && end >= address)),
            Phase.Data => _segments.Any(s => address >= s.Start && end <= s.End && end >= address && (!write || s.Writable)),
            _ => InRing(address, end),
        };
        if (allowed) return;
        BreachCount++;
        if (_breaches.Count < 100) _breaches.Add($"{Current}: {(write ? "write" : "read")} [0x{address:x}, +{length})");
    }

    private bool InRing(ulong address, ulong end) => end >= address && _rings.Any(r => address >= r.Start && end <= r.End);
}
