namespace Sim.Devices.Scmi.Protocol;

/// <summary>
/// One entry of a domain's performance level table, an operating point (Arm DEN0056 v1-3, 4.5.2.5; layout in
/// <see cref="ScmiPerfLayout.Level"/>).
/// </summary>
/// <param name="PerformanceValue">The performance level value an agent passes to PERFORMANCE_LEVEL_SET.</param>
/// <param name="PowerCost">Power cost at this level (milliwatts or abstract units, see PROTOCOL_ATTRIBUTES).</param>
/// <param name="TransitionLatencyUs">Worst-case latency in microseconds to move to this level from any other.</param>
public readonly record struct ScmiPerfLevel(uint PerformanceValue, uint PowerCost, ushort TransitionLatencyUs);
