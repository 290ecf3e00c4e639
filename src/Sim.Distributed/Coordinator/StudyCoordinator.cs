using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Akka.Actor;
using Sim.Distributed.Protocol;
using Sim.Studies;

namespace Sim.Distributed.Coordinator;

/// <summary>
/// The coordinator of a distributed study (actor <c>/user/coordinator</c> on the node started by
/// <c>sim sweep --cluster</c>). Workers pull runs (<see cref="WorkRequest"/>, one per free slot) and return records
/// (<see cref="RunCompleted"/>), which it hands to <see cref="CoordinatorSetup.Write"/>. A worker whose node becomes
/// unreachable gets no more work and its runs are re-queued at once; a terminated worker is forgotten likewise. A late
/// duplicate is compared with the record kept: equal, it is dropped; different, the study stops with a
/// <see cref="NonDeterministicRunException"/>. When every run is recorded, or on <see cref="StopStudy"/>, or on a
/// failure, it hands out nothing more, tells every worker to stop (<see cref="StopWorking"/>), waits for them to go
/// (or <see cref="CoordinatorSetup.DismissTimeout"/>), then completes <see cref="CoordinatorSetup.Ended"/> and stops.
/// </summary>
internal sealed class StudyCoordinator : ReceiveActor, IWithTimers
{
    private readonly CoordinatorSetup _setup;
    private readonly string _studyId;
    private readonly IReadOnlyList<StudyRun> _runs;
    private readonly Dictionary<(int Point, int Replication), int> _index = [];
    private readonly HashSet<int> _missing;
    private readonly Dictionary<int, string> _kept = [];
    private readonly RunBoard _board;
    private int _duplicates;
    private StudyEnded? _ending;

    /// <summary>A coordinator of <paramref name="setup"/>'s study.</summary>
    public StudyCoordinator(CoordinatorSetup setup)
    {
        _setup = setup;
        _studyId = StudyRunner.Identity(setup.Study);
        _runs = setup.Study.Runs().ToList();
        for (int i = 0; i < _runs.Count; i++) _index[(_runs[i].Point.Index, _runs[i].Replication)] = i;
        _missing = [.. setup.Missing];
        _board = new RunBoard(setup.Missing);

        Receive<WorkerReady>(OnReady);
        Receive<WorkRequest>(OnRequest);
        Receive<RunCompleted>(OnCompleted);
        Receive<RunFailed>(OnFailed);
        Receive<WorkerRefused>(r =>
        {
            setup.Notice($"worker {Sender.Path.Address} refused the study: {r.Reason}");
            Forget(Sender);
        });
        Receive<Terminated>(t => Forget(t.ActorRef));
        Receive<NodeUnreachable>(u => OnNodeUnreachable(u.Address));
        Receive<NodeReachable>(r => OnNodeReachable(r.Address));
        Receive<StopStudy>(_ => End(new StudyEnded(false, _kept.Count, _duplicates, null), "the coordinator was stopped"));
        Receive<DismissTimedOut>(_ => Finish());
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (_setup.WatchCluster) Context.ActorOf(Props.Create(() => new NodeWatcher()), "nodes");
        if (_missing.Count == 0) End(new StudyEnded(true, 0, 0, null), "the study is complete");
    }

    private void OnReady(WorkerReady ready)
    {
        if (_ending is not null)
        {
            Sender.Tell(new StopWorking("the study has ended", _ending.Complete));
            return;
        }
        if (_board.Join(Sender))
        {
            Context.Watch(Sender);
            _setup.Notice($"worker {Sender.Path.Address} joined with {ready.Slots} job slot(s)");
        }
        Sender.Tell(new StudyOffer(_studyId, _setup.FileName, _setup.Study.Text, _setup.Study.Files));
    }

    private void OnRequest(WorkRequest request)
    {
        if (_ending is not null || !IsThisStudy(request.StudyId) || !_board.Knows(Sender)) return;
        _board.Request(Sender);
        HandOut();
    }

