using Sim.Hypervisors.Iommu;
using Sim.Hypervisors.Memory;

namespace Sim.Hypervisors.Tests.Iommu;

/// <summary>
/// The obvious model of virtio-iommu: domains as lists of (first page, last page, phys page, flags), endpoints as a
/// dictionary, statuses by the rules of 5.13.6, and an access allowed exactly when the endpoint is attached and every
/// page it touches is mapped with the permission. <see cref="Run"/> replays a program on a real
/// <see cref="IommuDevice"/> and its access path and returns the first disagreement, or null.
/// Strict: every status and verdict agrees, and no access is stale. Lazy: every allowed access of the model is allowed;
/// an access the model denies may succeed only through a stale entry, and then it is counted (one stale access each);
/// with no unmap pending since the last flush, the device agrees with the model exactly.
/// </summary>
internal static class IommuReferenceModel
{
    private sealed record Mapping(ulong First, ulong Last, IommuMapFlags Flags);

    /// <param name="program">The steps.</param>
    /// <param name="policy">The policy the model expects.</param>
    /// <param name="outcomes">Counts of each outcome, when given.</param>
    /// <param name="devicePolicy">The policy the device really uses (default: <paramref name="policy"/>); differing on purpose shows the check catches the difference.</param>
    public static string? Run(IommuProgram program, InvalidationPolicy policy, Dictionary<string, int>? outcomes = null, InvalidationPolicy? devicePolicy = null)
    {
        var world = new IommuWorld(devicePolicy ?? policy, iotlbCapacity: 8);
        var domains = new Dictionary<uint, List<Mapping>>();
        var attached = new Dictionary<uint, uint>();
        int pending = 0;
        long stale = 0;
        // Every program starts from endpoint 1 in domain 1 and endpoint 2 in domain 2, so most steps reach a domain.
        foreach (var start in new[] { new IommuOp(IommuOpKind.Attach, 1, 1, 0, 0, 0, 0, 0, 0), new IommuOp(IommuOpKind.Attach, 2, 2, 0, 0, 0, 0, 0, 0) })
        {
            Expected(start, domains, attached, ref pending, policy);
            world.Run(start.Request!);
        }

        for (int step = 0; step < program.Ops.Length; step++)
        {
            var op = program.Ops[step];
            string where = $"step {step + 1} {op}";
            if (op.Request is { } request)
            {
                byte expected = Expected(op, domains, attached, ref pending, policy);
                byte actual = world.Run(request);
                Count(outcomes, $"{op.Kind}:{IommuStatus.Name(actual)}");
                if (actual != expected) return $"{where}: device answered {IommuStatus.Name(actual)}, model {IommuStatus.Name(expected)}";
            }
            else if (op.Kind == IommuOpKind.Flush)
            {
                world.Device.Flush();
                pending = 0;
            }
            else
            {
                var needed = op.Kind == IommuOpKind.Read ? IommuMapFlags.Read : IommuMapFlags.Write;
                bool modelAllows = Allows(op, needed, domains, attached);
                var path = new IommuDeviceMemory(world.Device, op.Endpoint, world.Memory, $"ep{op.Endpoint}", world.Log);
                long before = world.Device.Counters.StaleAccesses;
                var verdict = op.Kind == IommuOpKind.Read ? path.Read(op.Iova, new byte[op.Length]) : path.Write(op.Iova, new byte[op.Length]);
                bool staleNow = world.Device.Counters.StaleAccesses - before == 1;
                if (world.Device.Counters.StaleAccesses - before > 1) return $"{where}: one access counted as several stale ones";
                Count(outcomes, $"{op.Kind}:{verdict}{(staleNow ? ":stale" : "")}");
                if (verdict == AccessVerdict.OutOfRange) return $"{where}: out of range, but every mapped page is in guest memory";
                bool allowed = verdict == AccessVerdict.Allowed;
                if (policy.IsStrict || pending == 0)
                {
                    if (allowed != modelAllows) return $"{where}: device {verdict}, model {(modelAllows ? "allows" : "denies")} ({policy}, {pending} unmaps pending)";
                    if (staleNow) return $"{where}: a stale access with nothing pending ({policy})";
                }
                else
                {
                    if (modelAllows && !allowed) return $"{where}: a mapped access was denied";
                    if (modelAllows && staleNow) return $"{where}: an access the mappings allow was counted stale";
                    if (!modelAllows && allowed && !staleNow) return $"{where}: an access outside the current mappings succeeded uncounted";
                    if (!modelAllows && !allowed && staleNow) return $"{where}: a denied access was counted stale";
                }
                if (staleNow) stale++;
                if (staleNow) Count(outcomes, "Access:stale");
            }
        }
        if (world.Device.Counters.StaleAccesses != stale) return $"stale counter {world.Device.Counters.StaleAccesses}, model saw {stale}";
        return null;
    }

