using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sim.Core.Actors;
using Sim.Core.Scheduling;
using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Core.Running;

/// <summary>
/// One run of a model: the actors (by path), the run seed from which every actor's random stream is derived, the
/// metrics and findings, and the logical processes that execute them. Build it, <see cref="Add{T}"/> actors, optionally
/// <see cref="Schedule"/> set-up messages, then <see cref="Run"/> once.
/// <para>Actors added inside a <see cref="Partition"/> scope form a logical process of their own: a group of actors
/// that never send to another group (a send across is refused as a model bug). The run then delivers each group's
/// events in the same order as one process would, group after group in windows of <see cref="PartitionWindow"/>
/// (see <see cref="PartitionedRun"/>), so a group's state stays in the processor's caches for a window's worth of
/// events; results are identical, whatever the partitioning and the window (issue 21).</para>
/// </summary>
public sealed class Simulation
{
    private readonly LogicalProcess _process;
    private readonly List<LogicalProcess> _partitions = new();
    private readonly Dictionary<string, LogicalProcess> _partitionByName = new(StringComparer.Ordinal);
    private LogicalProcess _adding, _current;
    private readonly Dictionary<string, Actor> _actorsByPath = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, string> _pathByKey = new();
    private readonly Dictionary<string, ActorSlot> _reserved = new(StringComparer.Ordinal);
    private readonly List<Actor> _actors = new();
    private readonly List<Finding> _findings = new();
    private long _kernelSequence;
    private bool _started;

    /// <summary>A simulation with run seed <paramref name="seed"/>; logs go to <paramref name="loggerFactory"/> if given.</summary>
    public Simulation(ulong seed, ILoggerFactory? loggerFactory = null, int initialQueueCapacity = 1024)
    {
        Seed = seed;
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _process = new LogicalProcess(0, initialQueueCapacity);
        _adding = _current = _process;
    }

