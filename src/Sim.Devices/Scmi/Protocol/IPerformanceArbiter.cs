using Sim.Interconnect.Aggregation;

namespace Sim.Devices.Scmi.Protocol;

/// <summary>
/// The policy that turns the requests of several agents (one per VM's virtio-scmi channel) into the level and limits
/// a performance domain actually runs at. <see cref="ScmiPerformanceServer"/> validates each request against the domain
/// description (domain exists, the agent may set it, the level is in the table, min ≤ max) and then forwards it here;
/// aggregation policies (last request wins, max of requests, per-VM caps, ...) implement this interface elsewhere.
/// </summary>
public interface IPerformanceArbiter
{
    /// <summary>Agent <paramref name="agent"/> asks for <paramref name="perfValue"/> on <paramref name="domain"/> (PERFORMANCE_LEVEL_SET); the status to answer with.</summary>
    ScmiStatus RequestLevel(int agent, uint domain, uint perfValue);

    /// <summary>Agent <paramref name="agent"/> asks for limits [<paramref name="min"/>, <paramref name="max"/>] on <paramref name="domain"/> (PERFORMANCE_LIMITS_SET); the status to answer with.</summary>
    ScmiStatus RequestLimits(int agent, uint domain, uint min, uint max);

    /// <summary>The level <paramref name="domain"/> runs at now (PERFORMANCE_LEVEL_GET).</summary>
    uint CurrentLevel(uint domain);

    /// <summary>The limits in force on <paramref name="domain"/> now (PERFORMANCE_LIMITS_GET).</summary>
    (uint Min, uint Max) CurrentLimits(uint domain);
}
