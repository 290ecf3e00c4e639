using Sim.Devices.Scmi.Protocol;
using Sim.Devices.Scmi;

namespace Sim.Platform.Scmi;

/// <summary>What one agent last stated of its bus need, in performance value units (kB/s).</summary>
/// <param name="AverageKilobytesPerSecond">The average, from its latest taken LEVEL_SET.</param>
/// <param name="PeakKilobytesPerSecond">The peak, from its latest taken LIMITS_SET's range_min.</param>
public readonly record struct AgentNeed(uint AverageKilobytesPerSecond, uint PeakKilobytesPerSecond);
