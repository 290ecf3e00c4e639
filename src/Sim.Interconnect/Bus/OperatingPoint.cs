using Sim.Core.Time;

namespace Sim.Interconnect.Bus;

/// <summary>
/// One performance level of the bus (an OPP; SCMI performance protocol 0x13, DESCRIBE_LEVELS entry: performance
/// value, power cost, transition latency): the bandwidth it gives, the power it draws, and how long a change to it
/// takes.
/// </summary>
/// <param name="BytesPerSecond">Capacity at this level, bytes per second (the SCMI performance value is its kB/s).</param>
/// <param name="Watts">Power drawn while at this level.</param>
/// <param name="TransitionLatency">Time to reach this level from another (SCMI: microseconds, u16).</param>
public sealed record OperatingPoint(double BytesPerSecond, double Watts, SimTime TransitionLatency);
