using FsCheck;
using FsCheck.Fluent;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Xen;

namespace Sim.Testing.Sharing.Grants;

/// <summary>
/// A request travelling from the frontend (the guest's driver) to the backend and back, as a virtio or Xen PV ring
/// would carry it. The runner creates it; the policy fills in what it did, so later steps (and a reset) can undo it.
/// </summary>
public sealed class GrantRequest
{
    internal GrantRequest(int id, int pages, bool deviceWrites)
    {
        Id = id;
        Pages = pages;
        DeviceWrites = deviceWrites;
    }

    /// <summary>The request's number, in submission order from 0.</summary>
    public int Id { get; }
    /// <summary>Buffer pages the request carries (1 or 2).</summary>
    public int Pages { get; }
    /// <summary>Whether the device writes the buffer (a read request, device to guest) rather than reads it.</summary>
    public bool DeviceWrites { get; }
    /// <summary>The guest frames holding the buffer (the frontend adds them with <see cref="GrantPolicyContext.Fill"/>).</summary>
    public List<ulong> Frames { get; } = new();
    /// <summary>Refs granted for the buffer and not yet revoked (kept by <see cref="GrantPolicyContext.Grant"/> and <see cref="GrantPolicyContext.Revoke"/>).</summary>
    public List<uint> Refs { get; } = new();
    /// <summary>The backend's live mappings for the buffer (kept by <see cref="GrantPolicyContext.Map"/> and <see cref="GrantPolicyContext.Unmap"/>).</summary>
    public List<GrantHandle> Handles { get; } = new();
    /// <summary>Whether the backend has served it.</summary>
    public bool Served { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"r{Id}";
}

/// <summary>
/// A sharing policy over grants: what the frontend grants when it submits a request and revokes when the used element
/// comes back, what the backend maps, touches and unmaps when it serves one, and how both tear down on a device reset.
/// Implement it (or derive from <see cref="GrantPolicy"/>, the standard map-access-unmap behaviour) and check it with
/// <see cref="SharingProperties.GrantPolicy"/>. Every operation goes through the <see cref="GrantPolicyContext"/>,
/// which runs it on the real implementation and the model and judges it.
/// </summary>
public interface IGrantPolicy
{
    /// <summary>The backend's access path, given the real one: return it unchanged unless the backend keeps its own mappings.</summary>
    IDeviceMemory BackendPath(IDeviceMemory granted, GuestMemory memory);
    /// <summary>The frontend submits <paramref name="request"/>: chooses and fills its buffer frames and grants them.</summary>
    void Submit(GrantPolicyContext context, GrantRequest request);
    /// <summary>The backend serves <paramref name="request"/>: maps, reads or writes the buffer, and (usually) unmaps.</summary>
    void Serve(GrantPolicyContext context, GrantRequest request);
    /// <summary>The used element of <paramref name="request"/> comes back: the backend lets go of it, the frontend revokes its grants.</summary>
    void Complete(GrantPolicyContext context, GrantRequest request);
    /// <summary>The device is reset with <paramref name="inFlight"/> requests outstanding: both sides must tear everything down.</summary>
    void Reset(GrantPolicyContext context, IReadOnlyList<GrantRequest> inFlight);
}

/// <summary>
/// The standard grant policy, each step overridable: submit fills free frames and grants them (read-only unless the
/// device writes); serve maps every ref, touches every frame, unmaps; complete unmaps what is left and revokes every
/// ref; reset completes every in-flight request.
/// </summary>
public class GrantPolicy : IGrantPolicy
{
    /// <inheritdoc />
    public virtual IDeviceMemory BackendPath(IDeviceMemory granted, GuestMemory memory) => granted;

    /// <inheritdoc />
    public virtual void Submit(GrantPolicyContext context, GrantRequest request)
    {
        for (int i = 0; i < request.Pages; i++)
        {
            ulong frame = context.FreeFrame();
            context.Fill(request, frame);
            context.Grant(request, frame, readOnly: !request.DeviceWrites);
        }
    }

    /// <inheritdoc />
    public virtual void Serve(GrantPolicyContext context, GrantRequest request)
    {
        foreach (uint gref in request.Refs.ToList()) context.Map(request, gref, writable: request.DeviceWrites);
        foreach (ulong frame in request.Frames) context.Access(frame, write: request.DeviceWrites);
        foreach (var handle in request.Handles.ToList()) context.Unmap(request, handle);
    }

    /// <inheritdoc />
    public virtual void Complete(GrantPolicyContext context, GrantRequest request)
    {
        foreach (var handle in request.Handles.ToList()) context.Unmap(request, handle);
        foreach (uint gref in request.Refs.ToList()) context.Revoke(request, gref);
    }

