using Sim.Core.Time;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Devices.Tests.Blk;

/// <summary>Fixed platform costs for actor tests (round figures; scenarios take theirs from cost profiles).</summary>
internal sealed record BlkTestPlatformCosts(
    SimTime Map, SimTime Unmap, SimTime KickSender, SimTime KickDelivery, SimTime InterruptSender, SimTime InterruptDelivery,
    SimTime InterruptEntry, SimTime RegisterAccess, SimTime Wakeup, SimTime PerAccess, SimTime EndRequest)
{
    private static SimTime Ns(double ns) => SimTime.FromNanoseconds(ns);

    public static BlkTestPlatformCosts Example { get; } =
        new(Ns(50), Ns(50), Ns(1000), Ns(2000), Ns(500), Ns(1000), Ns(1000), Ns(1000), Ns(2000), Ns(10), Ns(100));
}

/// <summary>
/// A test double of both platform halves over one guest's memory. Map hands out DMA address = guest address +
/// <c>dmaOffset</c> (identity when 0) and fails with Exhausted while <c>maxMapped</c> buffers are mapped. The backend's
/// access path is strict: below <c>ringEnd</c> (rings, indirect tables) it is identity; above, an access must fall
/// inside a currently mapped buffer, by its DMA address, in the buffer's direction, and not be refused by
/// <c>refuse</c> (a guest address); anything else is Denied. Unmap can be told to answer StillInUse. Requests opened
/// with BeginRequest must be closed once with EndRequest (else it throws: a bug in the backend).
/// </summary>
internal sealed class BlkTestPlatform : IDriverPlatform, IBackendPlatform
{
    private readonly GuestMemory _memory;
    private readonly BlkTestPlatformCosts _costs;
    private readonly ulong _dmaOffset;
    private readonly ulong _ringEnd;
    private readonly int _maxMapped;
    private readonly bool _unmapStillInUse;
    private readonly Func<ulong, bool>? _refuse;
    private readonly Dictionary<long, DmaBuffer> _mapped = new();
    private readonly HashSet<long> _openRequests = new();
    private long _nextHandle, _nextToken;
    private SimTime _accrued;

    public BlkTestPlatform(GuestMemory memory, ulong ringEnd, BlkTestPlatformCosts? costs = null, ulong dmaOffset = 0,
        int maxMapped = int.MaxValue, bool unmapStillInUse = false, Func<ulong, bool>? refuse = null)
    {
        _memory = memory;
        _ringEnd = ringEnd;
        _costs = costs ?? BlkTestPlatformCosts.Example;
        _dmaOffset = dmaOffset;
        _maxMapped = maxMapped;
        _unmapStillInUse = unmapStillInUse;
        _refuse = refuse;
        Memory = new AccessPath(this);
    }

    public string Mechanism => _dmaOffset == 0 ? "test-identity" : "test-offset";

    /// <summary>The device reaches only what is mapped (beyond the rings), so the driver must negotiate ACCESS_PLATFORM.</summary>
    public bool RestrictsAccess => true;
    public SimTime TakeInterrupt() => _costs.InterruptEntry;
    public long RegisterAccessCount { get; private set; }

    public SimTime RegisterAccesses(int count)
    {
        RegisterAccessCount += count;
        return _costs.RegisterAccess * count;
    }

    public SimTime WakeUp(bool asleep) => asleep ? _costs.Wakeup : SimTime.Zero;
    public IDeviceMemory Memory { get; }

    public int MappedNow => _mapped.Count;
    public int MaxMappedSeen { get; private set; }
    public long Maps { get; private set; }
    public long Unmaps { get; private set; }
    public long ExhaustedAnswers { get; private set; }
    public long DataAccesses { get; private set; }
    public long DeniedAccesses { get; private set; }
    public int OpenRequests => _openRequests.Count;

    /// <summary>When set, every access of the backend (rings included) is recorded in <see cref="Recorded"/> with this clock's time.</summary>
    public Func<SimTime>? Clock { get; set; }

    /// <summary>The backend's accesses, when <see cref="Clock"/> is set: time, kind, DMA address, length, allowed.</summary>
    public List<(SimTime Time, MemoryAccessKind Kind, ulong Address, int Length, bool Allowed)> Recorded { get; } = new();

    private void RecordAccess(MemoryAccessKind kind, ulong address, int length, bool allowed)
    {
        if (Clock is { } clock) Recorded.Add((clock(), kind, address, length, allowed));
    }

