using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Interconnect.Bus;

/// <summary>
/// The interconnect bus as an actor (issue 5): a <see cref="FluidBus"/> whose capacity is the bandwidth of the level in
/// force of a <see cref="BusLevelController"/>. Device DMA arrives as <see cref="BusTransfer"/> and is answered with
/// <see cref="BusTransferDone"/> at its completion time; <see cref="BusSetLevel"/> changes the level;
/// <see cref="BusReserve"/> reserves bandwidth for an owner. Transfer ids are
/// the requester's own: the bus tells requesters apart, so two devices may both use id 1.
/// It keeps one timer for the next completion and one for the end of a level transition, re-armed only when their
/// time changes.
/// Metrics under the actor's path: <c>level</c> (gauge), <c>power</c> (gauge, W), <c>energy</c> (integral of the power,
/// J, over the measured window), <c>transitions</c>, <c>utilization</c> (gauge, sum of rates over capacity), <c>active_transfers</c>
/// (gauge), <c>transfers</c>, <c>transfer_latency</c> (histogram), <c>bytes/OWNER</c> (counter per owner, B, credited
/// at completion). Exact energy since time zero is <see cref="BusLevelController.EnergyJoules"/> on <see cref="Levels"/>.
/// </summary>
public sealed class BusActor : Actor
{
    private static readonly object CompletionTimer = new();
    private static readonly object TransitionTimer = new();

    private readonly Dictionary<long, (ActorRef ReplyTo, long Id)> _requests = new();
    private readonly Dictionary<string, Counter> _bytesByOwner = new(StringComparer.Ordinal);
    private long _nextFlow;
    private long _armedCompletion = -1;
    private long _armedTransition = -1;
    private long _transitionsSeen;
    private readonly TimeWeightedGauge _level;
    private readonly TimeWeightedGauge _power;
    private readonly TimeIntegral _energy;
    private readonly TimeWeightedGauge _utilization;
    private readonly TimeWeightedGauge _active;
    private readonly Counter _transitions;
    private readonly Counter _transfers;
    private readonly LatencyHistogram _latency;

    /// <summary>
    /// A bus with the levels of <paramref name="table"/>, starting at <paramref name="initialLevel"/>; with
    /// <paramref name="seriesCapacity"/> above 0 it records a <see cref="BusSeries"/> of that many points, its owner
    /// rates binned by <paramref name="seriesBin"/> when given.
    /// </summary>
    public BusActor(OppTable table, int initialLevel = 0, int seriesCapacity = 0, SimTime? seriesBin = null)
    {
        Levels = new BusLevelController(table, initialLevel);
        Bus = new FluidBus(Levels.InForce.BytesPerSecond);
        Series = seriesCapacity > 0 ? new BusSeries(seriesCapacity, seriesBin) : null;
        _level = NewGauge("level");
        _power = NewGauge("power", "W");
        _energy = NewIntegral("energy", "J", Levels.InForce.Watts);
        _utilization = NewGauge("utilization");
        _active = NewGauge("active_transfers");
        _transitions = NewCounter("transitions");
        _transfers = NewCounter("transfers");
        _latency = NewLatencyHistogram("transfer_latency");
    }

    /// <summary>The flows and what they carried.</summary>
    public FluidBus Bus { get; }

    /// <summary>The level, its transitions and its energy.</summary>
    public BusLevelController Levels { get; }

    /// <summary>The recorded level and per-owner rate series; null when not asked for.</summary>
    public BusSeries? Series { get; }

    /// <inheritdoc />
    protected override void OnStart()
    {
        _level.Set(Now, Levels.Level);
        _power.Set(Now, Levels.InForce.Watts);
        Series?.AddLevel(Now, Levels.Level);
    }

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        switch (message)
        {
            case BusTransfer transfer:
                ArgumentNullException.ThrowIfNull(transfer.Owner);
                long flow = ++_nextFlow;
                _requests.Add(flow, (transfer.ReplyTo, transfer.Id));
                Bus.Start(Now, flow, transfer.Bytes, transfer.Owner, transfer.RateCap);
                break;
            case BusSetLevel set:
                Levels.Request(Now, set.Level);
                break;
            case BusReserve reserve:
                Bus.Reserve(Now, reserve.Owner, reserve.BytesPerSecond);
                break;
            case TimerDue:
                break;
            default:
                Unhandled(message);
                break;
        }
        Settle();
    }

    /// <summary>Brings the level and the flows to now, answers finished transfers, updates metrics and re-arms the timers.</summary>
    private void Settle()
    {
        SimTime now = Now;
        if (Levels.Advance(now))
        {
            Bus.SetCapacity(now, Levels.InForce.BytesPerSecond);
            _level.Set(now, Levels.Level);
            _power.Set(now, Levels.InForce.Watts);
            _energy.SetRate(now, Levels.InForce.Watts);
            _transitions.Add(Levels.Transitions - _transitionsSeen);
            _transitionsSeen = Levels.Transitions;
            Series?.AddLevel(now, Levels.Level);
        }
        Bus.Advance(now);
        while (Bus.TryTakeEnded(out var ended))
        {
            var (replyTo, id) = _requests[ended.Id];
            _requests.Remove(ended.Id);
            OwnerBytes(ended.Owner).Add(ended.DeliveredBytes);
            _transfers.Increment();
            _latency.Record(ended.Latency);
            Send(replyTo, new BusTransferDone(id, ended.Bytes, ended.StartedAt));
        }
        _utilization.Set(now, Bus.Accounting.CurrentUtilization);
        _active.Set(now, Bus.ActiveCount);
        Series?.AddOwnerRates(now, Bus.Accounting);
        Arm(CompletionTimer, ref _armedCompletion, Bus.TryGetNextCompletion(out var at, out _) && at < SimTime.MaxValue ? at.Picoseconds : -1);
        Arm(TransitionTimer, ref _armedTransition, Levels.TransitionEndsAt?.Picoseconds ?? -1);
    }

    private void Arm(object key, ref long armed, long at)
    {
        if (at == armed) return;
        armed = at;
        if (at < 0) CancelTimer(key);
        else SetTimer(key, TimerDue.Instance, new SimTime(at) - Now);
    }

    private Counter OwnerBytes(string owner)
    {
        if (!_bytesByOwner.TryGetValue(owner, out var counter))
        {
            counter = NewCounter("bytes/" + owner, "B");
            _bytesByOwner.Add(owner, counter);
        }
        return counter;
    }

    /// <summary>A completion or a transition end may be due: settle.</summary>
    private sealed class TimerDue
    {
        public static readonly TimerDue Instance = new();
    }
}
