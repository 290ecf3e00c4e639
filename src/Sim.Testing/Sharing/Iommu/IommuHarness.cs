using Sim.Devices.Iommu;
using Sim.Hypervisors.Memory;

namespace Sim.Testing.Sharing.Iommu;

/// <summary>
/// A real <see cref="IommuDevice"/> (1 MiB guest, endpoints 1 and 2, domains 0-15, an 8-entry IOTLB) with each
/// endpoint's <see cref="IommuDeviceMemory"/>, run side by side with an <see cref="IommuModel"/>. It starts with
/// endpoint 1 attached to domain 1 and endpoint 2 to domain 2. Every request's status must be the model's; after
/// every step the domains, their mappings, the attachments and the pending unmaps must agree. The oracle for each DMA
/// access: allowed with any page the model cannot reach at all is a violation; allowed through a page reachable only
/// stale (lazy invalidation) must have been counted by the device as a stale access, and is reported as a finding;
/// an access over live pages only must be allowed and not stale; an allowed read returns the model's bytes.
/// </summary>
/// <remarks>
/// Reset of an endpoint (<see cref="Reset"/>): the driver detaches it from its domain (DETACH), as Linux's
/// virtio-iommu driver does when the device behind it goes away; a domain left without endpoints ceases to exist with
/// its mappings and cached translations. Afterwards the endpoint must be attached nowhere, and its former domain must
/// be gone unless another endpoint still uses it; every later access of the endpoint must be denied.
/// </remarks>
public sealed class IommuHarness
{
    /// <summary>Guest memory size.</summary>
    public const ulong MemorySize = 1 << 20;

    private readonly ReportBuilder _report = new();
    private readonly Dictionary<ulong, byte[]> _shadow = new();
    private readonly Dictionary<uint, IommuDeviceMemory> _paths = new();
    private long _stale;
    private int _fill;

    /// <summary>
    /// A fresh device whose invalidation policy is <paramref name="policy"/>, judged by a model expecting the same, or
    /// <paramref name="expected"/> when given (a device with another policy than the one expected is a planted bug).
    /// </summary>
    public IommuHarness(InvalidationPolicy policy, InvalidationPolicy? expected = null)
    {
        Memory = new GuestMemory("guest", MemorySize);
        Log = new AccessLog();
        Device = new IommuDevice(new IommuDeviceOptions
        {
            Endpoints = [1, 2],
            LastDomain = 15,
            LastIova = (1UL << 48) - 1,
            IotlbCapacity = 8,
            Invalidation = policy,
        });
        Model = new IommuModel(expected ?? policy);
        foreach (uint endpoint in new uint[] { 1, 2 }) _paths[endpoint] = new IommuDeviceMemory(Device, endpoint, Memory, $"ep{endpoint}", Log);
        Execute(new IommuAttach(1, 1));
        Execute(new IommuAttach(2, 2));
        _report.Trace("(start: attach(d1,ep1) attach(d2,ep2))");
    }

    /// <summary>The guest memory.</summary>
    public GuestMemory Memory { get; }
    /// <summary>The access log of both endpoints.</summary>
    public AccessLog Log { get; }
    /// <summary>The real device.</summary>
    public IommuDevice Device { get; }
    /// <summary>The reference model.</summary>
    public IommuModel Model { get; }
    /// <summary>Whether a violation has been found.</summary>
    public bool Failed => _report.Violation is not null;

    /// <summary>The access path of <paramref name="endpoint"/> (1 or 2).</summary>
    public IDeviceMemory Path(uint endpoint) => _paths[endpoint];

    /// <summary>Names the step that following operations belong to.</summary>
    public void BeginStep(int step, string op)
    {
        _report.Step = step;
        _report.Op = op;
    }

    /// <summary>The report so far.</summary>
    public SharingReport Report() => _report.Build();

    /// <summary>Runs <paramref name="ops"/> on a fresh harness; stops at the first violation.</summary>
    public static SharingReport Run(IEnumerable<IommuOp> ops, InvalidationPolicy policy, InvalidationPolicy? expected = null)
    {
        var harness = new IommuHarness(policy, expected);
        int step = 0;
        foreach (var op in ops)
        {
            harness.BeginStep(step++, op.ToString());
            harness.Apply(op);
            if (harness.Failed) break;
        }
        harness.CheckStaleAccessesCounted();
        return harness.Report();
    }

    /// <summary>Records a violation of a check made outside the harness (a policy runner's own rules).</summary>
    public void Fail(string message) => _report.Fail(message);

