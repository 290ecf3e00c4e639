namespace Sim.Interconnect.Aggregation.Policies;

/// <summary>
/// The most one agent may contribute to the bus demand: a bandwidth, a level, or both (the tighter wins). Plain data;
/// <see cref="PerAgentCaps"/> turns it into a bandwidth and a level against its table.
/// </summary>
/// <param name="MaxBytesPerSecond">Largest average and peak the agent's votes keep, B/s; null for no bandwidth cap.</param>
/// <param name="MaxLevel">Largest level the agent's votes keep; null for no level cap.</param>
public sealed record AgentCap(double? MaxBytesPerSecond = null, int? MaxLevel = null)
{
    /// <summary>A cap at level <paramref name="level"/> (and its bandwidth).</summary>
    public static AgentCap AtLevel(int level) => new(null, level);

    /// <summary>A cap at <paramref name="bytesPerSecond"/> (and the lowest level meeting it).</summary>
    public static AgentCap AtBandwidth(double bytesPerSecond) => new(bytesPerSecond, null);
}
