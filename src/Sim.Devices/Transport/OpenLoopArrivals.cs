using Sim.Core.Randomness;
using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Devices.Transport;

/// <summary>
/// The open-loop arrivals of a <see cref="VirtioDriver"/> (arrivals at random gaps): they keep their own clock, so a busy
/// vCPU delays serving an arrival, not the ones after it; every arrival due by the time the vCPU gets to them is taken
/// in the same turn (submitted together, so kicks batch as load rises). An arrival that finds every request slot busy
/// waits in the application's backlog until a completion frees one, and its latency counts from its arrival, its wait
/// included. An offered load the device cannot sustain shows as a backlog that grows over the measured window
/// (<see cref="Overload"/>), never as silent growth. Owned by one driver and used only in its turns.
/// Metrics: <c>offered</c> (arrivals), <c>backlogged</c> (arrivals that found every slot busy) and <c>backlog</c>
/// (arrivals waiting, time-weighted).
/// </summary>
internal sealed class OpenLoopArrivals(DelayDistribution interarrival)
{
    private readonly Queue<SimTime> _backlog = new();
    private Counter? _offered, _backlogged;
    private TimeWeightedGauge? _gauge;
    private SimTime _due;

    /// <summary>Takes the metrics the driver registered for its arrivals (at its start).</summary>
    public void Start(Counter offered, Counter backlogged, TimeWeightedGauge backlog) =>
        (_offered, _backlogged, _gauge) = (offered, backlogged, backlog);

    /// <summary>Draws the first arrival after <paramref name="now"/>; its time.</summary>
    public SimTime First(SimTime now, ActorRandom random) => _due = now + interarrival.Sample(random);

    /// <summary>
    /// Takes every arrival due by <paramref name="now"/> (the timer fires late when the vCPU was busy), each into a
    /// free slot (<paramref name="take"/>, given the arrival time) when <paramref name="slotFree"/> and no earlier one
    /// waits, otherwise into the backlog; the time of the next arrival.
    /// </summary>
    public SimTime TakeDue(SimTime now, ActorRandom random, Func<bool> slotFree, Action<SimTime> take)
    {
        while (_due <= now)
        {
            _offered!.Increment();
            if (slotFree() && _backlog.Count == 0) take(_due);
            else
            {
                _backlogged!.Increment();
                _backlog.Enqueue(_due);
            }
            _due += interarrival.Sample(random);
        }
        _gauge!.Set(now, _backlog.Count);
        return _due;
    }

    /// <summary>The oldest waiting arrivals take slots (<paramref name="take"/>) while <paramref name="canTake"/>.</summary>
    public void TakeBacklog(SimTime now, Func<bool> canTake, Action<SimTime> take)
    {
        if (_backlog.Count == 0) return;
        while (canTake() && _backlog.Count > 0) take(_backlog.Dequeue());
        _gauge!.Set(now, _backlog.Count);
    }

    /// <summary>
    /// At the end of a complete run: arrivals minus <paramref name="completed"/> over the measured window is how much
    /// the backlog and the requests in flight grew. A stable queue's growth stays within its fluctuations, which do not
    /// grow with the run; an overloaded one grows in proportion to it. Growth beyond three standard deviations of the
    /// arrival count (Poisson: the square root of the count) plus twice the <paramref name="slots"/> is reported: the
    /// finding's detail, or null.
    /// </summary>
    public string? Overload(long completed, int slots, int inFlight)
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