    public DmaMapResult Map(ulong guestAddress, uint length, DmaDirection direction)
    {
        if (!_memory.Contains(guestAddress, length) || length == 0)
            return new DmaMapResult(DmaMapStatus.Refused, default, _costs.Map, $"{length} B at 0x{guestAddress:x} is not guest memory");
        if (_mapped.Count >= _maxMapped)
        {
            ExhaustedAnswers++;
            return new DmaMapResult(DmaMapStatus.Exhausted, default, _costs.Map, $"{_mapped.Count} of {_maxMapped} mappings in use");
        }
        var buffer = new DmaBuffer(guestAddress, length, direction, guestAddress + _dmaOffset, ++_nextHandle);
        _mapped.Add(buffer.Handle, buffer);
        MaxMappedSeen = Math.Max(MaxMappedSeen, _mapped.Count);
        Maps++;
        return new DmaMapResult(DmaMapStatus.Mapped, buffer, _costs.Map, "");
    }

    public SimTime SyncForDevice(in DmaBuffer buffer) => SimTime.Zero;

    public DmaUnmapResult Unmap(in DmaBuffer buffer)
    {
        if (!_mapped.Remove(buffer.Handle, out var known) || known != buffer)
            return new DmaUnmapResult(DmaUnmapStatus.NotMapped, _costs.Unmap, $"handle {buffer.Handle} is not mapped");
        Unmaps++;
        return _unmapStillInUse
            ? new DmaUnmapResult(DmaUnmapStatus.StillInUse, _costs.Unmap, $"handle {buffer.Handle} is still mapped by the backend")
            : new DmaUnmapResult(DmaUnmapStatus.Unmapped, _costs.Unmap, "");
    }

    public NotifyCost Kick(int queue) => new(_costs.KickSender, _costs.KickDelivery);

    public NotifyCost Interrupt(int queue) => new(_costs.InterruptSender, _costs.InterruptDelivery);

    public SimTime TakeAccrued()
    {
        var accrued = _accrued;
        _accrued = SimTime.Zero;
        return accrued;
    }

    public long BeginRequest()
    {
        long token = ++_nextToken;
        _openRequests.Add(token);
        return token;
    }

    public SimTime EndRequest(long request)
    {
        if (!_openRequests.Remove(request)) throw new InvalidOperationException($"EndRequest({request}) for a request that is not open");
        return _costs.EndRequest;
    }

    /// <summary>The guest address behind [<paramref name="address"/>, +<paramref name="length"/>), or null when denied.</summary>
    private ulong? Resolve(ulong address, ulong length, MemoryAccessKind kind)
    {
        if (address < _ringEnd) return address + length <= _ringEnd ? address : null;
        DataAccesses++;
        foreach (var buffer in _mapped.Values)
        {
            if (address < buffer.DmaAddress || address + length > buffer.DmaAddress + buffer.Length) continue;
            bool allowed = kind == MemoryAccessKind.Read ? buffer.Direction != DmaDirection.FromDevice : buffer.Direction != DmaDirection.ToDevice;
            ulong guest = buffer.GuestAddress + (address - buffer.DmaAddress);
            return allowed && _refuse?.Invoke(guest) != true ? guest : null;
        }
        return null;
    }

    private sealed class AccessPath(BlkTestPlatform platform) : IDeviceMemory
    {
        public AccessVerdict Read(ulong address, Span<byte> destination)
        {
            var guestAddress = platform.Resolve(address, (ulong)destination.Length, MemoryAccessKind.Read);
            platform.RecordAccess(MemoryAccessKind.Read, address, destination.Length, guestAddress is not null);
            if (guestAddress is not { } guest) return Denied();
            platform._memory.Read(guest, destination);
            platform._accrued += platform._costs.PerAccess;
            return AccessVerdict.Allowed;
        }

        public AccessVerdict Write(ulong address, ReadOnlySpan<byte> source)
        {
            var guestAddress = platform.Resolve(address, (ulong)source.Length, MemoryAccessKind.Write);
            platform.RecordAccess(MemoryAccessKind.Write, address, source.Length, guestAddress is not null);
            if (guestAddress is not { } guest) return Denied();
            platform._memory.Write(guest, source);
            platform._accrued += platform._costs.PerAccess;
            return AccessVerdict.Allowed;
        }

        private AccessVerdict Denied()
        {
            platform.DeniedAccesses++;
            return AccessVerdict.Denied;
        }
    }
}
