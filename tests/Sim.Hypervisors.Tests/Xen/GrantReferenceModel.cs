using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Xen;

namespace Sim.Hypervisors.Tests.Xen;

/// <summary>Bugs a run can plant, to show the property catches them.</summary>
internal enum GrantFault
{
    /// <summary>The real implementation.</summary>
    None,
    /// <summary>A mapper whose unmap forgets to clear GTF_reading (the harness sets it back after every unmap).</summary>
    UnmapLeavesReading,
    /// <summary>A backend access path that keeps allowing a frame once allowed, even after its unmap.</summary>
    DeviceKeepsUnmappedFrames,
}

/// <summary>
/// Runs a <see cref="GrantProgram"/> against the implementation and against a small reference model (ref → state,
/// handle → mapping, the bytes of guest memory), and reports the first disagreement. After every step it checks the
/// entries in guest memory, refs in use, live mappings, the frames the backend can reach, and the flush IPI count;
/// every access's verdict (so no access outside the mapped set succeeds) and the bytes it read.
/// </summary>
internal sealed class GrantReferenceModel
{
    private sealed class RefState(ulong frame, bool readOnly)
    {
        public ulong Frame { get; } = frame;
        public bool ReadOnly { get; } = readOnly;
        public int Maps { get; set; }
        public int WritableMaps { get; set; }
    }

    private const ulong Page = GuestMemory.PageSize;

    private readonly GrantWorld _world = new(pages: GrantProgram.Pages, tableFrames: 1);
    private readonly IDeviceMemory _device;
    private readonly GrantFault _fault;
    private readonly Dictionary<uint, RefState> _refs = new();
    private readonly Dictionary<uint, (uint Gref, bool Writable)> _handles = new();
    private readonly List<uint> _seenRefs = new();
    private readonly List<uint> _seenHandles = new();
    private readonly byte[] _bytes = new byte[GrantProgram.Pages * GuestMemory.PageSize];
    private readonly Dictionary<string, int>? _outcomes;
    private long _flushIpis;

    private GrantReferenceModel(GrantFault fault, Dictionary<string, int>? outcomes)
    {
        _fault = fault;
        _outcomes = outcomes;
        _device = fault == GrantFault.DeviceKeepsUnmappedFrames ? new StickyDeviceMemory(_world.Device, _world.Memory) : _world.Device;
    }

    /// <summary>The first disagreement, or null; counts each step's outcome ("Map:Okay") into <paramref name="outcomes"/>.</summary>
    public static string? Run(GrantProgram program, GrantFault fault = GrantFault.None, Dictionary<string, int>? outcomes = null)
    {
        var model = new GrantReferenceModel(fault, outcomes);
        for (int step = 0; step < program.Ops.Length; step++)
        {
            var op = program.Ops[step];
            string? failure = model.Step(op) ?? model.Invariants();
            if (failure is not null) return $"step {step} {op}: {failure}";
        }
        return null;
    }

    private string? Step(GrantOp op) => op.Kind switch
    {
        GrantOpKind.Grant => Grant(op),
        GrantOpKind.Map => Map(op),
        GrantOpKind.Access => Access(op),
        GrantOpKind.Unmap => Unmap(op),
        GrantOpKind.EndAccess => EndAccess(op),
        _ => Copy(op),
    };

    private string? Grant(GrantOp op)
    {
        var status = Seen(op, _world.Table.TryGrantAccess(GrantWorld.Backend, (ulong)op.Frame, op.Flag, out uint gref));
        if (status != GrantStatus.Okay) return $"grant returned {status}, model expects Okay";
        if (_refs.ContainsKey(gref) || gref >= _world.Table.Capacity) return $"grant returned ref {gref}, which is in use or outside the table";
        _refs.Add(gref, new RefState((ulong)op.Frame, op.Flag));
        if (!_seenRefs.Contains(gref)) _seenRefs.Add(gref);
        return null;
    }

    private string? Map(GrantOp op)
    {
        uint gref = PickRef(op.Pick);
        ushort grantee = op.Stranger ? GrantWorld.Stranger : GrantWorld.Backend;
        var state = _refs.GetValueOrDefault(gref);
        var expected = state is null || grantee != GrantWorld.Backend ? GrantStatus.BadGntref
            : state.ReadOnly && op.Flag ? GrantStatus.PermissionDenied
            : GrantStatus.Okay;
        var status = Seen(op, _world.Mapper.Map(grantee, gref, op.Flag, out var handle, out ulong frame));
        if (status != expected) return $"map of ref {gref} returned {status}, model expects {expected}";
        if (status != GrantStatus.Okay) return null;
        if (_handles.ContainsKey(handle.Value)) return $"map returned {handle}, which is live";
        if (frame != state!.Frame) return $"map returned frame {frame}, the grant is for {state.Frame}";
        _handles.Add(handle.Value, (gref, op.Flag));
        if (!_seenHandles.Contains(handle.Value)) _seenHandles.Add(handle.Value);
        state.Maps++;
        if (op.Flag) state.WritableMaps++;
        return null;
    }

