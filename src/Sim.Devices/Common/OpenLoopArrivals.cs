using Sim.Core.Randomness;
using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Devices.Common;

/// <summary>
/// Open-loop arrivals (arrivals at random gaps, whatever the device's pace; virtio 1.2, 2.7.13: the driver adds each
/// request's chain and kicks as it comes): they keep their own clock, so a busy vCPU delays serving an arrival, not the
/// ones after it; every arrival due by the time the vCPU gets to them is taken in the same turn (submitted together, so
/// kicks batch as load rises). An arrival that finds every request slot busy waits in the application's backlog until
/// a completion frees one, and its latency counts from its arrival, its wait included. An offered load the device
/// cannot sustain shows as a backlog that grows over the measured window (<see cref="Overload"/>: the finding
/// <c>offered-load-exceeds-capacity</c> at the end of a complete run), never as silent growth.
/// Metrics: <c>offered</c> (arrivals), <c>backlogged</c> (arrivals that found every slot busy) and <c>backlog</c>
/// (arrivals waiting, time-weighted).
/// </summary>
internal sealed class OpenLoopArrivals(DelayDistribution interarrival) : RequestArrivals
{
    private readonly Queue<SimTime> _backlog = new();
    private Counter? _offered, _backlogged;
    private TimeWeightedGauge? _gauge;
    private SimTime _due;

    /// <inheritdoc />
    internal override void RegisterMetrics()
    {
        _offered = Slots.NewCounter("offered");
        _backlogged = Slots.NewCounter("backlogged");
        _gauge = Slots.NewGauge("backlog");
    }

    /// <summary>Draws the first arrival after now and sets the timer for it.</summary>
    internal override void Begin()
    {
        _due = Slots.Now + interarrival.Sample(Slots.Random);
        Slots.WakeAt(_due);
    }

    /// <summary>
    /// Takes every arrival due by now (the timer fires late when the vCPU was busy), each into a free slot when no
    /// earlier one waits, otherwise into the backlog; submits what can be and sets the timer for the next arrival.
    /// </summary>
    internal override void ArrivalDue()
    {
        var slots = Slots;
        var now = slots.Now;
        while (_due <= now)
        {
            _offered!.Increment();
            if (slots.HasFreeSlot && _backlog.Count == 0) slots.Take(_due);
            else
            {
                _backlogged!.Increment();
                _backlog.Enqueue(_due);
            }
            _due += interarrival.Sample(slots.Random);
        }
        _gauge!.Set(now, _backlog.Count);
        slots.Submit();
        slots.WakeAt(_due);
    }

    /// <summary>The oldest waiting arrivals take the slots a completion freed; then submit what can be.</summary>
    internal override void SlotsFreed()
    {
        var slots = Slots;
        if (_backlog.Count > 0)
        {
            while (!slots.IsStopped && slots.HasFreeSlot && _backlog.Count > 0) slots.Take(_backlog.Dequeue());
            _gauge!.Set(slots.Now, _backlog.Count);
        }
        slots.Submit();
    }

    /// <inheritdoc />
    internal override void RunEnded()
    {
        if (Slots.IsStopped) return;
        if (Overload(Slots.Completed, Slots.SlotCount, Slots.InFlight) is { } detail)
            Slots.ReportFinding("offered-load-exceeds-capacity", detail);
    }

    /// <summary>
    /// At the end of a complete run: arrivals minus <paramref name="completed"/> over the measured window is how much
    /// the backlog and the requests in flight grew. A stable queue's growth stays within its fluctuations, which do not
    /// grow with the run; an overloaded one grows in proportion to it. Growth beyond three standard deviations of the
    /// arrival count (Poisson: the square root of the count) plus twice the <paramref name="slots"/> is reported: the
    /// finding's detail, or null.
    /// </summary>
    private string? Overload(long completed, int slots, int inFlight)
    {
        if (_offered is null) return null;
        long offered = _offered.Value;
        long growth = offered - completed;
        double threshold = 3 * Math.Sqrt(offered) + 2 * slots;
        if (growth <= threshold) return null;
        return $"{offered} requests arrived and {completed} completed over the measured window: the backlog grew by {growth} " +
            $"({_backlog.Count} waiting in the application at the end, {inFlight} in flight); latency grows with the run's length " +
            "and its statistics describe no steady state";
    }
}
