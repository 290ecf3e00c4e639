using System.Diagnostics.CodeAnalysis;

namespace Sim.Hypervisors.Xen;

/// <summary>
/// The grant mappings a <see cref="GrantSharing"/> backend holds for each request in flight when it maps a request's
/// pages once and unmaps them in one batch at the request's end: which request is current, the (reference, handle)
/// pairs mapped for it, and a pool of emptied lists so that steady-state requests allocate nothing.
/// </summary>
internal sealed class RequestGrantMappings
{
    private readonly Dictionary<long, List<(uint Ref, GrantHandle Handle)>> _byRequest = new();
    private readonly Stack<List<(uint Ref, GrantHandle Handle)>> _spareLists = new();
    private long _next;

    /// <summary>The request in progress; 0 when none.</summary>
    public long Current { get; private set; }

    /// <summary>Starts a new request and makes it current; returns its id.</summary>
    public long Begin() => Current = ++_next;

    /// <summary>The handle the current request holds for grant <paramref name="gref"/>, if it has mapped it.</summary>
    public bool TryFind(uint gref, out GrantHandle handle)
    {
        handle = default;
        if (!_byRequest.TryGetValue(Current, out var list)) return false;
        foreach (var (r, h) in list)
            if (r == gref) { handle = h; return true; }
        return false;
    }

    /// <summary>Records that the current request mapped <paramref name="gref"/> as <paramref name="handle"/>; true when it is the request's first mapping (the one batched map hypercall).</summary>
    public bool Add(uint gref, GrantHandle handle)
    {
        if (_byRequest.TryGetValue(Current, out var list))
        {
            list.Add((gref, handle));
            return false;
        }
        list = _spareLists.Count > 0 ? _spareLists.Pop() : new();
        _byRequest.Add(Current, list);
        list.Add((gref, handle));
        return true;
    }

    /// <summary>
    /// Ends <paramref name="request"/> (no request is current after it if it was) and takes its mappings; false when it
    /// mapped nothing. Hand the list back with <see cref="Recycle"/> once unmapped.
    /// </summary>
    public bool TryEnd(long request, [MaybeNullWhen(false)] out List<(uint Ref, GrantHandle Handle)> mappings)
    {
        if (Current == request) Current = 0;
        return _byRequest.Remove(request, out mappings);
    }

    /// <summary>Returns an ended request's list, emptied, to the pool.</summary>
    public void Recycle(List<(uint Ref, GrantHandle Handle)> mappings)
    {
        mappings.Clear();
        _spareLists.Push(mappings);
    }
}
