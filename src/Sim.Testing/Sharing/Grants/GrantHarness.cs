using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Xen;

namespace Sim.Testing.Sharing.Grants;

/// <summary>
/// The real grant implementation (<see cref="GrantTable"/>, <see cref="GrantMapper"/>, <see cref="GrantedDeviceMemory"/>)
/// and a <see cref="GrantModel"/> side by side, for one guest (domain <see cref="Guest"/>, <see cref="Pages"/> pages,
/// its table at frame 0) and one backend (domain <see cref="Backend"/>), speaking Xen's grant table ABI
/// (xen/include/public/grant_table.h). Every operation runs on both and is compared; after every operation
/// <see cref="CheckInvariants"/> compares entries in guest memory, refs in use, live mappings, flush IPIs and the frames
/// the backend can reach. The oracle: a backend access the real path allowed outside the model's granted-and-mapped set
/// is a violation. A revoke of a mapped ref must answer Eagain and leave the entry unchanged. The first violation is
/// kept in the <see cref="Report"/>; operations after it still run but are not judged.
/// </summary>
/// <remarks>
/// Reset (<see cref="Reset"/>): the backend unmaps every mapping it holds, then the guest revokes every ref it granted
/// (what netback/blkback and the frontend do when a device is reset); afterwards nothing may leak: no live maptrack
/// handle, no ref in use, every touched entry GTF_invalid, no frame reachable by the backend.
/// </remarks>
public sealed class GrantHarness
{
    /// <summary>The granting guest's domain id.</summary>
    public const ushort Guest = 1;
    /// <summary>The backend's domain id (the grantee).</summary>
    public const ushort Backend = 0;
    /// <summary>A domain no grant is for: its maps and copies must fail with GNTST_bad_gntref.</summary>
    public const ushort Stranger = 7;
    /// <summary>Guest pages; frame 0 holds the grant table, frames 1 to <c>Pages - 1</c> are data.</summary>
    public const int Pages = 8;

    private readonly ReportBuilder _report = new();
    private readonly GrantInvariants _invariants;
    private readonly GrantDataPath _data;
    private readonly Action<GrantTable, uint>? _afterUnmap;

    /// <summary>
    /// A fresh guest and backend. <paramref name="backendPath"/>, when given, wraps the backend's real access path
    /// (<see cref="GrantedDeviceMemory"/>) in the backend's own: a policy under test may cache mappings there, and the
    /// oracle judges every access made through the wrapper. <paramref name="afterUnmap"/>, when given, runs after every
    /// unmap the mapper accepted, with the table and the ref that was mapped: the place to plant a hypervisor bug (an
    /// unmap that leaves GTF_reading set) and see the entry check catch it.
    /// </summary>
    public GrantHarness(Func<IDeviceMemory, GuestMemory, IDeviceMemory>? backendPath = null, Action<GrantTable, uint>? afterUnmap = null)
    {
        Memory = new GuestMemory("vm1", (ulong)Pages * GuestMemory.PageSize);
        Table = new GrantTable(Memory, Guest, baseAddress: 0, maxFrames: 1);
        Mapper = new GrantMapper(Table);
        Log = new AccessLog();
        var granted = new GrantedDeviceMemory(Mapper, Backend, "dom0/backend", Log);
        BackendPath = backendPath is null ? granted : backendPath(granted, Memory);
        Model = new GrantModel(Pages);
        _invariants = new GrantInvariants(Table, Mapper, Model);
        _data = new GrantDataPath(this);
        _afterUnmap = afterUnmap;
    }

    /// <summary>The guest's memory (table and data frames).</summary>
    public GuestMemory Memory { get; }
    /// <summary>The real grant table.</summary>
    public GrantTable Table { get; }
    /// <summary>The real mapper (Xen's side).</summary>
    public GrantMapper Mapper { get; }
    /// <summary>The backend's access log.</summary>
    public AccessLog Log { get; }
    /// <summary>The path the backend's accesses take (the real one, or a policy's wrapper around it).</summary>
    public IDeviceMemory BackendPath { get; }
    /// <summary>The reference model.</summary>
    public GrantModel Model { get; }
    /// <summary>Whether a violation has been found.</summary>
    public bool Failed => _report.Violation is not null;

    /// <summary>Names the step that following operations belong to, for the report.</summary>
    public void BeginStep(int step, string op)
    {
        _report.Step = step;
        _report.Op = op;
    }

    /// <summary>Records a violation of a check made outside the harness (a policy runner's own rules).</summary>
    public void Fail(string message) => _report.Fail(message);

    /// <summary>The report so far: first violation and trace.</summary>
    public SharingReport Report() => _report.Build();

