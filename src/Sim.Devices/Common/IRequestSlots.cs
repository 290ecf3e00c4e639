using Sim.Core.Randomness;
using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Devices.Common;

/// <summary>
/// What a <see cref="VirtioDriver"/> offers its <see cref="RequestArrivals"/> (virtio 1.2, 2.7.13: the requests the
/// driver will add to the available ring): its request slots, its clock and random stream, its arrival timer, its metrics
/// and findings. Used only in the driver's turns.
/// </summary>
internal interface IRequestSlots
{
    /// <summary>The driver's simulated time now.</summary>
    SimTime Now { get; }

    /// <summary>When the vCPU gets to what it does next: now plus what it has spent in this turn.</summary>
    SimTime Busy { get; }

    /// <summary>The driver's own random stream.</summary>
    ActorRandom Random { get; }

    /// <summary>Whether the driver stopped (a refused mapping, a failed re-initialisation): it takes nothing more.</summary>
    bool IsStopped { get; }

    /// <summary>Whether a request slot is free.</summary>
    bool HasFreeSlot { get; }

    /// <summary>Request slots in all.</summary>
    int SlotCount { get; }

    /// <summary>Requests whose chains are in the ring.</summary>
    int InFlight { get; }

    /// <summary>Requests completed in the measured window.</summary>
    long Completed { get; }

    /// <summary>Takes a free slot for a request that arrived at <paramref name="since"/> (its latency counts from then) and prepares it.</summary>
    void Take(SimTime since);

    /// <summary>Submits the prepared requests in order until one cannot be, then kicks if the ring asks.</summary>
    void Submit();

    /// <summary>Closed loop: requests wait for DMA mappings with none in flight, so nothing will free them: a finding, once.</summary>
    void ReportIfStalledForGood();

    /// <summary>On demand: tells the driver slots were freed, so it hands over what it kept back.</summary>
    void SlotsFreed();

    /// <summary>Sets the arrival timer to fire at <paramref name="at"/> (<see cref="RequestArrivals.ArrivalDue"/>).</summary>
    void WakeAt(SimTime at);

    /// <summary>Registers a counter of the driver's.</summary>
    Counter NewCounter(string name);

    /// <summary>Registers a time-weighted gauge of the driver's.</summary>
    TimeWeightedGauge NewGauge(string name);

    /// <summary>Reports a finding of the driver's.</summary>
    void ReportFinding(string rule, string detail);
}
