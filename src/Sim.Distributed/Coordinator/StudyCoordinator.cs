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
    private readonly CoordinatorSetup setup;
    private readonly string studyId;
    private readonly IReadOnlyList<StudyRun> runs;
    private readonly Dictionary<(int Point, int Replication), int> index = [];
    private readonly HashSet<int> missing;
    private readonly Dictionary<int, string> kept = [];
    private readonly RunBoard board;
    private int duplicates;
    private StudyEnded? ending;

    /// <summary>A coordinator of <paramref name="setup"/>'s study.</summary>
    public StudyCoordinator(CoordinatorSetup setup)
    {
        this.setup = setup;
        studyId = StudyRunner.Identity(setup.Study);
        runs = setup.Study.Runs().ToList();
        for (int i = 0; i < runs.Count; i++) index[(runs[i].Point.Index, runs[i].Replication)] = i;
        missing = [.. setup.Missing];
        board = new RunBoard(setup.Missing);

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
        Receive<StopStudy>(_ => End(new StudyEnded(false, kept.Count, duplicates, null), "the coordinator was stopped"));
        Receive<DismissTimedOut>(_ => Finish());
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (setup.WatchCluster) Context.ActorOf(Props.Create(() => new NodeWatcher()), "nodes");
        if (missing.Count == 0) End(new StudyEnded(true, 0, 0, null), "the study is complete");
    }

    private void OnReady(WorkerReady ready)
    {
        if (ending is not null)
        {
            Sender.Tell(new StopWorking("the study has ended", ending.Complete));
            return;
        }
        if (board.Join(Sender))
        {
            Context.Watch(Sender);
            setup.Notice($"worker {Sender.Path.Address} joined with {ready.Slots} job slot(s)");
        }
        Sender.Tell(new StudyOffer(studyId, setup.FileName, setup.Study.Text, setup.Study.Files));
    }

    private void OnRequest(WorkRequest request)
    {
        if (ending is not null || !IsThisStudy(request.StudyId) || !board.Knows(Sender)) return;
        board.Request(Sender);
        HandOut();
    }

    private void OnCompleted(RunCompleted done)
    {
        if (ending is not null || !IsThisStudy(done.StudyId)) return;
        if (!index.TryGetValue((done.Point, done.Replication), out int run) || !missing.Contains(run) || runs[run].Seed != done.Seed)
        {
            setup.Notice($"worker {Sender.Path.Address} returned run p{done.Point:D4}-r{done.Replication:D3} (seed {done.Seed}), which this session did not hand out; dropped");
            return;
        }
        if (!board.Record(run))
        {
            if (kept[run] != done.Record)
            {
                End(new StudyEnded(false, kept.Count, duplicates, new NonDeterministicRunException(runs[run])), "a run was not deterministic");
                return;
            }
            duplicates++;
            return;
        }
        try
        {
            setup.Write(run, done.Record);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            End(new StudyEnded(false, kept.Count, duplicates, new StudyRunFailedException(runs[run], e)), "a run record could not be written");
            return;
        }
        kept[run] = done.Record;
        Tell(CoordinatorEventKind.Recorded, Sender, 1);
        setup.Recorded(kept.Count);
        if (kept.Count == missing.Count) End(new StudyEnded(true, kept.Count, duplicates, null), "the study is complete");
    }

    private void OnFailed(RunFailed failed)
    {
        if (ending is not null || !IsThisStudy(failed.StudyId)) return;
        var run = index.TryGetValue((failed.Point, failed.Replication), out int i) ? runs[i] : null;
        Exception failure = run is null ? new RemoteRunException(failed.Error) : new StudyRunFailedException(run, new RemoteRunException(failed.Error));
        End(new StudyEnded(false, kept.Count, duplicates, failure), "a run failed");
    }

    private void OnNodeUnreachable(Address address)
    {
        foreach (var worker in board.Workers.Where(w => w.Path.Address == address).ToList())
        {
            var back = board.Suspend(worker);
            Tell(CoordinatorEventKind.Requeued, worker, back.Count);
            setup.Notice($"worker {address} unreachable: re-queued {back.Count} run(s){Keys(back)}");
        }
        HandOut();
    }

    private void OnNodeReachable(Address address)
    {
        foreach (var worker in board.Workers.Where(w => w.Path.Address == address).ToList())
        {
            board.Resume(worker);
            setup.Notice($"worker {address} reachable again");
        }
        HandOut();
    }

    private void Forget(IActorRef worker)
    {
        if (!board.Knows(worker)) return;
        Context.Unwatch(worker);
        var back = board.Remove(worker);
        if (back.Count > 0) Tell(CoordinatorEventKind.Requeued, worker, back.Count);
        if (ending is null) setup.Notice($"worker {worker.Path.Address} left: re-queued {back.Count} run(s){Keys(back)}");
        HandOut();
        if (ending is not null && !board.Workers.Any(board.IsReachable)) Finish();
    }

    private void HandOut()
    {
        if (ending is not null) return;
        foreach (var (worker, run) in board.Assign())
        {
            worker.Tell(new RunAssignment(studyId, runs[run].Point.Index, runs[run].Replication));
            Tell(CoordinatorEventKind.Assigned, worker, 1);
        }
    }

    private void Tell(CoordinatorEventKind kind, IActorRef worker, int count) =>
        setup.Observe?.Invoke(new CoordinatorEvent(kind, worker.Path.Address.ToString(), count, kept.Count, System.Diagnostics.Stopwatch.GetTimestamp()));

    private void End(StudyEnded ended, string reason)
    {
        if (ending is not null) return;
        ending = ended;
        foreach (var worker in board.Workers) worker.Tell(new StopWorking(reason, ended.Complete));
        if (!board.Workers.Any(board.IsReachable)) Finish();
        else Timers.StartSingleTimer(DismissTimedOut.Instance, DismissTimedOut.Instance, setup.DismissTimeout);
    }

    private void Finish()
    {
        setup.Ended.TrySetResult(ending!);
        Context.Stop(Self);
    }

    private bool IsThisStudy(string id)
    {
        if (id == studyId) return true;
        setup.Notice($"worker {Sender.Path.Address} speaks of study {id[..Math.Min(12, id.Length)]}, not this one; ignored");
        return false;
    }

    private string Keys(IReadOnlyList<int> back) => back.Count == 0 ? "" : $" ({string.Join(", ", back.Select(r => runs[r].Key))})";
}
