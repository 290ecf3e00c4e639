using Sim.Core.Costs;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Hypervisors.Memory;

namespace Sim.Hypervisors.Platform;

/// <summary>
/// What every memory-sharing mechanism of one device is given: the guest's memory, who the backend is (its path, for
/// the access log and findings), the costs, the device's counters and exposure metric, the clock, where findings go, and
/// whose ledger pays for what (the driver's vCPU for the DMA API and the traps, the backend's thread for its accesses
/// and request ends), all given when it is built (<see cref="SharingSinks"/>; the actors themselves may be added later).
/// </summary>
public sealed class SharingContext(
    GuestMemory memory, string accessor, AccessLog log, PlatformCosts costs, PlatformCounters counters, ExposureMetric exposure, Func<SimTime> clock,
    SharingSinks? sinks = null)
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
    /// <summary>Where oracle findings go (the backend actor's); null for none (a bare mechanism in a test): findings are then only counted.</summary>
    public IFindingSink? Findings { get; } = sinks?.Findings;
    /// <summary>The driver vCPU's ledger: the DMA API's and the traps' costs are charged there.</summary>
    public ICostSink DriverCosts { get; } = sinks?.DriverCosts ?? NoCostSink.Instance;
    /// <summary>The backend thread's ledger: access, copy and request-end costs are charged there.</summary>
    public ICostSink BackendCosts { get; } = sinks?.BackendCosts ?? NoCostSink.Instance;

    /// <summary>Charges the driver's vCPU busy time (the DMA API, the traps); returns the time to spend.</summary>
    public SimTime ChargeDriver(in CostCharge charge)
    {
        DriverCosts.Busy(charge);
        return charge.Time;
    }

    /// <summary>Charges the backend's thread busy time (its accesses, request ends, signals); returns the time to spend.</summary>
    public SimTime ChargeBackend(in CostCharge charge)
    {
        BackendCosts.Busy(charge);
        return charge.Time;
    }

    /// <summary>Records a delay something the driver sent spends in flight (no CPU is busy); returns it.</summary>
    public SimTime DelayFromDriver(in CostCharge charge)
    {
        DriverCosts.Delay(charge);
        return charge.Time;
    }

    /// <summary>Records a delay something the backend sent spends in flight (no CPU is busy); returns it.</summary>
    public SimTime DelayFromBackend(in CostCharge charge)
    {
        BackendCosts.Delay(charge);
        return charge.Time;
    }
}