    private static byte Expected(IommuOp op, Dictionary<uint, List<Mapping>> domains, Dictionary<uint, uint> attached, ref int pending, InvalidationPolicy policy)
    {
        switch (op.Kind)
        {
            case IommuOpKind.Attach:
                if (attached.TryGetValue(op.Endpoint, out uint from) && from != op.Domain) Leave(op.Endpoint, from, domains, attached);
                domains.TryAdd(op.Domain, []);
                attached[op.Endpoint] = op.Domain;
                return IommuStatus.Ok;
            case IommuOpKind.Detach:
                if (!domains.ContainsKey(op.Domain)) return IommuStatus.NoEnt;
                if (!attached.TryGetValue(op.Endpoint, out uint d) || d != op.Domain) return IommuStatus.Inval;
                Leave(op.Endpoint, d, domains, attached);
                return IommuStatus.Ok;
            case IommuOpKind.Map:
            {
                if (!domains.TryGetValue(op.Domain, out var maps)) return IommuStatus.NoEnt;
                ulong last = op.Page + op.Pages - 1;
                if (maps.Any(m => m.First <= last && m.Last >= op.Page)) return IommuStatus.Inval;
                maps.Add(new Mapping(op.Page, last, op.Flags));
                return IommuStatus.Ok;
            }
            default:
            {
                if (!domains.TryGetValue(op.Domain, out var maps)) return IommuStatus.NoEnt;
                ulong last = op.Page + op.Pages - 1;
                var hit = maps.Where(m => m.First <= last && m.Last >= op.Page).ToList();
                if (hit.Any(m => m.First < op.Page || m.Last > last)) return IommuStatus.Range;
                if (hit.Count > 0)
                {
                    maps.RemoveAll(hit.Contains);
                    if (!policy.IsStrict && ++pending >= policy.BatchCount) pending = 0;
                }
                return IommuStatus.Ok;
            }
        }
    }

    private static void Leave(uint endpoint, uint domain, Dictionary<uint, List<Mapping>> domains, Dictionary<uint, uint> attached)
    {
        attached.Remove(endpoint);
        if (!attached.ContainsValue(domain)) domains.Remove(domain);
    }

    private static bool Allows(IommuOp op, IommuMapFlags needed, Dictionary<uint, List<Mapping>> domains, Dictionary<uint, uint> attached)
    {
        if (!attached.TryGetValue(op.Endpoint, out uint domain)) return false;
        ulong first = op.Iova >> GuestMemory.PageShift, last = (op.Iova + (ulong)op.Length - 1) >> GuestMemory.PageShift;
        for (ulong page = first; page <= last; page++)
            if (!domains[domain].Any(m => m.First <= page && m.Last >= page && (m.Flags & needed) == needed)) return false;
        return true;
    }

    private static void Count(Dictionary<string, int>? outcomes, string key)
    {
        if (outcomes is not null) outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
    }
}
