namespace Sim.Interconnect.Aggregation;

/// <summary>
/// What one agent (a VM, identified by its SCMI agent name) asks of the shared bus performance domain. The server
/// hands each vote to an <see cref="IAggregationPolicy"/> in arrival order.
/// Mapping to the SCMI performance domain management protocol (Arm DEN0056, protocol 0x13):
/// <see cref="BandwidthVote"/> and <see cref="LevelVote"/> arrive as PERFORMANCE_LEVEL_SET (0x7),
/// <see cref="LimitsVote"/> as PERFORMANCE_LIMITS_SET (0x5), and <see cref="AgentLeft"/> is the transport noticing
/// the agent is gone (virtio-scmi device reset, VM shut down); it is not an SCMI message.
/// </summary>
/// <param name="Agent">The voting agent's name (e.g. <c>vm0</c>); compared ordinally.</param>
public abstract record BusVote(string Agent);

/// <summary>
/// A bandwidth request, as a Linux interconnect consumer states it with <c>icc_set_bw(path, avg, peak)</c>
/// (drivers/interconnect/core.c). Over SCMI the guest's icc provider sends it as a LEVEL_SET (0x7) whose performance
/// value is bandwidth in kB/s; the simulator keeps average and peak apart so that policies which use both (Linux
/// <c>icc_std_aggregate</c>) can be compared with those that use one level.
/// </summary>
/// <param name="Agent">The voting agent.</param>
/// <param name="AverageBytesPerSecond">Sustained bandwidth the agent expects to use, B/s.</param>
/// <param name="PeakBytesPerSecond">Burst bandwidth the agent needs to be available, B/s.</param>
public sealed record BandwidthVote(string Agent, double AverageBytesPerSecond, double PeakBytesPerSecond) : BusVote(Agent)
{
    /// <summary>The bandwidth this vote needs on its own: the larger of its average and peak.</summary>
    public double Demand => Math.Max(AverageBytesPerSecond, PeakBytesPerSecond);
}

/// <summary>A request for one performance level by index into the OPP table (SCMI LEVEL_SET, 0x7).</summary>
/// <param name="Agent">The voting agent.</param>
/// <param name="Level">The level index asked for, 0 = slowest.</param>
public sealed record LevelVote(string Agent, int Level) : BusVote(Agent);

/// <summary>A request for a range of allowed levels (SCMI LIMITS_SET, 0x5: range_min, range_max).</summary>
/// <param name="Agent">The voting agent.</param>
/// <param name="MinLevel">Lowest level the agent allows, inclusive.</param>
/// <param name="MaxLevel">Highest level the agent allows, inclusive.</param>
public sealed record LimitsVote(string Agent, int MinLevel, int MaxLevel) : BusVote(Agent);

/// <summary>
/// The agent is gone: its requests no longer count (Linux: <c>icc_put</c>; a VM shut down or its virtio-scmi device
/// reset). Not an SCMI message.
/// </summary>
/// <param name="Agent">The departing agent.</param>
public sealed record AgentLeft(string Agent) : BusVote(Agent);
