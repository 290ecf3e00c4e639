using Sim.Hypervisors.Xen;

namespace Sim.Testing.Sharing.Grants;

/// <summary>
/// Compares the real grant state with the <see cref="GrantModel"/>: every entry the run has touched, as it lies in guest
/// memory (grant_table.h's <c>grant_entry_v1</c>: flags, domid, frame), refs in use, live maptrack handles, the flush
/// IPIs the unmaps cost, and the frames the backend can reach; after a device reset, that nothing leaks.
/// </summary>
internal sealed class GrantInvariants
{
    private readonly GrantTable _table;
    private readonly GrantMapper _mapper;
    private readonly GrantModel _model;
    private readonly HashSet<uint> _touchedRefs = new();

    public GrantInvariants(GrantTable table, GrantMapper mapper, GrantModel model)
    {
        _table = table;
        _mapper = mapper;
        _model = model;
    }

    /// <summary>Adds <paramref name="gref"/> to the entries checked from now on (a grant wrote it).</summary>
    public void Touched(uint gref) => _touchedRefs.Add(gref);

    /// <summary>The first difference between the real state and the model, or null.</summary>
    public string? Violation()
    {
        foreach (uint gref in _touchedRefs.Order())
        {
            var entry = _table.ReadEntry(gref);
            if (_model.Refs.TryGetValue(gref, out var r))
            {
                var flags = GrantModel.ExpectedFlags(r);
                if (entry.Flags != flags || entry.Domid != GrantHarness.Backend || entry.Frame != r.Frame)
                    return $"ref {gref} entry is {entry}; the model has flags {flags}, domid {GrantHarness.Backend}, frame {r.Frame}";
            }
            else if (entry.Flags != GrantFlags.Invalid) return $"ref {gref} is not granted, but its entry is {entry}";
        }
        var counters = _table.Counters;
        if (counters.RefsInUse != _model.Refs.Count) return $"{counters.RefsInUse} refs in use, the model has {_model.Refs.Count}";
        if (_mapper.ActiveMappings != _model.Handles.Count) return $"{_mapper.ActiveMappings} live mappings, the model has {_model.Handles.Count}";
        if (counters.FlushIpis != _model.FlushIpis) return $"{counters.FlushIpis} flush IPIs, the model counts {_model.FlushIpis}";
        for (ulong frame = 0; frame < GrantHarness.Pages; frame++)
            if (_mapper.AccessTo(GrantHarness.Backend, frame) != _model.AccessTo(frame))
                return $"frame {frame} is reachable as {_mapper.AccessTo(GrantHarness.Backend, frame)}, the model says {_model.AccessTo(frame)}";
        return null;
    }

    /// <summary>After a reset: a live mapping, a ref in use or a frame the backend can still reach, or null.</summary>
    public string? Leak()
    {
        if (_mapper.ActiveMappings != 0) return $"{_mapper.ActiveMappings} mapping(s) survive the reset";
        if (_table.Counters.RefsInUse != 0) return $"{_table.Counters.RefsInUse} grant ref(s) stay in use after the reset";
        for (ulong frame = 0; frame < GrantHarness.Pages; frame++)
            if (_mapper.AccessTo(GrantHarness.Backend, frame) != MappedAccess.None) return $"frame {frame} stays reachable by the backend after the reset";
        return null;
    }
}