    private string? Unmap(GrantOp op)
    {
        uint value = PickHandle(op.Pick);
        int vcpus = 1 + op.Seed % 4;
        bool live = _handles.Remove(value, out var mapping);
        var expected = live ? GrantStatus.Okay : GrantStatus.BadHandle;
        var status = Seen(op, _world.Mapper.Unmap(new GrantHandle(value), vcpus));
        if (status != expected) return $"unmap of handle {value} returned {status}, model expects {expected}";
        if (!live) return null;
        var state = _refs[mapping.Gref];
        state.Maps--;
        if (mapping.Writable) state.WritableMaps--;
        _flushIpis += vcpus;
        if (_fault == GrantFault.UnmapLeavesReading)
        {
            ulong flags = _world.Table.EntryAddress(mapping.Gref);
            _world.Memory.WriteUInt16(flags, (ushort)(_world.Memory.ReadUInt16(flags) | (ushort)GrantFlags.Reading));
        }
        return null;
    }

    private string? EndAccess(GrantOp op)
    {
        uint gref = PickRef(op.Pick);
        var state = _refs.GetValueOrDefault(gref);
        var expected = state is null ? GrantStatus.BadGntref : state.Maps > 0 ? GrantStatus.Eagain : GrantStatus.Okay;
        var status = Seen(op, _world.Table.EndAccess(gref));
        if (state is not null && state.Maps > 0 && status == GrantStatus.Okay) return $"ref {gref} was revoked while mapped {state.Maps} times";
        if (status != expected) return $"end access of ref {gref} returned {status}, model expects {expected}";
        if (status == GrantStatus.Okay) _refs.Remove(gref);
        return null;
    }

    private string? Access(GrantOp op)
    {
        // Two accesses in three aim at a frame the backend has mapped now, so that allowed accesses are common.
        var live = _handles.OrderBy(h => h.Key).Select(h => _refs[h.Value.Gref].Frame).ToList();
        ulong frame = live.Count > 0 && op.Pick % 3 != 0 ? live[op.Pick % live.Count] : (ulong)op.Frame;
        ulong address = frame * Page + (ulong)op.Offset;
        var data = Pattern(op);
        AccessVerdict expected;
        if (address + (ulong)op.Length > (ulong)_bytes.Length) expected = AccessVerdict.OutOfRange;
        else
        {
            var need = op.Flag ? MappedAccess.ReadWrite : MappedAccess.Read;
            bool allowed = true;
            for (ulong page = address / Page; page <= (address + (ulong)op.Length - 1) / Page; page++)
                allowed &= MappedByModel(page) >= need;
            expected = allowed ? AccessVerdict.Allowed : AccessVerdict.Denied;
        }
        var verdict = Seen(op, op.Flag ? _device.Write(address, data) : _device.Read(address, data));
        if (verdict == AccessVerdict.Allowed && expected != AccessVerdict.Allowed)
            return $"{(op.Flag ? "write" : "read")} at 0x{address:x}+{op.Length} succeeded outside the mapped set (model: {expected})";
        if (verdict != expected) return $"access at 0x{address:x}+{op.Length} was {verdict}, model expects {expected}";
        if (verdict != AccessVerdict.Allowed) return null;
        if (op.Flag) data.CopyTo(_bytes, (int)address);
        else if (!data.AsSpan().SequenceEqual(_bytes.AsSpan((int)address, op.Length))) return $"read at 0x{address:x} returned other bytes than the model holds";
        return null;
    }

    private string? Copy(GrantOp op)
    {
        uint gref = PickRef(op.Pick);
        ushort grantee = op.Stranger ? GrantWorld.Stranger : GrantWorld.Backend;
        var state = _refs.GetValueOrDefault(gref);
        var expected = state is null || grantee != GrantWorld.Backend ? GrantStatus.BadGntref
            : op.Offset + op.Length > GuestMemory.PageSize ? GrantStatus.BadCopyArg
            : op.Flag && state.ReadOnly ? GrantStatus.PermissionDenied
            : GrantStatus.Okay;
        var data = Pattern(op);
        var status = Seen(op, op.Flag
            ? _world.Mapper.CopyToGrant(grantee, gref, op.Offset, data)
            : _world.Mapper.CopyFromGrant(grantee, gref, op.Offset, data));
        if (status != expected) return $"copy with ref {gref} returned {status}, model expects {expected}";
        if (status != GrantStatus.Okay) return null;
        int address = (int)(state!.Frame * Page) + op.Offset;
        if (op.Flag) data.CopyTo(_bytes, address);
        else if (!data.AsSpan().SequenceEqual(_bytes.AsSpan(address, op.Length))) return $"copy from ref {gref} returned other bytes than the model holds";
        return null;
    }