    /// <summary>
    /// Runs <paramref name="ops"/> on a fresh harness (see the constructor for <paramref name="backendPath"/> and
    /// <paramref name="afterUnmap"/>), checking after every step; stops at the first violation.
    /// </summary>
    public static SharingReport Run(IEnumerable<GrantOp> ops, Func<IDeviceMemory, GuestMemory, IDeviceMemory>? backendPath = null, Action<GrantTable, uint>? afterUnmap = null)
    {
        var harness = new GrantHarness(backendPath, afterUnmap);
        int step = 0;
        foreach (var op in ops)
        {
            harness.BeginStep(step++, op.ToString());
            harness.Apply(op);
            if (harness.Failed) break;
        }
        return harness.Report();
    }

    /// <summary>Runs one operation, then <see cref="CheckInvariants"/>.</summary>
    public void Apply(GrantOp op)
    {
        switch (op)
        {
            case GrantFrame g: Grant((ulong)g.Frame, g.ReadOnly, out _); break;
            case MapGrant m: Map(m.Ref, m.Writable, out _, m.Stranger); break;
            case AccessFrame a: Access((ulong)a.Frame * GuestMemory.PageSize + (ulong)a.Offset, a.Length, a.Write); break;
            case AccessMapping a: AccessThrough(new GrantHandle(a.Handle), a.Offset, a.Length, a.Write); break;
            case UnmapGrant u: Unmap(new GrantHandle(u.Handle), u.Vcpus); break;
            case RevokeGrant r: Revoke(r.Ref); break;
            case CopyGrant c: Copy(c.Ref, c.Offset, c.Length, c.IntoGrant, c.Stranger); break;
            case ResetGrants: Reset(); break;
            default: throw new ArgumentException($"unknown grant operation {op}", nameof(op));
        }
        CheckInvariants();
    }

    /// <summary>The guest grants <paramref name="frame"/> to the backend; the ref must be free and inside the table.</summary>
    public GrantStatus Grant(ulong frame, bool readOnly, out uint gref)
    {
        var status = Table.TryGrantAccess(Backend, frame, readOnly, out gref);
        Trace($"grant(f{frame}{(readOnly ? ",ro" : "")}) = {status}{(status == GrantStatus.Okay ? $" ref {gref}" : "")}");
        if (status != GrantStatus.Okay) Fail($"grant of frame {frame} answered {status}; the model has {Model.Refs.Count} of {Table.Capacity} refs in use");
        else if (Model.Refs.ContainsKey(gref) || gref >= Table.Capacity) Fail($"grant answered ref {gref}, which is in use or outside the table");
        else
        {
            Model.Granted(gref, frame, readOnly);
            _invariants.Touched(gref);
        }
        CheckInvariants();
        return status;
    }

    /// <summary>
    /// The backend (or, with <paramref name="stranger"/>, domain <see cref="Stranger"/>) maps <paramref name="gref"/>
    /// (GNTTABOP_map_grant_ref); status, handle and frame must be the model's.
    /// </summary>
    public GrantStatus Map(uint gref, bool writable, out GrantHandle handle, bool stranger = false)
    {
        var expected = Model.ExpectMap(gref, writable, stranger);
        var status = Mapper.Map(stranger ? Stranger : Backend, gref, writable, out handle, out ulong frame);
        Trace($"map(ref {gref},{(writable ? "rw" : "r")}{(stranger ? ",stranger" : "")}) = {status}{(status == GrantStatus.Okay ? $" {handle} f{frame}" : "")}");
        if (status != expected) Fail($"map of ref {gref} answered {status}, the model expects {expected}");
        else if (status == GrantStatus.Okay)
        {
            if (Model.Handles.ContainsKey(handle.Value)) Fail($"map answered {handle}, which is live");
            else if (frame != Model.Refs[gref].Frame) Fail($"map answered frame {frame}; ref {gref} grants frame {Model.Refs[gref].Frame}");
            else
            {
                Model.Mapped(handle.Value, gref, writable);
                _data.Mapped(handle.Value, frame);
            }
        }
        CheckInvariants();
        return status;
    }

    /// <summary>
    /// The backend reads or writes <paramref name="length"/> bytes at guest address <paramref name="address"/> through
    /// <see cref="BackendPath"/>. The oracle: Allowed outside the model's mapped set is a violation; otherwise the
    /// verdict must be the model's, and a read must return the model's bytes.
    /// </summary>
    public AccessVerdict Access(ulong address, int length, bool write)
    {
        var verdict = _data.Access(address, length, write);
        CheckInvariants();
        return verdict;
    }

