using Sim.Core.Time;
using Sim.Scenarios.Model;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads an aggregation policy (issue 5): a base rule by name, or a decorator mapping wrapping another policy with
/// <c>of</c>.
/// <code>
/// policy: icc                                   # sum of averages, max of peaks (Linux interconnect)
/// policy: max-of-levels                         # SCP-firmware plugins handler
/// policy: last-writer-wins                      # SCP-firmware base: the last LEVEL_SET wins
/// policy: top                                   # no scaling: always the top level (the energy baseline)
/// policy: { fixed: 2 }                          # always level 2
/// policy: { caps: { vm4: 600MB/s }, of: max-of-levels }
/// policy: { priority: safety, of: icc }
/// policy: { hysteresis: 20ms, of: icc }         # hold a lower level this long before going down
/// policy: { rate-limit: 10ms, of: icc }         # at most one change per interval
/// policy: { vote-rate-limit: { burst: 4, refill: 10ms }, of: icc }
/// policy: { quota: { vm4: { baseline: 1, budget: 50ms, window: 1s } }, of: icc }
/// </code>
/// </summary>
internal static class PolicyReader
{
    /// <summary>The base rules a policy may name.</summary>
    public static readonly string[] Bases = ["icc", "max-of-levels", "last-writer-wins", "top"];

    /// <summary>The decorators (and <c>fixed</c>) a policy mapping may have as its key.</summary>
    public static IReadOnlyList<string> Decorators => DecoratorKeys.Select(key => key.Name).ToList();

    /// <summary>A policy: a base rule's name, or a mapping with one decorator (and <c>of</c>, the policy it wraps); it refers to itself.</summary>
    public static NamedShape Shape => new("policy", () => new EitherShape(new EnumShape(Bases), MappingShape));

    private static MappingShape MappingShape => new("a policy decorator",
    [
        .. DecoratorKeys,
        KeyShape.May("of", Shape, "The policy this decorator wraps (every decorator but fixed)."),
    ])
    {
        ExactlyOne = [Decorators],
    };

    private static IReadOnlyList<KeyShape> DecoratorKeys =>
    [
        KeyShape.May("fixed", new IntegerShape(0), "Always this level."),
        KeyShape.May("caps", new MapShape(new QuantityShape(QuantityPattern.Bandwidth)), "A bandwidth cap per VM, e.g. { vm4: 600MB/s }."),
        KeyShape.May("priority", new TextShape(), "The VM whose vote wins."),
        KeyShape.May("hysteresis", new QuantityShape(QuantityPattern.Time), "Hold a lower level this long before going down (>= 0)."),
        KeyShape.May("rate-limit", new QuantityShape(QuantityPattern.Time), "At most one change per interval (>= 0)."),
        KeyShape.May("vote-rate-limit", VoteRateLimitShape, "A token bucket on each VM's votes."),
        KeyShape.May("quota", new MapShape(QuotaShape), "A quota per VM: above its baseline level for at most budget per window."),
    ];

    private static MappingShape VoteRateLimitShape => new("vote-rate-limit",
    [
        KeyShape.Must("burst", new IntegerShape(1, 1_000_000), "Votes a VM may send at once."),
        KeyShape.Must("refill", new QuantityShape(QuantityPattern.Time), "The time to earn one more vote (> 0)."),
    ]);

    private static MappingShape QuotaShape => new("a quota",
    [
        KeyShape.Must("baseline", new IntegerShape(0), "The level the VM may always ask for."),
        KeyShape.Must("budget", new QuantityShape(QuantityPattern.Time), "Time above the baseline per window (at most the window)."),
        KeyShape.Must("window", new QuantityShape(QuantityPattern.Time), "The accounting window (> 0)."),
    ]);

