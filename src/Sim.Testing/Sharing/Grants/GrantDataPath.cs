using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Xen;

namespace Sim.Testing.Sharing.Grants;

/// <summary>
/// The bytes that cross between the guest and the backend, judged against the <see cref="GrantModel"/>'s copy of guest
/// memory: the guest's own writes, the backend's accesses through its path (the oracle: allowed only inside the
/// granted-and-mapped set) and grant copies in both directions (grant_table.h, GNTTABOP_copy, with its GNTST_* status).
/// </summary>
internal sealed class GrantDataPath
{
    private readonly GrantHarness _harness;
    private readonly Dictionary<uint, ulong> _pointers = new();
    private int _fill;

    public GrantDataPath(GrantHarness harness) => _harness = harness;

    private GrantModel Model => _harness.Model;

    /// <summary>See <see cref="GrantHarness.Access"/>.</summary>
    public AccessVerdict Access(ulong address, int length, bool write)
    {
        var expected = Model.Verdict(address, length, write);
        var data = new byte[length];
        if (write) Fill(data);
        var verdict = write ? _harness.BackendPath.Write(address, data) : _harness.BackendPath.Read(address, data);
        string what = $"{(write ? "write" : "read")} of {length} bytes at 0x{address:x} (f{address / GuestMemory.PageSize}+{address % GuestMemory.PageSize})";
        _harness.Trace($"{what} = {verdict}");
        if (verdict == AccessVerdict.Allowed && expected != AccessVerdict.Allowed)
            _harness.Fail($"{what} was allowed outside the granted-and-mapped set (model: {expected}) and nothing recorded it");
        else if (verdict != expected) _harness.Fail($"{what} was {verdict}, the model expects {expected}");
        else if (verdict == AccessVerdict.Allowed) Moved(data, (int)address, write, what);
        return verdict;
    }

    /// <summary>The backend now holds a pointer to <paramref name="frame"/> under <paramref name="handle"/> (kept after its unmap).</summary>
    public void Mapped(uint handle, ulong frame) => _pointers[handle] = frame;

    /// <summary>See <see cref="GrantHarness.AccessThrough"/>.</summary>
    public AccessVerdict? AccessThrough(uint handle, int offset, int length, bool write)
    {
        if (_pointers.TryGetValue(handle, out ulong frame)) return Access(frame * GuestMemory.PageSize + (ulong)offset, length, write);
        _harness.Trace($"{(write ? "write" : "read")} through handle {handle}: never mapped, no pointer");
        return null;
    }

    /// <summary>See <see cref="GrantHarness.Copy"/>.</summary>
    public GrantStatus Copy(uint gref, int offset, int length, bool intoGrant, bool stranger)
    {
        var expected = Model.ExpectCopy(gref, offset, length, intoGrant, stranger);
        ushort copier = stranger ? GrantHarness.Stranger : GrantHarness.Backend;
        var data = new byte[length];
        if (intoGrant) Fill(data);
        var status = intoGrant ? _harness.Mapper.CopyToGrant(copier, gref, offset, data) : _harness.Mapper.CopyFromGrant(copier, gref, offset, data);
        string what = $"copy{(intoGrant ? "To" : "From")}(ref {gref}+{offset},{length}{(stranger ? ",stranger" : "")})";
        _harness.Trace($"{what} = {status}");
        if (status != expected) _harness.Fail($"{what} answered {status}, the model expects {expected}");
        else if (status == GrantStatus.Okay) Moved(data, (int)(Model.Refs[gref].Frame * GuestMemory.PageSize) + offset, intoGrant, what);
        return status;
    }

    /// <summary>See <see cref="GrantHarness.GuestWrite"/>.</summary>
    public void GuestWrite(ulong address, ReadOnlySpan<byte> data)
    {
        _harness.Memory.Write(address, data);
        if (address + (ulong)data.Length <= (ulong)Model.Bytes.Length) data.CopyTo(Model.Bytes.AsSpan((int)address));
        _harness.Trace($"guest writes {data.Length} bytes at 0x{address:x} (f{address / GuestMemory.PageSize})");
    }

    /// <summary>Bytes that reached guest memory join the model; bytes read from it must be the model's.</summary>
    private void Moved(byte[] data, int address, bool intoGuest, string what)
    {
        if (intoGuest) data.CopyTo(Model.Bytes, address);
        else if (!data.AsSpan().SequenceEqual(Model.Bytes.AsSpan(address, data.Length))) _harness.Fail($"{what} returned other bytes than the model holds");
    }

    private void Fill(byte[] data)
    {
        _fill++;
        for (int i = 0; i < data.Length; i++) data[i] = (byte)(_fill * 37 + i * 11);
    }
}
