using Sim.Core.Time;

namespace Sim.Devices.Transport;

/// <summary>
/// The workload side of <see cref="VirtioDriver"/>: filling request slots closed loop (a new request for every slot a
/// completion frees) or open loop (arrivals keep their own clock; every arrival due is taken in the same turn, those
/// beyond the free slots wait in the application's backlog and their waiting counts in latency; a run whose backlog
/// grew with its length reports <c>offered-load-exceeds-capacity</c>), or on demand.
/// </summary>
public abstract partial class VirtioDriver
{
    private void StartWorkload()
    {
        OnTransportReady();
        if (_onDemand) return;
        if (_interarrival is null)
        {
            Refill();
            return;
        }
        _arrivalDue = Now + _interarrival.Sample(Random);
        SetTimer(NextArrival.Instance, NextArrival.Instance, _arrivalDue - Now);
    }

    /// <summary>
    /// Open loop: takes every arrival due by now (the timer fires late when the vCPU was busy), each into a free slot or
    /// the application's backlog, submits what can be, and sets the timer for the next arrival.
    /// </summary>
    private void OnArrival()
    {
        while (_arrivalDue <= Now)
        {
            _offered!.Increment();
            if (_free.Count > 0 && _backlog.Count == 0) Take(_free.Pop(), _arrivalDue);
            else
            {
                _backlogged!.Increment();
                _backlog.Enqueue(_arrivalDue);
            }
            _arrivalDue += _interarrival!.Sample(Random);
        }
        _backlogGauge!.Set(Now, _backlog.Count);
        Pump();
        SetTimer(NextArrival.Instance, NextArrival.Instance, _arrivalDue - Now);
    }

    /// <summary>Open loop: the oldest waiting arrivals take the slots a completion freed.</summary>
    private void TakeBacklog()
    {
        if (_backlog.Count == 0) return;
        while (!_stopped && _free.Count > 0 && _backlog.Count > 0) Take(_free.Pop(), _backlog.Dequeue());
        _backlogGauge!.Set(Now, _backlog.Count);
    }

    /// <summary>
    /// Open loop, at the end of a complete run: arrivals minus completions over the measured window is how much the
    /// backlog and the requests in flight grew. A stable queue's growth stays within its fluctuations, which do not grow
    /// with the run; an overloaded one grows in proportion to it. Growth beyond three standard deviations of the
    /// arrival count (Poisson: the square root of the count) plus twice the slots is reported.
    /// </summary>
    protected override void OnRunEnd()
    {
        base.OnRunEnd();
        if (_offered is null || _stopped) return;
        long offered = _offered.Value, completed = _requests!.Value;
        long growth = offered - completed;
        double threshold = 3 * Math.Sqrt(offered) + 2 * _preparedAt.Length;
        if (growth <= threshold) return;
        ReportFinding("offered-load-exceeds-capacity",
            $"{offered} requests arrived and {completed} completed over the measured window: the backlog grew by {growth} " +
            $"({_backlog.Count} waiting in the application at the end, {_inFlight.Count} in flight); latency grows with the run's length " +
            "and its statistics describe no steady state", null);
    }

    /// <summary>Closed loop: a new request for every free slot, then submit what can be.</summary>
    private void Refill()
    {
        while (!_stopped && _free.Count > 0) Take(_free.Pop(), Now + Spent);
        Pump();
    }

    private void Take(int slot, SimTime since)
    {
        _preparedAt[slot] = since;
        Prepare(slot);
        _pending.Enqueue(slot);
    }

    /// <summary>
    /// Takes a free slot for a request that arrived now (prepared at once, latency counted from now) and submits what can
    /// be; false when no slot is free (the caller keeps the request until a completion frees one).
    /// </summary>
    protected bool SubmitOnDemand()
    {
        if (_free.Count == 0 || _stopped) return false;
        Take(_free.Pop(), Now + Spent);
        Pump();
        return true;
    }
}
