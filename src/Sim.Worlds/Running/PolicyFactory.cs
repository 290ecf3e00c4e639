using Sim.Interconnect.Aggregation;
using Sim.Interconnect.Aggregation.Policies;
using Sim.Interconnect.Bus;
using Sim.Scenarios.Model;

namespace Sim.Worlds.Running;

/// <summary>Builds the live <see cref="IAggregationPolicy"/> a <see cref="PolicyModel"/> declares (one per world: policies keep state).</summary>
public static class PolicyFactory
{
    /// <summary>The policy of <paramref name="model"/> over <paramref name="table"/>, the bus starting at <paramref name="initialLevel"/>.</summary>
    public static IAggregationPolicy Create(PolicyModel model, OppTable table, int initialLevel)
    {
        ArgumentNullException.ThrowIfNull(model);
        IAggregationPolicy Inner() => Create(model.Inner ?? throw new ArgumentException($"policy '{model.Kind}' wraps another policy", nameof(model)), table, initialLevel);
        return model.Kind switch
        {
            "icc" => new IccAggregation(table),
            "max-of-levels" => new MaxOfLevels(table),
            "last-writer-wins" => new LastWriterWins(table, initialLevel),
            "top" => new FixedLevel(table),
            "fixed" => new FixedLevel(table, model.Level),
            "caps" => new PerAgentCaps(Inner(), model.Caps!.ToDictionary(c => c.Key, c => AgentCap.AtBandwidth(c.Value), StringComparer.Ordinal)),
            "priority" => new Priority(Inner(), model.Agent!),
            "hysteresis" => new Hysteresis(Inner(), model.Time, initialLevel),
            "rate-limit" => new RateLimit(Inner(), model.Time, initialLevel),
            "vote-rate-limit" => new VoteRateLimit(Inner(), model.Burst, model.Time),
            "quota" => new Quota(Inner(), model.Quotas!.ToDictionary(q => q.Key, q => new AgentQuota(q.Value.BaselineLevel, q.Value.Budget, q.Value.Window), StringComparer.Ordinal)),
            _ => throw new ArgumentException($"unknown policy kind '{model.Kind}'", nameof(model)),
        };
    }
}