    /// <summary>Reads the policy at <paramref name="node"/>; VM names are checked against <paramref name="vms"/>, levels against <paramref name="levels"/>.</summary>
    public static PolicyModel Read(NodeReader node, IReadOnlySet<string> vms, int levels)
    {
        if (node.IsScalar)
        {
            string name = node.AsString();
            if (!Bases.Contains(name)) throw node.Fail($"unknown policy '{name}'; {NearestName.Hint(name, Bases)} (or a decorator mapping: {string.Join(", ", Decorators)})");
            return new PolicyModel(name);
        }
        if (!node.IsMapping) throw node.Unexpected($"a policy: one of {string.Join(", ", Bases)}, or a mapping with one of {string.Join(", ", Decorators)}");
        MappingReader map = node.AsMapping().Declare(MappingShape);
        var present = Decorators.Where(d => map.Optional(d) is not null).ToList();
        if (present.Count != 1)
        {
            map.Optional("of");
            if (present.Count == 0) map.Done();
            throw map.Self.Fail($"{map.Where}: expected exactly one of {string.Join(", ", Decorators)}; found {(present.Count == 0 ? "none" : string.Join(" and ", present))}");
        }
        string kind = present[0];
        NodeReader value = map.Required(kind);
        if (kind == "fixed")
        {
            map.Done();
            return new PolicyModel("fixed", Level: (int)value.AsInt64(0, levels - 1));
        }
        PolicyModel inner = Read(map.Required("of"), vms, levels);
        map.Done();
        return kind switch
        {
            "caps" => new PolicyModel(kind, inner, Caps: ReadPerVm(value, vms, UnitReader.Bandwidth, "a bandwidth cap per VM, e.g. { vm4: 600MB/s }")),
            "priority" => new PolicyModel(kind, inner, Agent: ReadVm(value, vms)),
            "hysteresis" or "rate-limit" => new PolicyModel(kind, inner, Time: value.AsNonNegativeTime()),
            "vote-rate-limit" => ReadVoteRateLimit(value, inner),
            "quota" => new PolicyModel(kind, inner, Quotas: ReadPerVm(value, vms, n => ReadQuota(n, levels), "a quota per VM, e.g. { vm4: { baseline: 1, budget: 50ms, window: 1s } }")),
            _ => throw new InvalidOperationException(kind),
        };
    }

    private static PolicyModel ReadVoteRateLimit(NodeReader value, PolicyModel inner)
    {
        MappingReader map = value.AsMapping().Declare(VoteRateLimitShape);
        int burst = (int)map.RequiredInt64("burst", 1, 1_000_000);
        NodeReader refillNode = map.Required("refill");
        SimTime refill = refillNode.AsTime();
        if (refill <= SimTime.Zero) throw refillNode.Unexpected("a refill time > 0");
        map.Done();
        return new PolicyModel("vote-rate-limit", inner, Time: refill, Burst: burst);
    }

    private static QuotaModel ReadQuota(NodeReader node, int levels)
    {
        MappingReader map = node.AsMapping().Declare(QuotaShape);
        int baseline = (int)map.RequiredInt64("baseline", 0, levels - 1);
        SimTime budget = map.Required("budget").AsNonNegativeTime();
        NodeReader windowNode = map.Required("window");
        SimTime window = windowNode.AsTime();
        if (window <= SimTime.Zero) throw windowNode.Unexpected("a window > 0");
        if (budget > window) throw map.FailAt("budget", $"{map.Where}: the budget ({budget}) must not exceed the window ({window})");
        map.Done();
        return new QuotaModel(baseline, budget, window);
    }

    private static Dictionary<string, T> ReadPerVm<T>(NodeReader node, IReadOnlySet<string> vms, Func<NodeReader, T> read, string expected)
    {
        if (!node.IsMapping) throw node.Unexpected(expected);
        MappingReader map = node.AsMapping();
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (key, keyNode, value) in map.FreeEntries())
        {
            if (!vms.Contains(key)) throw keyNode.Fail($"{map.Where}: '{key}' is not a VM of the interconnect; {NearestName.Hint(key, vms.ToList())}");
            result[key] = read(value);
        }
        if (result.Count == 0) throw node.Unexpected(expected);
        return result;
    }

    private static string ReadVm(NodeReader node, IReadOnlySet<string> vms)
    {
        string vm = node.AsString();
        if (!vms.Contains(vm)) throw node.Fail($"'{vm}' is not a VM of the interconnect; {NearestName.Hint(vm, vms.ToList())}");
        return vm;
    }

}
