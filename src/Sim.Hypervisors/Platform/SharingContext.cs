using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Hypervisors.Memory;

namespace Sim.Hypervisors.Platform;

/// <summary>
/// What every memory-sharing mechanism of one device is given: the guest's memory, who the backend is (its path, for
/// the access log and findings), the costs, the device's counters and exposure metric, the clock, and where findings
/// go. The finding sink is set once the backend actor exists (before the run starts).
/// </summary>
public sealed class SharingContext(
    GuestMemory memory, string accessor, AccessLog log, PlatformCosts costs, PlatformCounters counters, ExposureMetric exposure, Func<SimTime> clock)
{
    /// <summary>The guest's memory.</summary>
    public GuestMemory Memory { get; } = memory;
    /// <summary>The backend's path (accesses and findings are attributed to it).</summary>
    public string Accessor { get; } = accessor;
    /// <summary>Where accesses are recorded.</summary>
    public AccessLog Log { get; } = log;
    /// <summary>The cost profile's platform entries.</summary>
    public PlatformCosts Costs { get; } = costs;
    /// <summary>The device's hypervisor-operation counters.</summary>
    public PlatformCounters Counters { get; } = counters;
    /// <summary>The device's exposure.</summary>
    public ExposureMetric Exposure { get; } = exposure;
    /// <summary>The simulated time now.</summary>
    public Func<SimTime> Clock { get; } = clock;
    /// <summary>Where oracle findings go (the backend actor's sink); null until wired, then findings are only counted.</summary>
    public IFindingSink? Findings { get; set; }
}
