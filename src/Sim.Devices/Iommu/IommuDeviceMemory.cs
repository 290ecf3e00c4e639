using Sim.Hypervisors.Memory;

namespace Sim.Devices.Iommu;

/// <summary>
/// The access path of a device behind IOMMU endpoint <c>endpoint</c>: addresses are IOVAs, translated page by page
/// (4 KiB) through the IOTLB and the endpoint's domain (<see cref="IommuDevice.Translate"/>). A read needs
/// <see cref="IommuMapFlags.Read"/>, a write <see cref="IommuMapFlags.Write"/> on every page touched. An access with a
/// page that is unmapped, forbidden or whose endpoint is not attached is <see cref="AccessVerdict.Denied"/> (a fault,
/// virtio 1.2, 5.13.6.8), one whose translation leaves guest memory or whose IOVA range wraps is
/// <see cref="AccessVerdict.OutOfRange"/>; neither moves a byte. Allowed accesses go to <see cref="GuestMemory"/> at
/// the translated addresses, page by page. Every access is recorded in the <see cref="AccessLog"/> under its IOVA; an
/// allowed access that used a stale IOTLB entry (lazy invalidation) is also counted in
/// <see cref="IommuCounters.StaleAccesses"/>.
/// </summary>
public sealed class IommuDeviceMemory : IDeviceMemory
{
    private readonly IommuDevice _iommu;
    private readonly uint _endpoint;
    private readonly GuestMemory _memory;
    private readonly AccessLog _log;
    private readonly AccessorTally _tally;
    private readonly List<(ulong PhysAddress, int At, int Length)> _pieces = new(); // the access, page by page, after Check

    /// <summary>The access path of <paramref name="accessor"/>, endpoint <paramref name="endpoint"/> of <paramref name="iommu"/>, into <paramref name="memory"/>, recorded in <paramref name="log"/>.</summary>
    public IommuDeviceMemory(IommuDevice iommu, uint endpoint, GuestMemory memory, string accessor, AccessLog log)
    {
        _iommu = iommu;
        _endpoint = endpoint;
        _memory = memory;
        _log = log;
        _tally = log.For(accessor);
    }

    /// <summary>The endpoint id.</summary>
    public uint Endpoint => _endpoint;

    /// <summary>Stale accesses this path made (allowed only through a stale IOTLB entry).</summary>
    public long StaleAccesses { get; private set; }

    /// <inheritdoc />
    public AccessVerdict Read(ulong address, Span<byte> destination)
    {
        var verdict = Check(address, destination.Length, IommuMapFlags.Read);
        if (verdict == AccessVerdict.Allowed)
            foreach (var (phys, at, length) in _pieces) _memory.Read(phys, destination.Slice(at, length));
        _log.Record(_tally, MemoryAccessKind.Read, address, (uint)destination.Length, verdict);
        return verdict;
    }

    /// <inheritdoc />
    public AccessVerdict Write(ulong address, ReadOnlySpan<byte> source)
    {
        var verdict = Check(address, source.Length, IommuMapFlags.Write);
        if (verdict == AccessVerdict.Allowed)
            foreach (var (phys, at, length) in _pieces) _memory.Write(phys, source.Slice(at, length));
        _log.Record(_tally, MemoryAccessKind.Write, address, (uint)source.Length, verdict);
        return verdict;
    }

    // Translates every page first, so a refused access moves nothing; fills _pieces (guest-physical address, offset in
    // the caller's buffer, length) for the copy.
    private AccessVerdict Check(ulong address, int length, IommuMapFlags needed)
    {
        _pieces.Clear();
        if (length == 0) return AccessVerdict.Allowed;
        ulong last = address + (ulong)length - 1;
        if (last < address) return AccessVerdict.OutOfRange;
        bool stale = false;
        for (ulong page = address >> GuestMemory.PageShift; page <= last >> GuestMemory.PageShift; page++)
        {
            var translation = _iommu.Translate(_endpoint, page, needed);
            if (!translation.IsAllowed)
            {
                _iommu.Counters.Fault();
                return AccessVerdict.Denied;
            }
            stale |= translation.Outcome == IommuTranslationOutcome.AllowedStale;
            if (!_memory.Contains(translation.PhysPage << GuestMemory.PageShift, GuestMemory.PageSize)) return AccessVerdict.OutOfRange;
            int at = _pieces.Count == 0 ? 0 : _pieces[^1].At + _pieces[^1].Length;
            int offset = at == 0 ? (int)(address & (GuestMemory.PageSize - 1)) : 0;
            _pieces.Add(((translation.PhysPage << GuestMemory.PageShift) + (ulong)offset, at, Math.Min(length - at, GuestMemory.PageSize - offset)));
        }
        if (stale)
        {
            StaleAccesses++;
            _iommu.Counters.Stale(length);
        }
        return AccessVerdict.Allowed;
    }
}