    /// <summary>
    /// The backend reads or writes through the pointer the map of <paramref name="handle"/> gave it: at
    /// <paramref name="offset"/> in the frame it maps, or last mapped (stale after its unmap); judged as
    /// <see cref="Access"/>. Null when the handle was never mapped (no pointer, nothing happens).
    /// </summary>
    public AccessVerdict? AccessThrough(GrantHandle handle, int offset, int length, bool write)
    {
        var verdict = _data.AccessThrough(handle.Value, offset, length, write);
        CheckInvariants();
        return verdict;
    }

    /// <summary>
    /// The backend (or, with <paramref name="stranger"/>, domain <see cref="Stranger"/>) copies <paramref name="length"/>
    /// bytes into or out of the frame of <paramref name="gref"/> at <paramref name="offset"/> (GNTTABOP_copy); the
    /// status must be the model's, bytes copied in join the model and bytes copied out must be the model's.
    /// </summary>
    public GrantStatus Copy(uint gref, int offset, int length, bool intoGrant, bool stranger = false)
    {
        var status = _data.Copy(gref, offset, length, intoGrant, stranger);
        CheckInvariants();
        return status;
    }

    /// <summary>
    /// The backend unmaps <paramref name="handle"/> (GNTTABOP_unmap_grant_ref), flushing the TLBs of
    /// <paramref name="vcpus"/> vCPUs that may hold it (one flush IPI each, counted by the model).
    /// </summary>
    public GrantStatus Unmap(GrantHandle handle, int vcpus = 1)
    {
        bool live = Model.Handles.TryGetValue(handle.Value, out var mapping);
        var expected = live ? GrantStatus.Okay : GrantStatus.BadHandle;
        var status = Mapper.Unmap(handle, vcpus);
        if (status == GrantStatus.Okay && live) _afterUnmap?.Invoke(Table, mapping.Ref);
        Trace($"unmap({handle}{(vcpus != 1 ? $",{vcpus}cpu" : "")}) = {status}");
        if (status != expected) Fail($"unmap of {handle} answered {status}, the model expects {expected}");
        else if (status == GrantStatus.Okay) Model.Unmapped(handle.Value, vcpus);
        CheckInvariants();
        return status;
    }

    /// <summary>
    /// The guest revokes <paramref name="gref"/>. While the backend maps it, the answer must be Eagain and the entry
    /// must stay exactly as it was (Xen: the revoke fails and the guest retries later).
    /// </summary>
    public GrantStatus Revoke(uint gref)
    {
        var expected = Model.ExpectRevoke(gref);
        var before = gref < Table.Capacity ? Table.ReadEntry(gref) : default;
        var status = Table.EndAccess(gref);
        Trace($"revoke(ref {gref}) = {status}");
        if (expected == GrantStatus.Eagain && status == GrantStatus.Okay)
            Fail($"ref {gref} was revoked while the backend still maps it {Model.Refs[gref].Maps} time(s); Xen answers Eagain");
        else if (status != expected) Fail($"revoke of ref {gref} answered {status}, the model expects {expected}");
        else if (status == GrantStatus.Eagain && Table.ReadEntry(gref) != before)
            Fail($"the refused revoke of ref {gref} changed its entry from {before} to {Table.ReadEntry(gref)}");
        else if (status == GrantStatus.Okay) Model.Revoked(gref);
        CheckInvariants();
        return status;
    }

    /// <summary>The guest itself writes <paramref name="data"/> at <paramref name="address"/> of its memory (a frontend filling a buffer).</summary>
    public void GuestWrite(ulong address, ReadOnlySpan<byte> data)
    {
        _data.GuestWrite(address, data);
        CheckInvariants();
    }

    /// <summary>
    /// Device reset: the backend unmaps every live handle (lowest first), the guest revokes every granted ref (lowest
    /// first), then <see cref="CheckNothingLeaks"/>.
    /// </summary>
    public void Reset()
    {
        foreach (uint handle in Model.Handles.Keys.Order().ToList()) Unmap(new GrantHandle(handle));
        foreach (uint gref in Model.Refs.Keys.Order().ToList()) Revoke(gref);
        CheckNothingLeaks();
    }

    /// <summary>After a reset: no live mapping, no ref in use, no frame reachable by the backend.</summary>
    public void CheckNothingLeaks()
    {
        if (_invariants.Leak() is { } leak) Fail(leak);
        CheckInvariants();
    }

    /// <summary>Compares the real state with the model: entries in memory, refs in use, live mappings, flush IPIs, reachable frames.</summary>
    public void CheckInvariants()
    {
        if (Failed) return; // the first violation is the one reported
        if (_invariants.Violation() is { } violation) Fail(violation);
    }

    /// <summary>Adds a line to the report's trace, under the current step.</summary>
    internal void Trace(string line) => _report.Trace($"[{_report.Step}] {line}");
}
