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
        if (_arrivals is null)
        {
            Refill();
            return;
        }
        SetTimer(NextArrival.Instance, NextArrival.Instance, _arrivals.First(Now, Random) - Now);
    }

    /// <summary>
    /// Open loop: takes every arrival due by now into a free slot or the application's backlog
    /// (<see cref="OpenLoopArrivals.TakeDue"/>), submits what can be, and sets the timer for the next arrival.
    /// </summary>
    private void OnArrival()
    {
        var next = _arrivals!.TakeDue(Now, Random, () => _free.Count > 0, since => Take(_free.Pop(), since));
        Pump();
        SetTimer(NextArrival.Instance, NextArrival.Instance, next - Now);
    }

    /// <summary>Open loop: the oldest waiting arrivals take the slots a completion freed.</summary>
    private void TakeBacklog() =>
        _arrivals!.TakeBacklog(Now, () => !_stopped && _free.Count > 0, since => Take(_free.Pop(), since));

    /// <summary>Open loop, at the end of a complete run: an offered load the device could not sustain is a finding (<see cref="OpenLoopArrivals.Overload"/>).</summary>
    protected override void OnRunEnd()
    {
        base.OnRunEnd();
        if (_arrivals is null || _stopped) return;
        if (_arrivals.Overload(_requests.Value, _preparedAt.Length, _inFlight.Count) is { } detail)
            ReportFinding("offered-load-exceeds-capacity", detail, null);
    }

    /// <summary>
    /// After slots were freed (an interrupt's reclaim, a reset's take-back): on demand, submits what was kept back;
    /// closed loop, refills; open loop, the backlog takes the free slots.
    /// </summary>
    private void GoOn()
    {
        if (_onDemand)
        {
            Pump();
            OnSlotsFreed();
        }
        else if (_arrivals is null) Refill();
        else
        {
            TakeBacklog();
            Pump();
        }
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
