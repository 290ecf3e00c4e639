using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sim.Core.Logging;
using Sim.Core.Randomness;
using Sim.Core.Running;
using Sim.Core.Scheduling;
using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Core.Actors;

/// <summary>
/// A simulated entity (a vCPU, a driver, a backend, a bus): private state, reached only by messages. A handler may
/// send messages with a delay, set and cancel timers, draw from the actor's own random stream, record statistics and
/// findings, and log. Added to a <see cref="Simulation"/> under a stable path; <see cref="OnStart"/> runs at time zero.
/// </summary>
public abstract class Actor
{
    private Simulation? _simulation;
    private LogicalProcess? _process;
    private ActorRandom? _random;
    private ILogger? _log;
    private long _sendCounter;
    private long _findingCounter;
    private TimerTable? _timers;
    private ActorSlot _slot;
    private List<Metric>? _unplaced;

    /// <summary>An actor not yet added to a simulation.</summary>
    protected Actor() => _slot = new ActorSlot(this);

    /// <summary>Extra delay added to every send; a <see cref="BusyResource"/> sets it to the cost spent so far.</summary>
    private protected long _sendOffset;

    /// <summary>This actor's id; valid once added to a simulation.</summary>
    public ActorId Id { get; private set; } = ActorId.Kernel;

    /// <summary>A ref to this actor, for others to send to.</summary>
    public ActorRef Ref => new(_slot);

    /// <summary>A ref to this actor, for use inside handlers.</summary>
    protected ActorRef Self => new(_slot);

    /// <summary>The current simulated time.</summary>
    protected SimTime Now => new(Process.Now);

    /// <summary>This actor's own random stream, derived from (run seed, <see cref="Id"/>).</summary>
    protected ActorRandom Random => _random ?? throw NotAdded();

    /// <summary>A logger whose scope carries the simulated time and this actor's path.</summary>
    protected ILogger Log => _log ??= _simulation is null
        ? NullLogger.Instance
        : new SimLogger(_simulation.LoggerFactory.CreateLogger(Id.Path), this);

    internal SimTime CurrentTime => Now;

    internal LogicalProcess Process => _process ?? throw NotAdded();

    internal ActorSlot Slot => _slot;

    /// <summary>
    /// Joins <paramref name="simulation"/> under <paramref name="id"/>, filling <paramref name="reservation"/> if the path
    /// was reserved, and registers the metrics created before (in the constructor) under this actor's path.
    /// </summary>
    internal void Attach(Simulation simulation, LogicalProcess process, ActorId id, ulong runSeed, ActorSlot? reservation)
    {
        if (_simulation is not null) throw new InvalidOperationException($"actor '{Id}' is already part of a simulation");
        _simulation = simulation;
        _process = process;
        Id = id;
        _random = new ActorRandom(SplitMix64.Derive(runSeed, id.OrderKey));
        if (reservation is not null)
        {
            reservation.Actor = this;
            _slot = reservation;
        }
        if (_unplaced is null) return;
        foreach (var metric in _unplaced) simulation.Metrics.Register(metric.PlaceUnder(id.Path));
        _unplaced = null;
    }

    /// <summary>Called once at time zero, before any message is delivered: register metrics, send first messages.</summary>
    protected virtual void OnStart()
    {
    }

    /// <summary>
    /// Called once when a run ends complete (its end reached, or no events left), at the end time, after the last event:
    /// a last look at the measured window (e.g. a backlog that only grew is a finding). Not called for a partial run.
    /// </summary>
    protected virtual void OnRunEnd()
    {
    }

    /// <summary>
    /// Handles one delivered message. <paramref name="sender"/> is <see cref="ActorRef.None"/> for set-up events. A
    /// message the actor does not know ends in <see cref="Unhandled"/>: none is dropped.
    /// </summary>
    protected abstract void Receive(object message, ActorRef sender);

    /// <summary>
    /// Rejects <paramref name="message"/>, which this actor does not handle: the last case of every handler. An unknown
    /// message is a model bug, never dropped: the run stops with an <see cref="ActorFailedException"/> naming this actor,
    /// the simulated time and the message type (<see cref="UnknownMessageException"/> inside).
    /// </summary>
    [DoesNotReturn]
    protected void Unhandled(object message) =>
        throw new UnknownMessageException(Id.Path, message?.GetType().Name ?? "null");

    internal void Start() => OnStart();

    internal void End() => OnRunEnd();

    internal void Handle(object message, ActorRef sender) => Receive(message, sender);

    /// <summary>Sends <paramref name="message"/> to arrive now (after any events already due at this time from this sender).</summary>
    protected void Send(ActorRef target, object message) => Send(target, message, SimTime.Zero);

    /// <summary>Sends <paramref name="message"/> to arrive after <paramref name="delay"/>.</summary>
    protected void Send(ActorRef target, object message, SimTime delay)
    {
        Actor to = target.Actor ?? throw NoActor(target);
        ArgumentNullException.ThrowIfNull(message);
        if (delay.Picoseconds < 0) throw new ArgumentOutOfRangeException(nameof(delay), delay, $"actor '{Id}' sent with a negative delay");
        Schedule(to, message, delay.Picoseconds, isTimer: false);
    }

    /// <summary>Sets (or replaces) the timer named <paramref name="key"/> to deliver <paramref name="message"/> to this actor after <paramref name="delay"/>.</summary>
    protected void SetTimer(object key, object message, SimTime delay)
    {
        if (delay.Picoseconds < 0) throw new ArgumentOutOfRangeException(nameof(delay), delay, $"actor '{Id}' set a timer with a negative delay");
        long sequence = Schedule(this, message, delay.Picoseconds, isTimer: true);
        (_timers ??= new TimerTable()).Set(key, sequence);
    }