    /// <summary>Records a finding of a check made outside the harness: an exposure that is allowed but must not be silent.</summary>
    public void Finding(string message) => _report.Finding(message);

    /// <summary>At the end of a run: every stale access the device counted must be one the oracle saw (and reported).</summary>
    public void CheckStaleAccessesCounted()
    {
        if (!Failed && Device.Counters.StaleAccesses != _stale)
            _report.Fail($"the device counted {Device.Counters.StaleAccesses} stale accesses, the oracle saw {_stale}");
    }

    /// <summary>Runs one operation, then <see cref="CheckInvariants"/>.</summary>
    public void Apply(IommuOp op)
    {
        switch (op)
        {
            case DmaAccess a: Access(a.Endpoint, a.Iova, a.Length, a.Write); break;
            case FlushIotlb: Flush(); break;
            case ResetEndpoint r: Reset(r.Endpoint); break;
            default: Execute(op.Request ?? throw new ArgumentException($"unknown IOMMU operation {op}", nameof(op))); break;
        }
        CheckInvariants();
    }

    /// <summary>Sends <paramref name="request"/> through its bytes; the status must be the model's.</summary>
    public byte Execute(IommuRequest request)
    {
        byte expected = Model.Execute(request);
        byte status = Device.Execute(IommuRequests.Encode(request).AsSpan());
        _report.Trace($"[{_report.Step}] {Describe(request)} = {IommuStatus.Name(status)}");
        if (status != expected) _report.Fail($"{Describe(request)} answered {IommuStatus.Name(status)}, the model expects {IommuStatus.Name(expected)}");
        return status;
    }

    /// <summary>The deferred flush, on both.</summary>
    public void Flush()
    {
        Device.Flush();
        Model.Flush();
        _report.Trace($"[{_report.Step}] flush");
    }

    /// <summary>Resets <paramref name="endpoint"/>: detaches it from its domain and checks nothing of it is left.</summary>
    public void Reset(uint endpoint)
    {
        if (Device.DomainOf(endpoint) is uint domain)
        {
            Execute(new IommuDetach(domain, endpoint));
            bool shared = Model.Attached.Values.Contains(domain);
            if (Device.DomainOf(endpoint) is not null) _report.Fail($"ep{endpoint} is still attached to d{Device.DomainOf(endpoint)} after its reset");
            else if (!shared && Device.Domain(domain) is not null) _report.Fail($"d{domain} keeps {Device.Domain(domain)!.Count} mapping(s) after the reset of its only endpoint ep{endpoint}");
        }
        else _report.Trace($"[{_report.Step}] reset(ep{endpoint}): not attached");
    }

    /// <summary>A DMA access of <paramref name="endpoint"/>, judged by the oracle.</summary>
    public AccessVerdict Access(uint endpoint, ulong iova, int length, bool write)
    {
        var needed = write ? IommuMapFlags.Write : IommuMapFlags.Read;
        ulong firstPage = iova / IommuDevice.Granule, lastPage = (iova + (ulong)length - 1) / IommuDevice.Granule;
        var phys = new List<ulong>();
        bool anyNone = false, anyStale = false;
        for (ulong page = firstPage; page <= lastPage; page++)
        {
            var reach = Model.Reach(endpoint, page, needed, out ulong p);
            anyNone |= reach == IommuModel.PageReach.None;
            anyStale |= reach == IommuModel.PageReach.Stale;
            phys.Add(p);
        }
        var data = new byte[length];
        if (write)
        {
            _fill++;
            for (int i = 0; i < data.Length; i++) data[i] = (byte)(_fill * 29 + i * 7);
        }
        long before = Device.Counters.StaleAccesses;
        var verdict = write ? _paths[endpoint].Write(iova, data) : _paths[endpoint].Read(iova, data);
        long staleNow = Device.Counters.StaleAccesses - before;
        string what = $"{(write ? "write" : "read")} of {length} bytes at IOVA 0x{iova:x} by ep{endpoint}";
        _report.Trace($"[{_report.Step}] {what} = {verdict}{(staleNow > 0 ? " (stale)" : "")}");
        if (verdict == AccessVerdict.Allowed && anyNone)
            _report.Fail($"{what} was allowed, but the model maps no page there for it ({Model.Policy}, {Model.Pending} unmaps pending, {Model.StalePages} stale pages)");
        else if (verdict == AccessVerdict.Allowed && anyStale && staleNow != 1)
            _report.Fail($"{what} was allowed through an unmapped page, but the device counted {staleNow} stale accesses");
        else if (!anyNone && !anyStale && verdict != AccessVerdict.Allowed)
            _report.Fail($"{what} was {verdict}, but every page is mapped");
        else if (!anyStale && staleNow != 0)
            _report.Fail($"{what} was counted stale, but no page of it is stale in the model");
        else if (verdict != AccessVerdict.Allowed && staleNow != 0)
            _report.Fail($"{what} was refused but counted stale");
        else if (verdict is not AccessVerdict.Allowed and not AccessVerdict.Denied)
            _report.Fail($"{what} was {verdict}; every mapped page is guest memory");
        else if (verdict == AccessVerdict.Allowed)
        {
            if (anyStale)
            {
                _stale++;
                _report.Finding($"{what} went through a stale IOTLB entry (unmapped, flush deferred)");
            }
            if (!Shadow(iova, phys, data, write)) _report.Fail($"{what} returned other bytes than the model holds");
        }
        return verdict;
    }