    /// <summary>
    /// Opens partition <paramref name="name"/> (a guest, a variant), created on first use: until the scope is disposed,
    /// <see cref="Add{T}"/> puts actors into that partition's logical process (see the class summary). Not nested; not
    /// after the run has started; not with a <see cref="DeliveryTap"/>.
    /// </summary>
    public IDisposable Partition(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_started) throw new InvalidOperationException("cannot open a partition after the run has started");
        if (!ReferenceEquals(_adding, _process)) throw new InvalidOperationException("partitions do not nest");
        if (_process.Tap is not null) throw new InvalidOperationException("a delivery tap sees one process's order: a simulation with a tap has no partitions");
        if (!_partitionByName.TryGetValue(name, out var partition))
        {
            partition = new LogicalProcess(_partitions.Count + 1, initialCapacity: 64);
            _partitions.Add(partition);
            _partitionByName.Add(name, partition);
        }
        _adding = partition;
        return new PartitionScope(this);
    }

    /// <summary>Logical processes beyond the default one (one per partition name opened with <see cref="Partition"/>).</summary>
    public int PartitionCount => _partitions.Count;

    /// <summary>
    /// The simulated span a partitioned run gives each logical process before moving to the next (10 ms by default).
    /// Results do not depend on it; longer windows keep a partition's state in cache for more events.
    /// </summary>
    public SimTime PartitionWindow { get; set; } = SimTime.FromMilliseconds(10);

    /// <summary>The run seed.</summary>
    public ulong Seed { get; }

    /// <summary>Where actors' loggers come from.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Every metric of every actor, by path.</summary>
    public MetricRegistry Metrics { get; } = new();

    /// <summary>Findings so far, in deterministic order (time, actor, sequence).</summary>
    public IReadOnlyList<Finding> Findings
    {
        get
        {
            var sorted = _findings.ToList();
            sorted.Sort(Finding.Compare);
            return sorted;
        }
    }

    /// <summary>The actors, in the order they were added.</summary>
    public IReadOnlyList<Actor> Actors => _actors;

    /// <summary>The current simulated time: that of the logical process delivering now.</summary>
    public SimTime Now => new(_current.Now);

    /// <summary>
    /// An observer of every delivered event (a trace recorder), set before <see cref="Run"/>; null for none. It sees
    /// events in delivery order and must not change the run.
    /// </summary>
    public IDeliveryTap? DeliveryTap
    {
        get => _process.Tap;
        set
        {
            if (_started) throw new InvalidOperationException("set the delivery tap before the run starts");
            if (_partitions.Count > 0) throw new InvalidOperationException("a delivery tap sees one process's order: a partitioned simulation has none");
            _process.Tap = value;
        }
    }

    /// <summary>Events delivered so far.</summary>
    public long EventsDelivered
    {
        get
        {
            long delivered = _process.Delivered;
            foreach (var partition in _partitions) delivered += partition.Delivered;
            return delivered;
        }
    }

    /// <summary>Adds <paramref name="actor"/> under <paramref name="path"/>; the path must be new and valid.</summary>
    public T Add<T>(string path, T actor) where T : Actor
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (_started) throw new InvalidOperationException($"cannot add actor '{path}' after the run has started");
        var id = ActorId.Of(path);
        if (_actorsByPath.ContainsKey(path)) throw new ArgumentException($"an actor with path '{path}' already exists", nameof(path));
        if (_pathByKey.TryGetValue(id.OrderKey, out string? other))
            throw new ArgumentException($"actor paths '{other}' and '{path}' have the same order key; rename one", nameof(path));
        _reserved.Remove(path, out var reservation);
        actor.Attach(this, _adding, id, Seed, reservation);
        _actorsByPath.Add(path, actor);
        _pathByKey.Add(id.OrderKey, path);
        _actors.Add(actor);
        return actor;
    }

    /// <summary>
    /// A ref to the actor that will be added under <paramref name="path"/> (the same ref again for the same path), for a
    /// world with a cycle: two actors that send to each other, or a chain whose last stage feeds back to the first, each
    /// given the other's ref in its constructor. <see cref="Add{T}"/> fills it; <see cref="Run"/> refuses to start while a
    /// reserved path has no actor (<see cref="ReservedActorMissingException"/>). A path already added gives that actor's ref.
    /// </summary>
    public ActorRef Reserve(string path)
    {
        if (_actorsByPath.TryGetValue(path, out var added)) return added.Ref;
        if (_reserved.TryGetValue(path, out var slot)) return new ActorRef(slot);
        if (_started) throw new InvalidOperationException($"cannot reserve actor '{path}' after the run has started");
        slot = new ActorSlot(ActorId.Of(path));
        _reserved.Add(path, slot);
        return new ActorRef(slot);
    }

    /// <summary>
    /// Reports findings on behalf of the actor <paramref name="actor"/> names, which may be reserved and not yet added (a
    /// collaborator built before its actor: a register file, a sharing mechanism), at the simulated time of each report,
    /// exactly as that actor's own <see cref="Actor.FindingSink"/> does.
    /// </summary>
    public IFindingSink FindingsOf(ActorRef actor)
    {
        if (actor.IsNone) throw new ArgumentException("findings are reported on behalf of an actor", nameof(actor));
        return new RefFindingSink(actor);
    }

    /// <summary>
    /// Charges the ledger of the busy resource <paramref name="resource"/> names, which may be reserved and not yet added
    /// (a collaborator built before the resource it charges on behalf of: a platform, a sharing mechanism). A charge made
    /// while the world is built, before the resource is added (a mechanism's set-up work), falls outside the run and is
    /// charged to no one.
    /// </summary>
    public Costs.ICostSink CostsOf(ActorRef resource)
    {
        if (resource.IsNone) throw new ArgumentException("costs are charged on behalf of an actor", nameof(resource));
        return new RefCostSink(resource);
    }

    private sealed class RefCostSink(ActorRef resource) : Costs.ICostSink
    {
        private Costs.ICostSink? _ledger;

        private Costs.ICostSink Ledger => _ledger ?? Resolve();

        public void Busy(in Costs.CostCharge charge) => Ledger.Busy(charge);

        public void Delay(in Costs.CostCharge charge) => Ledger.Delay(charge);

        private Costs.ICostSink Resolve() => resource.Actor switch
        {
            null => Costs.NoCostSink.Instance,
            BusyResource busy => _ledger = busy.Ledger,
            _ => throw new InvalidOperationException($"'{resource.Id}' is charged costs but is not a busy resource"),
        };
    }

    private sealed class RefFindingSink(ActorRef actor) : IFindingSink
    {
        public void Report(string rule, string detail, string? reference = null) =>
            (actor.Actor ?? throw new InvalidOperationException($"actor '{actor.Id}' reported a finding before it was added")).FindingSink.Report(rule, detail, reference);
    }

    /// <summary>The actor at <paramref name="path"/>, or null.</summary>
    public ActorRef? Find(string path) => _actorsByPath.TryGetValue(path, out var actor) ? actor.Ref : null;

    /// <summary>
    /// The actor added at <paramref name="path"/> when it is a <typeparamref name="T"/>, else null: for the code that
    /// builds a world, to finish wiring actors it added (e.g. put a resource on a machine's cores) before the run
    /// starts. Actors themselves reach each other only through refs.
    /// </summary>
    public T? ActorAt<T>(string path) where T : Actor => _actorsByPath.TryGetValue(path, out var actor) ? actor as T : null;

    /// <summary>Schedules a set-up message (sent by the kernel, not by an actor) to arrive at <paramref name="at"/>.</summary>
    public void Schedule(ActorRef target, object message, SimTime at)
    {
        Actor to = target.Actor ?? throw new ArgumentException(
            target.IsNone ? "cannot schedule to ActorRef.None" : $"cannot schedule to '{target.Id}' before it is added", nameof(target));
        ArgumentNullException.ThrowIfNull(message);
        if (at < new SimTime(to.Process.Now)) throw new ArgumentOutOfRangeException(nameof(at), at, "set-up events cannot be in the past");
        to.Process.Enqueue(new Envelope
        {
            Time = at.Picoseconds,
            SenderKey = ActorId.Kernel.OrderKey,
            Sequence = ++_kernelSequence,
            Target = to,
            Message = message,
        });
    }

    /// <summary>
    /// Runs once: starts every actor, delivers events up to the limits, resets statistics at the warm-up time, lets every
    /// actor look at the end of a complete run (<c>OnRunEnd</c>, in the order actors were added), and stops early when <paramref name="cancel"/> fires (the outcome is then partial). <paramref name="progress"/> is
    /// called between batches of events, on the running thread.
    /// </summary>
    public RunOutcome Run(RunLimits limits, CancellationToken cancel = default, Action<RunProgress>? progress = null)
    {
        limits.Validate();
        if (_started) throw new InvalidOperationException("a simulation runs once; build a new one for another run");
        if (_reserved.Count > 0) throw new ReservedActorMissingException(_reserved.Keys.Order(StringComparer.Ordinal).ToList());
        _started = true;
        if (_partitions.Count > 0) return new PartitionedRun(this, [_process, .. _partitions]).Run(limits, cancel, progress);
        foreach (var actor in _actors) InPhase(actor, ActorFailedException.Starting, actor.Start);

        long budget = limits.MaxEvents ?? long.MaxValue;
        Action<long>? report = progress is null ? null : events => progress(new RunProgress(Now, limits.End, events));
        StopReason reason = StopReason.EndReached;
        if (limits.Warmup > SimTime.Zero)
        {
            reason = _process.RunUntil(limits.Warmup.Picoseconds, budget, cancel, report);
            if (reason is StopReason.EndReached)
            {
                _process.AdvanceTo(limits.Warmup.Picoseconds);
                Metrics.ResetAll(limits.Warmup);
            }
        }
        if (reason is StopReason.EndReached)
        {
            reason = _process.RunUntil(limits.End.Picoseconds, budget - _process.Delivered, cancel, report);
            if (reason is StopReason.EndReached)
            {
                if (_process.Pending == 0) reason = StopReason.NoMoreEvents;
                _process.AdvanceTo(limits.End.Picoseconds);
                foreach (var actor in _actors) InPhase(actor, ActorFailedException.Ending, actor.End);
            }
        }
        progress?.Invoke(new RunProgress(Now, limits.End, _process.Delivered));
        return new RunOutcome(reason, Now, _process.Delivered);
    }

    internal void AddFinding(Finding finding) => _findings.Add(finding);

    private sealed class PartitionScope(Simulation simulation) : IDisposable
    {
        public void Dispose() => simulation._adding = simulation._process;
    }

    /// <summary>Makes <paramref name="process"/> the one whose clock <see cref="Now"/> reads (a partitioned run, as it switches).</summary>
    internal void Enter(LogicalProcess process) => _current = process;

    /// <summary>Runs <paramref name="phase"/> of <paramref name="actor"/>; what it throws stops the run naming the actor, as a handler's failure does.</summary>
    internal void InPhase(Actor actor, string name, Action phase)
    {
        _current = actor.Process;
        try
        {
            phase();
        }
        catch (Exception ex) when (ex is not ActorFailedException)
        {
            throw new ActorFailedException(actor.Id.Path, Now, name, ex);
        }
    }
}