    /// <summary>Cancels the timer named <paramref name="key"/>; false if none was pending.</summary>
    protected bool CancelTimer(object key) => _timers is not null && _timers.Cancel(key);

    /// <summary>Whether the timer named <paramref name="key"/> is pending.</summary>
    protected bool IsTimerPending(object key) => _timers is not null && _timers.IsPending(key);

    /// <summary>Registers this actor's counter <c>path/name</c>.</summary>
    /// <remarks>
    /// Every <c>New…</c> metric may be created in the constructor, so an actor is never half built: before the actor is
    /// added its metrics are named relative to it and registered under its path when it is added (at time zero).
    /// </remarks>
    protected Counter NewCounter(string name, string unit = "") => Own(new Counter(MetricPath(name), unit));

    /// <summary>Registers this actor's time-weighted gauge <c>path/name</c>.</summary>
    protected TimeWeightedGauge NewGauge(string name, string unit = "") =>
        Own(new TimeWeightedGauge(MetricPath(name), unit, 0, CreationTime));

    /// <summary>Registers this actor's time integral <c>path/name</c> of a rate starting at <paramref name="initialRate"/> now.</summary>
    protected TimeIntegral NewIntegral(string name, string unit = "", double initialRate = 0) =>
        Own(new TimeIntegral(MetricPath(name), unit, initialRate, CreationTime));

    /// <summary>Registers this actor's ratio <c>path/name</c> = <paramref name="numerator"/> / <paramref name="denominator"/>.</summary>
    protected RatioMetric NewRatio(string name, Counter numerator, Counter denominator) =>
        Own(new RatioMetric(MetricPath(name), numerator, denominator));

    /// <summary>
    /// Registers this actor's cost ledger <c>path/costs</c>, for an actor that charges time without being a
    /// <see cref="BusyResource"/> (which has its own): a hand-written server's occupancy, a link's serialisation, a delay.
    /// </summary>
    protected Costs.CostLedger NewLedger() => Own(new Costs.CostLedger(MetricPath("costs")));

    /// <summary>Registers a metric this actor keeps (its path must be new; a full path, unlike the <c>New…</c> names).</summary>
    protected T Register<T>(T metric) where T : Metric => Registry.Register(metric);

    /// <summary>Registers this actor's latency histogram <c>path/name</c>.</summary>
    protected LatencyHistogram NewLatencyHistogram(string name) => Own(new LatencyHistogram(MetricPath(name)));

    /// <summary>Registers <paramref name="metric"/> now, or keeps it until this actor is added (its path then relative).</summary>
    private T Own<T>(T metric) where T : Metric
    {
        if (_simulation is not null) return _simulation.Metrics.Register(metric);
        (_unplaced ??= new List<Metric>()).Add(metric);
        return metric;
    }

    /// <summary>The time a metric created now starts at: the clock once added, zero before (actors are added before the run).</summary>
    private SimTime CreationTime => _process is null ? SimTime.Zero : Now;

    /// <summary>Records that the modelled system broke a rule: a result of the run, never an exception.</summary>
    protected void ReportFinding(string rule, string detail, string? reference = null)
    {
        var simulation = _simulation ?? throw NotAdded();
        simulation.AddFinding(new Finding(Now, Id.Path, ++_findingCounter, rule, detail, reference));
    }

    /// <summary>Reports findings on behalf of this actor, at the simulated time of the report (for objects the actor uses).</summary>
    public IFindingSink FindingSink => _findingSink ??= new ActorFindingSink(this);

    private IFindingSink? _findingSink;

    private sealed class ActorFindingSink(Actor actor) : IFindingSink
    {
        public void Report(string rule, string detail, string? reference = null) => actor.ReportFinding(rule, detail, reference);
    }

    internal bool ClaimTimerDelivery(long sequence) => _timers is not null && _timers.ClaimDelivery(sequence);

    private long Schedule(Actor target, object message, long delay, bool isTimer)
    {
        var process = Process;
        long sequence = ++_sendCounter;
        if (_deferred is not null)
        {
            _deferred.Add(new DeferredSend(_sendOffset, delay, sequence, isTimer, target, message));
            return sequence;
        }
        process.Enqueue(checked(process.Now + delay + _sendOffset), Id.OrderKey, sequence, isTimer, target, this, message);
        return sequence;
    }

    /// <summary>
    /// While not null, sends and timers are kept here with the work offset they were made at instead of being queued
    /// (a resource whose work runs on scheduled CPU time releases them when that time has run).
    /// </summary>
    private protected List<DeferredSend>? _deferred;

    /// <summary>Queues a kept send now, after its own delay; it keeps the sequence number it was given when made.</summary>
    private protected void Release(in DeferredSend send)
    {
        var process = Process;
        process.Enqueue(checked(process.Now + send.Delay), Id.OrderKey, send.Sequence, send.IsTimer, send.Target, this, send.Message);
    }

    /// <summary>A send or timer made at work offset <see cref="Offset"/> of a turn, kept until that work has run.</summary>
    internal readonly record struct DeferredSend(long Offset, long Delay, long Sequence, bool IsTimer, Actor Target, object Message);

    private MetricRegistry Registry => (_simulation ?? throw NotAdded()).Metrics;

    private string MetricPath(string name) => _simulation is null ? name : Id.Path + "/" + name;

    private static ArgumentException NoActor(ActorRef target) => target.IsNone
        ? new ArgumentException("cannot send to ActorRef.None", nameof(target))
        : new ArgumentException($"cannot send to '{target.Id}': reserved but never added", nameof(target));

    private InvalidOperationException NotAdded() =>
        new($"actor of type {GetType().Name} has not been added to a simulation yet (use Simulation.Add)");
}