    private string? Invariants()
    {
        foreach (uint gref in _seenRefs)
        {
            var entry = _world.Table.ReadEntry(gref);
            var expected = GrantFlags.Invalid;
            if (_refs.TryGetValue(gref, out var state))
            {
                expected = GrantFlags.PermitAccess
                    | (state.ReadOnly ? GrantFlags.ReadOnly : 0)
                    | (state.Maps > 0 ? GrantFlags.Reading : 0)
                    | (state.WritableMaps > 0 ? GrantFlags.Writing : 0);
                if (entry.Domid != GrantWorld.Backend || entry.Frame != state.Frame) return $"ref {gref} entry is {entry}, model has domid {GrantWorld.Backend} frame {state.Frame}";
            }
            if (entry.Flags != expected) return $"ref {gref} flags are {entry.Flags}, model expects {expected}";
        }
        var counters = _world.Table.Counters;
        if (counters.RefsInUse != _refs.Count) return $"{counters.RefsInUse} refs in use, model has {_refs.Count}";
        if (_world.Mapper.ActiveMappings != _handles.Count) return $"{_world.Mapper.ActiveMappings} live mappings, model has {_handles.Count}";
        if (counters.FlushIpis != _flushIpis) return $"{counters.FlushIpis} flush IPIs, model counts {_flushIpis}";
        for (ulong frame = 0; frame < GrantProgram.Pages; frame++)
            if (_world.Mapper.AccessTo(GrantWorld.Backend, frame) != MappedByModel(frame))
                return $"frame {frame} reachable as {_world.Mapper.AccessTo(GrantWorld.Backend, frame)}, model says {MappedByModel(frame)}";
        return null;
    }

    private MappedAccess MappedByModel(ulong frame)
    {
        var access = MappedAccess.None;
        foreach (var (gref, writable) in _handles.Values)
            if (_refs[gref].Frame == frame) access = writable ? MappedAccess.ReadWrite : (MappedAccess)Math.Max((int)access, (int)MappedAccess.Read);
        return access;
    }

    private T Seen<T>(GrantOp op, T outcome) where T : Enum
    {
        if (_outcomes is not null)
        {
            string key = $"{op.Kind}{(op.Kind is GrantOpKind.Access or GrantOpKind.Copy ? (op.Flag ? "Write" : "Read") : "")}:{outcome}";
            _outcomes[key] = _outcomes.GetValueOrDefault(key) + 1;
        }
        return outcome;
    }

    private uint PickRef(int pick) => _seenRefs.Count > 0 && pick % 4 != 0 ? _seenRefs[pick % _seenRefs.Count] : (uint)(pick % 520);

    private uint PickHandle(int pick) => _seenHandles.Count > 0 && pick % 4 != 0 ? _seenHandles[pick % _seenHandles.Count] : (uint)(pick % 8);

    private static byte[] Pattern(GrantOp op)
    {
        var data = new byte[op.Length];
        for (int i = 0; i < data.Length; i++) data[i] = (byte)(op.Seed + i * 31);
        return data;
    }

    /// <summary>The planted device bug: once a page was allowed for reads (or writes), it stays so (a stale mapping never torn down).</summary>
    private sealed class StickyDeviceMemory(IDeviceMemory inner, GuestMemory memory) : IDeviceMemory
    {
        private readonly HashSet<(ulong Page, MemoryAccessKind Kind)> _once = new();

        public AccessVerdict Read(ulong address, Span<byte> destination)
        {
            var verdict = inner.Read(address, destination);
            if (verdict != AccessVerdict.Denied || !Covered(address, destination.Length, MemoryAccessKind.Read)) return Remember(verdict, address, destination.Length, MemoryAccessKind.Read);
            memory.Read(address, destination);
            return AccessVerdict.Allowed;
        }

        public AccessVerdict Write(ulong address, ReadOnlySpan<byte> source)
        {
            var verdict = inner.Write(address, source);
            if (verdict != AccessVerdict.Denied || !Covered(address, source.Length, MemoryAccessKind.Write)) return Remember(verdict, address, source.Length, MemoryAccessKind.Write);
            memory.Write(address, source);
            return AccessVerdict.Allowed;
        }

        private AccessVerdict Remember(AccessVerdict verdict, ulong address, int length, MemoryAccessKind kind)
        {
            if (verdict == AccessVerdict.Allowed && length > 0)
                for (ulong page = address / Page; page <= (address + (ulong)length - 1) / Page; page++) _once.Add((page, kind));
            return verdict;
        }

        private bool Covered(ulong address, int length, MemoryAccessKind kind)
        {
            for (ulong page = address / Page; page <= (address + (ulong)length - 1) / Page; page++)
                if (!_once.Contains((page, kind))) return false;
            return true;
        }
    }
}
