using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Xen;
using Sim.Testing.Sharing.Grants;

namespace Sim.Testing.Tests.Sharing;

/// <summary>
/// A backend access path that keeps a pointer to every page it was once allowed to touch (a mapping cache never torn
/// down): later accesses to those pages go straight to guest memory, whatever the grant mapper says. A page it only
/// read stays readable, a page it wrote stays writable (a read-only mapping's pointer does not become writable).
/// </summary>
internal sealed class CachingPath(IDeviceMemory real, GuestMemory memory) : IDeviceMemory
{
    private readonly HashSet<ulong> _readable = new();
    private readonly HashSet<ulong> _writable = new();

    public AccessVerdict Read(ulong address, Span<byte> destination)
    {
        var verdict = real.Read(address, destination);
        if (verdict == AccessVerdict.Denied && Cached(_readable, address, destination.Length))
        {
            memory.Read(address, destination);
            return AccessVerdict.Allowed;
        }
        return Remember(verdict, address, destination.Length, write: false);
    }

    public AccessVerdict Write(ulong address, ReadOnlySpan<byte> source)
    {
        var verdict = real.Write(address, source);
        if (verdict == AccessVerdict.Denied && Cached(_writable, address, source.Length))
        {
            memory.Write(address, source);
            return AccessVerdict.Allowed;
        }
        return Remember(verdict, address, source.Length, write: true);
    }

    private AccessVerdict Remember(AccessVerdict verdict, ulong address, int length, bool write)
    {
        if (verdict == AccessVerdict.Allowed)
            for (ulong page = address / GuestMemory.PageSize; page <= (address + (ulong)length - 1) / GuestMemory.PageSize; page++)
            {
                _readable.Add(page);
                if (write) _writable.Add(page);
            }
        return verdict;
    }

    private static bool Cached(HashSet<ulong> pages, ulong address, int length)
    {
        for (ulong page = address / GuestMemory.PageSize; page <= (address + (ulong)length - 1) / GuestMemory.PageSize; page++)
            if (!pages.Contains(page)) return false;
        return true;
    }
}

/// <summary>Broken (a): the backend writes the response status after it has unmapped the buffer, through its cached pointer.</summary>
internal sealed class StalePointerBackend : GrantPolicy
{
    public override IDeviceMemory BackendPath(IDeviceMemory granted, GuestMemory memory) => new CachingPath(granted, memory);

    public override void Complete(GrantPolicyContext context, GrantRequest request)
    {
        if (request.Served) context.Access(request.Frames[0], write: request.DeviceWrites); // BUG: the grant was unmapped in Serve
        base.Complete(context, request);
    }
}

/// <summary>Broken (b): the frontend has one static buffer, frame 1, and refills it for every request, even while an earlier one is in flight.</summary>
internal sealed class ReusingFrontend : GrantPolicy
{
    public override void Submit(GrantPolicyContext context, GrantRequest request)
    {
        context.Fill(request, 1); // BUG: frame 1 may still belong to a request whose used element has not come back
        context.Grant(request, 1, readOnly: !request.DeviceWrites);
    }
}

/// <summary>A backend that keeps its mappings until the request completes (the base Complete unmaps, then revokes).</summary>
internal class MapUntilComplete : GrantPolicy
{
    public override void Serve(GrantPolicyContext context, GrantRequest request)
    {
        foreach (uint gref in request.Refs.ToList()) context.Map(request, gref, writable: request.DeviceWrites);
        foreach (ulong frame in request.Frames) context.Access(frame, write: request.DeviceWrites);
    }
}

/// <summary>
/// Broken (c), revoke while mapped: the frontend revokes before the backend lets go, and when the table answers
/// Eagain it clears the entry with a plain store (instead of waiting), as a guest without the cmpxchg loop would.
/// </summary>
internal sealed class ForcedRevoke : MapUntilComplete
{
    public override void Complete(GrantPolicyContext context, GrantRequest request)
    {
        foreach (uint gref in request.Refs.ToList())
            if (context.Revoke(request, gref) == GrantStatus.Eagain)
                context.Harness.GuestWrite(context.Harness.Table.EntryAddress(gref), new byte[GrantEntryV1.Size]); // BUG
        foreach (var handle in request.Handles.ToList()) context.Unmap(request, handle);
        foreach (uint gref in request.Refs.ToList()) context.Revoke(request, gref);
    }
}

/// <summary>Broken (d): on reset the backend drops its bookkeeping without unmapping; the frontend's revokes then fail with Eagain.</summary>
internal sealed class LeakyReset : MapUntilComplete
{
    public override void Reset(GrantPolicyContext context, IReadOnlyList<GrantRequest> inFlight)
    {
        foreach (var request in inFlight)
            foreach (uint gref in request.Refs.ToList()) context.Revoke(request, gref); // BUG: no unmap first
    }
}