    private void OnCompleted(RunCompleted done)
    {
        if (_ending is not null || !IsThisStudy(done.StudyId)) return;
        if (!_index.TryGetValue((done.Point, done.Replication), out int run) || !_missing.Contains(run) || _runs[run].Seed != done.Seed)
        {
            _setup.Notice($"worker {Sender.Path.Address} returned run p{done.Point:D4}-r{done.Replication:D3} (seed {done.Seed}), which this session did not hand out; dropped");
            return;
        }
        if (!_board.Record(run))
        {
            if (_kept[run] != done.Record)
            {
                End(new StudyEnded(false, _kept.Count, _duplicates, new NonDeterministicRunException(_runs[run])), "a run was not deterministic");
                return;
            }
            _duplicates++;
            return;
        }
        try
        {
            _setup.Write(run, done.Record);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            End(new StudyEnded(false, _kept.Count, _duplicates, new StudyRunFailedException(_runs[run], e)), "a run record could not be written");
            return;
        }
        _kept[run] = done.Record;
        Tell(CoordinatorEventKind.Recorded, Sender, 1);
        _setup.Recorded(_kept.Count);
        if (_kept.Count == _missing.Count) End(new StudyEnded(true, _kept.Count, _duplicates, null), "the study is complete");
    }

    private void OnFailed(RunFailed failed)
    {
        if (_ending is not null || !IsThisStudy(failed.StudyId)) return;
        var run = _index.TryGetValue((failed.Point, failed.Replication), out int i) ? _runs[i] : null;
        Exception failure = run is null ? new RemoteRunException(failed.Error) : new StudyRunFailedException(run, new RemoteRunException(failed.Error));
        End(new StudyEnded(false, _kept.Count, _duplicates, failure), "a run failed");
    }

    private void OnNodeUnreachable(Address address)
    {
        foreach (var worker in _board.Workers.Where(w => w.Path.Address == address).ToList())
        {
            var back = _board.Suspend(worker);
            Tell(CoordinatorEventKind.Requeued, worker, back.Count);
            _setup.Notice($"worker {address} unreachable: re-queued {back.Count} run(s){Keys(back)}");
        }
        HandOut();
    }

    private void OnNodeReachable(Address address)
    {
        foreach (var worker in _board.Workers.Where(w => w.Path.Address == address).ToList())
        {
            _board.Resume(worker);
            _setup.Notice($"worker {address} reachable again");
        }
        HandOut();
    }

    private void Forget(IActorRef worker)
    {
        if (!_board.Knows(worker)) return;
        Context.Unwatch(worker);
        var back = _board.Remove(worker);
        if (back.Count > 0) Tell(CoordinatorEventKind.Requeued, worker, back.Count);
        if (_ending is null) _setup.Notice($"worker {worker.Path.Address} left: re-queued {back.Count} run(s){Keys(back)}");
        HandOut();
        if (_ending is not null && !_board.Workers.Any(_board.IsReachable)) Finish();
    }

    private void HandOut()
    {
        if (_ending is not null) return;
        foreach (var (worker, run) in _board.Assign())
        {
            worker.Tell(new RunAssignment(_studyId, _runs[run].Point.Index, _runs[run].Replication));
            Tell(CoordinatorEventKind.Assigned, worker, 1);
        }
    }

    private void Tell(CoordinatorEventKind kind, IActorRef worker, int count) =>
        _setup.Observe?.Invoke(new CoordinatorEvent(kind, worker.Path.Address.ToString(), count, _kept.Count, System.Diagnostics.Stopwatch.GetTimestamp()));

    private void End(StudyEnded ended, string reason)
    {
        if (_ending is not null) return;
        _ending = ended;
        foreach (var worker in _board.Workers) worker.Tell(new StopWorking(reason, ended.Complete));
        if (!_board.Workers.Any(_board.IsReachable)) Finish();
        else Timers.StartSingleTimer(DismissTimedOut.Instance, DismissTimedOut.Instance, _setup.DismissTimeout);
    }

    private void Finish()
    {
        _setup.Ended.TrySetResult(_ending!);
        Context.Stop(Self);
    }

    private bool IsThisStudy(string id)
    {
        if (id == _studyId) return true;
        _setup.Notice($"worker {Sender.Path.Address} speaks of study {id[..Math.Min(12, id.Length)]}, not this one; ignored");
        return false;
    }

    private string Keys(IReadOnlyList<int> back) => back.Count == 0 ? "" : $" ({string.Join(", ", back.Select(r => _runs[r].Key))})";
}