    /// <summary>Compares the device with the model: domains and mappings, attachments, pending unmaps.</summary>
    public void CheckInvariants()
    {
        var domains = Device.Domains.Order().ToList();
        var modelDomains = Model.Domains.Keys.Order().ToList();
        if (!domains.SequenceEqual(modelDomains))
        {
            _report.Fail($"domains are [{string.Join(",", domains)}], the model has [{string.Join(",", modelDomains)}]");
            return;
        }
        foreach (uint d in domains)
        {
            var real = Device.Domain(d)!.Mappings.Select(m => new IommuModel.Mapping(m.VirtStart / IommuDevice.Granule, m.VirtEnd / IommuDevice.Granule, m.PhysStart / IommuDevice.Granule, m.Flags));
            var model = Model.Domains[d].OrderBy(m => m.First);
            if (!real.SequenceEqual(model))
            {
                _report.Fail($"d{d} maps [{string.Join(" ", real)}], the model [{string.Join(" ", model)}]");
                return;
            }
        }
        foreach (uint endpoint in new uint[] { 1, 2 })
            if (Device.DomainOf(endpoint) != (Model.Attached.TryGetValue(endpoint, out uint d) ? d : null))
            {
                _report.Fail($"ep{endpoint} is attached to {Device.DomainOf(endpoint)?.ToString() ?? "nothing"}, the model says {(Model.Attached.ContainsKey(endpoint) ? Model.Attached[endpoint] : "nothing")}");
                return;
            }
        if (Device.PendingUnmaps != Model.Pending) _report.Fail($"{Device.PendingUnmaps} unmaps pending, the model has {Model.Pending}");
    }

    /// <summary>A request as a script step: <c>attach(d1,ep1)</c>, <c>map(d1,p0..p2->g10,Read)</c>, <c>unmap(d1,p0..p9)</c>.</summary>
    public static string Describe(IommuRequest request) => request switch
    {
        IommuAttach a => new AttachEndpoint(a.Domain, a.Endpoint).ToString(),
        IommuDetach d => new DetachEndpoint(d.Domain, d.Endpoint).ToString(),
        IommuMap m => new MapIova(m.Domain, m.VirtStart / IommuDevice.Granule, (m.VirtEnd - m.VirtStart) / IommuDevice.Granule + 1, m.PhysStart / IommuDevice.Granule, m.Flags).ToString(),
        IommuUnmap u => new UnmapIova(u.Domain, u.VirtStart / IommuDevice.Granule, (u.VirtEnd - u.VirtStart) / IommuDevice.Granule + 1).ToString(),
        _ => request.ToString(),
    };

    // Writes update the shadow; reads compare with it. Page by page, at the guest pages the translation reached.
    private bool Shadow(ulong iova, List<ulong> phys, byte[] data, bool write)
    {
        int done = 0;
        foreach (ulong page in phys)
        {
            int offset = done == 0 ? (int)(iova % IommuDevice.Granule) : 0;
            int chunk = Math.Min(data.Length - done, (int)IommuDevice.Granule - offset);
            if (!_shadow.TryGetValue(page, out var bytes)) _shadow[page] = bytes = new byte[IommuDevice.Granule];
            if (write) data.AsSpan(done, chunk).CopyTo(bytes.AsSpan(offset));
            else if (!data.AsSpan(done, chunk).SequenceEqual(bytes.AsSpan(offset, chunk))) return false;
            done += chunk;
        }
        return true;
    }
}
