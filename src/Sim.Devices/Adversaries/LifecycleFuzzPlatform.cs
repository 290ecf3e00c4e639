using Sim.Core.Time;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;

namespace Sim.Devices.Adversaries;

/// <summary>
/// The backend's platform in a lifecycle fuzz campaign: identity DMA addresses over the guest's memory (as a full
/// mapping), no costs, and every access checked against the <see cref="LifecycleReference"/> at its simulated time. An
/// access outside guest memory is refused (a buffer the driver offered there is the driver's fault, and the device
/// reports it); one inside that the reference does not allow is a breach (counted, the first few described, and
/// refused); requests must be closed once each.
/// </summary>
public sealed class LifecycleFuzzPlatform : IBackendPlatform
{
    private readonly GuestMemory _memory;
    private readonly LifecycleReference _reference;
    private readonly Func<SimTime> _clock;
    private readonly HashSet<long> _open = new();
    private readonly List<string> _breaches = new();
    private long _nextToken;

    /// <summary>A platform over <paramref name="memory"/> checked by <paramref name="reference"/> at <paramref name="clock"/>'s time.</summary>
    public LifecycleFuzzPlatform(GuestMemory memory, LifecycleReference reference, Func<SimTime> clock)
    {
        _memory = memory;
        _reference = reference;
        _clock = clock;
        Memory = new CheckedPath(this);
    }

    /// <inheritdoc />
    public IDeviceMemory Memory { get; }

    /// <summary>Accesses the reference did not allow (must stay 0).</summary>
    public long BreachCount { get; private set; }

    /// <summary>The first breaches, described.</summary>
    public IReadOnlyList<string> Breaches => _breaches;

    /// <summary>Requests the backend closed that were not open (must stay 0).</summary>
    public long BadRequestEnds { get; private set; }

    /// <summary>Requests open now.</summary>
    public int OpenRequests => _open.Count;

    /// <summary>Allowed accesses made.</summary>
    public long Accesses { get; private set; }

    /// <inheritdoc />
    public SimTime TakeAccrued() => SimTime.Zero;

    /// <inheritdoc />
    public long BeginRequest()
    {
        long token = ++_nextToken;
        _open.Add(token);
        return token;
    }

    /// <inheritdoc />
    public SimTime EndRequest(long request)
    {
        if (!_open.Remove(request)) BadRequestEnds++;
        return SimTime.Zero;
    }

    /// <inheritdoc />
    public NotifyCost Interrupt(int queue) => new(SimTime.Zero, SimTime.FromNanoseconds(50));

    /// <inheritdoc />
    public SimTime WakeUp(bool asleep) => SimTime.Zero;

    private bool Check(MemoryAccessKind kind, ulong address, int length)
    {
        var now = _clock();
        if (!_memory.Contains(address, (ulong)length)) return false;   // outside guest memory: refused, as any access path does
        if (_reference.Allows(address, length, now))
        {
            Accesses++;
            return true;
        }
        {
            BreachCount++;
            if (_breaches.Count < 10) _breaches.Add($"{kind} of {length} B at 0x{address:x} at {now}{(_reference.Live ? "" : " (device not live)")}");
        }
        return false;
    }

    private sealed class CheckedPath(LifecycleFuzzPlatform platform) : IDeviceMemory
    {
        public AccessVerdict Read(ulong address, Span<byte> destination)
        {
            if (!platform.Check(MemoryAccessKind.Read, address, destination.Length)) return AccessVerdict.Denied;
            platform._memory.Read(address, destination);
            return AccessVerdict.Allowed;
        }

        public AccessVerdict Write(ulong address, ReadOnlySpan<byte> source)
        {
            if (!platform.Check(MemoryAccessKind.Write, address, source.Length)) return AccessVerdict.Denied;
            platform._memory.Write(address, source);
            return AccessVerdict.Allowed;
        }
    }
}
