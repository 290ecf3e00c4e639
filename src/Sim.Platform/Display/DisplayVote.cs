using Sim.Devices.Scmi.Protocol;
using Sim.Devices.Scmi;

namespace Sim.Platform.Display;

/// <summary>
/// One bus vote as the display's driver sends it on its SCMI channel (the voting convention of the platform side):
/// PERFORMANCE_LEVEL_SET with <see cref="Level"/> (the average need, kB/s), then PERFORMANCE_LIMITS_SET with
/// range_min = <see cref="RangeMin"/> (the peak need, kB/s) and range_max = <see cref="RangeMax"/>
/// (Arm DEN0056, 4.5.2.6 and 4.5.2.8).
/// </summary>
/// <param name="Level">performance_level of LEVEL_SET, kB/s.</param>
/// <param name="RangeMin">range_min of LIMITS_SET, kB/s.</param>
/// <param name="RangeMax">range_max of LIMITS_SET, kB/s (<see cref="Unbounded"/> for no ceiling).</param>
public readonly record struct DisplayVote(uint Level, uint RangeMin, uint RangeMax)
{
    /// <summary>range_max meaning "no ceiling": 0xFFFFFFFF.</summary>
    public const uint Unbounded = uint.MaxValue;
}
