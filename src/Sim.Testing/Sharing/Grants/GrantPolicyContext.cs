using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Xen;

namespace Sim.Testing.Sharing.Grants;

/// <summary>
/// What a policy may do (grant, GNTTABOP_map_grant_ref, access, GNTTABOP_unmap_grant_ref and revoke, as
/// xen/include/public/grant_table.h defines them), each operation run on the real implementation and the
/// <see cref="GrantModel"/> and judged by the oracle (<see cref="GrantHarness"/>), plus the protocol's own rules: the backend touches only frames it has
/// mapped, and the frontend never writes a frame that an in-flight request (submitted, used element not yet back) holds.
/// </summary>
public sealed class GrantPolicyContext
{
    private readonly List<GrantRequest> _inFlight;

    internal GrantPolicyContext(GrantHarness harness, List<GrantRequest> inFlight)
    {
        Harness = harness;
        _inFlight = inFlight;
    }

    /// <summary>The harness: the real implementation, the model and the report.</summary>
    public GrantHarness Harness { get; }

    /// <summary>Requests submitted whose used element has not come back.</summary>
    public IReadOnlyList<GrantRequest> InFlight => _inFlight;

    /// <summary>The lowest data frame no in-flight request holds, the one being submitted included (the runner submits only when enough are free).</summary>
    public ulong FreeFrame()
    {
        for (ulong frame = 1; frame < GrantHarness.Pages; frame++)
            if (!_inFlight.Any(r => r.Frames.Contains(frame))) return frame;
        throw new InvalidOperationException("no free buffer frame: the runner submits only when enough frames are free");
    }

    /// <summary>
    /// The frontend writes the request's payload into <paramref name="frame"/> and adds it to the request's buffer.
    /// Writing a frame another in-flight request holds is a violation: the buffer is reused before it came back.
    /// </summary>
    public void Fill(GrantRequest request, ulong frame)
    {
        var holder = _inFlight.FirstOrDefault(r => r != request && r.Frames.Contains(frame));
        if (holder is not null) Harness.Fail($"the frontend overwrote frame {frame} for {request} while {holder} still holds it (its used element has not come back)");
        var payload = new byte[64];
        for (int i = 0; i < payload.Length; i++) payload[i] = (byte)(request.Id * 13 + i);
        Harness.GuestWrite(frame * GuestMemory.PageSize, payload);
        if (!request.Frames.Contains(frame)) request.Frames.Add(frame);
    }

    /// <summary>The frontend grants <paramref name="frame"/> for <paramref name="request"/>; the ref joins <see cref="GrantRequest.Refs"/>.</summary>
    public GrantStatus Grant(GrantRequest request, ulong frame, bool readOnly)
    {
        var status = Harness.Grant(frame, readOnly, out uint gref);
        if (status == GrantStatus.Okay) request.Refs.Add(gref);
        return status;
    }

    /// <summary>The backend maps <paramref name="gref"/>; the handle joins <see cref="GrantRequest.Handles"/>.</summary>
    public GrantStatus Map(GrantRequest request, uint gref, bool writable)
    {
        var status = Harness.Map(gref, writable, out var handle);
        if (status == GrantStatus.Okay) request.Handles.Add(handle);
        return status;
    }

    /// <summary>
    /// The backend reads or writes 64 bytes at the start of <paramref name="frame"/> through its access path. Touching
    /// a frame it has not mapped is a violation even when the mechanism refuses it (a correct backend never tries).
    /// </summary>
    public AccessVerdict Access(ulong frame, bool write)
    {
        ulong address = frame * GuestMemory.PageSize;
        var expected = Harness.Model.Verdict(address, 64, write);
        var verdict = Harness.Access(address, 64, write);
        if (expected != AccessVerdict.Allowed && !Harness.Failed)
            Harness.Fail($"the backend {(write ? "wrote" : "read")} frame {frame}, which it has not mapped{(write ? " writable" : "")} (the mechanism answered {verdict})");
        return verdict;
    }

    /// <summary>The backend unmaps <paramref name="handle"/>; it leaves <see cref="GrantRequest.Handles"/>.</summary>
    public GrantStatus Unmap(GrantRequest request, GrantHandle handle)
    {
        var status = Harness.Unmap(handle);
        if (status == GrantStatus.Okay) request.Handles.Remove(handle);
        return status;
    }

    /// <summary>The frontend revokes <paramref name="gref"/>; on success it leaves <see cref="GrantRequest.Refs"/> (Eagain keeps it).</summary>
    public GrantStatus Revoke(GrantRequest request, uint gref)
    {
        var status = Harness.Revoke(gref);
        if (status == GrantStatus.Okay) request.Refs.Remove(gref);
        return status;
    }
}