    /// <inheritdoc />
    public virtual void Reset(GrantPolicyContext context, IReadOnlyList<GrantRequest> inFlight)
    {
        foreach (var request in inFlight) Complete(context, request);
    }
}

/// <summary>
/// What a policy may do, each operation run on the real implementation and the <see cref="GrantModel"/> and judged by
/// the oracle (<see cref="GrantHarness"/>), plus the protocol's own rules: the backend touches only frames it has
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

/// <summary>One step of a workload the runner drives a <see cref="IGrantPolicy"/> through.</summary>
public abstract record GrantWorkloadStep;

/// <summary>The frontend submits a new request of <paramref name="Pages"/> pages (skipped when too few frames are free).</summary>
/// <param name="Pages">1 or 2.</param>
/// <param name="DeviceWrites">Whether the device writes the buffer.</param>
public sealed record SubmitRequest(int Pages, bool DeviceWrites) : GrantWorkloadStep
{
    /// <inheritdoc />
    public override string ToString() => $"submit({Pages}p,{(DeviceWrites ? "device writes" : "device reads")})";
}

/// <summary>The backend serves an in-flight request not yet served: the <paramref name="Pick"/>-th (modulo their number), oldest first.</summary>
/// <param name="Pick">Which one.</param>
public sealed record ServeRequest(int Pick) : GrantWorkloadStep
{
    /// <inheritdoc />
    public override string ToString() => $"serve(#{Pick})";
}

/// <summary>The used element of a served request comes back: the <paramref name="Pick"/>-th served one (modulo), oldest first.</summary>
/// <param name="Pick">Which one.</param>
public sealed record CompleteRequest(int Pick) : GrantWorkloadStep
{
    /// <inheritdoc />
    public override string ToString() => $"complete(#{Pick})";
}

/// <summary>The device is reset.</summary>
public sealed record ResetDevice : GrantWorkloadStep
{
    /// <inheritdoc />
    public override string ToString() => "reset";
}

/// <summary>FsCheck generators of grant workloads.</summary>
public static class GrantWorkloads
{
    /// <summary>One step: submits, serves and completes about equally often, a reset now and then.</summary>
    public static Gen<GrantWorkloadStep> Step { get; } = PolicyWorkload.Mix<GrantWorkloadStep>(
        from pages in Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Constant(2))) from writes in Gen.Elements(true, false)
            select (GrantWorkloadStep)new SubmitRequest(pages, writes),
        pick => new ServeRequest(pick), pick => new CompleteRequest(pick), new ResetDevice());

    /// <summary>Workloads of 1 to <paramref name="maxSteps"/> steps, shrinking by halves and single steps.</summary>
    public static Arbitrary<OpScript<GrantWorkloadStep>> Workloads(int maxSteps = 30) => OpScript<GrantWorkloadStep>.Arbitrary(Step, maxSteps, Simpler);

    /// <summary>Simpler versions of one step, simplest first: lower picks, one page.</summary>
    public static IEnumerable<GrantWorkloadStep> Simpler(GrantWorkloadStep step) => step switch
    {
        SubmitRequest s when s.Pages > 1 => [s with { Pages = 1 }],
        ServeRequest s => PolicyWorkload.LowerPicks(s.Pick, pick => (GrantWorkloadStep)(s with { Pick = pick })),
        CompleteRequest c => PolicyWorkload.LowerPicks(c.Pick, pick => (GrantWorkloadStep)(c with { Pick = pick })),
        _ => [],
    };

    /// <summary>
    /// Drives <paramref name="policy"/> through <paramref name="workload"/> on a fresh <see cref="GrantHarness"/>:
    /// every operation is judged as it happens, invariants are checked after every step, and after a reset nothing may
    /// leak. Stops at the first violation.
    /// </summary>
    public static SharingReport Run(IGrantPolicy policy, IEnumerable<GrantWorkloadStep> workload)
    {
        var harness = new GrantHarness(policy.BackendPath);
        var inFlight = new List<GrantRequest>();
        var context = new GrantPolicyContext(harness, inFlight);
        int step = 0, nextId = 0;
        foreach (var next in workload)
        {
            harness.BeginStep(step++, next.ToString()!);
            switch (next)
            {
                case SubmitRequest s:
                    int free = Enumerable.Range(1, GrantHarness.Pages - 1).Count(f => !inFlight.Any(r => r.Frames.Contains((ulong)f)));
                    if (free < s.Pages) break;
                    var request = new GrantRequest(nextId++, s.Pages, s.DeviceWrites);
                    inFlight.Add(request); // in flight from now on: the frames it takes are no longer free
                    policy.Submit(context, request);
                    break;
                case ServeRequest s:
                    if (PolicyWorkload.Pick(inFlight, r => r.Served, served: false, s.Pick) is not { } toServe) break;
                    toServe.Served = true;
                    policy.Serve(context, toServe);
                    break;
                case CompleteRequest c:
                    if (PolicyWorkload.Pick(inFlight, r => r.Served, served: true, c.Pick) is not { } done) break;
                    policy.Complete(context, done);
                    inFlight.Remove(done);
                    break;
                case ResetDevice:
                    policy.Reset(context, inFlight.ToList());
                    inFlight.Clear();
                    harness.CheckNothingLeaks();
                    break;
                default:
                    throw new ArgumentException($"unknown workload step {next}", nameof(workload));
            }
            harness.CheckInvariants();
            if (harness.Failed) break;
        }
        return harness.Report();
    }
}
