using Sim.Scenarios.Model;
using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Logging;
using Sim.Distributed.Protocol;
using Sim.Scenarios.Loading;
using Sim.Studies;

namespace Sim.Distributed.Worker;

/// <summary>How a worker's service ended.</summary>
public enum WorkerEnd
{
    /// <summary>The coordinator dismissed it: the study is complete.</summary>
    StudyComplete,
    /// <summary>The coordinator dismissed it before the study was complete (Ctrl+C, a failed run).</summary>
    StudyStopped,
    /// <summary>The coordinator was lost (terminated or downed).</summary>
    CoordinatorLost,
    /// <summary>The worker could not serve the study offered (it does not load, or its identity differs).</summary>
    Refused,
}

/// <summary>
/// A worker (actor <c>/user/worker</c> on a node started by <c>sim worker</c>). When a node with the
/// <c>coordinator</c> role is up it says <see cref="WorkerReady"/>; it loads the <see cref="StudyOffer"/>'s text and
/// checks its identity, then pulls one run per job slot (<see cref="WorkRequest"/>), runs each in this process on a
/// thread of its own and returns its record (<see cref="RunCompleted"/>), asking for the next. On
/// <see cref="StopWorking"/>, or when the coordinator terminates, it cancels its runs in flight and completes
/// the task its host waits on; the host then leaves the cluster. A coordinator node that leaves the cluster before it
/// offered a study (the worker joined as a finished study's coordinator was shutting down), or that offers none within
/// the offer timeout, ends the service as <see cref="WorkerEnd.CoordinatorLost"/>: a worker never waits for ever.
/// </summary>
internal sealed class StudyWorker : ReceiveActor, IWithTimers
{
    /// <summary>Told to itself when the coordinator took too long to offer its study.</summary>
    private sealed record OfferTimedOut(Address Coordinator);

    private readonly TimeSpan _offerTimeout;
    private readonly int _slots;
    private readonly Action<string> _notice;
    private readonly TaskCompletionSource<WorkerEnd> _ended;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly CancellationTokenSource _stop = new();
    private IActorRef? _coordinator;
    private Study? _study;
    private string _studyId = "";

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>A worker with <paramref name="slots"/> job slots that waits at most <paramref name="offerTimeout"/> for a study.</summary>
    public StudyWorker(int slots, Action<string> notice, TaskCompletionSource<WorkerEnd> ended, ILoggerFactory? loggerFactory, TimeSpan offerTimeout)
    {
        _offerTimeout = offerTimeout;
        _slots = slots;
        _notice = notice;
        _ended = ended;
        _loggerFactory = loggerFactory;
        Receive<ClusterEvent.MemberUp>(up =>
        {
            if (_coordinator is not null || !up.Member.HasRole(ClusterRoles.Coordinator)) return;
            Context.ActorSelection(new RootActorPath(up.Member.Address) / "user" / ClusterRoles.CoordinatorActor).Tell(new WorkerReady(slots));
            Timers.StartSingleTimer(up.Member.Address, new OfferTimedOut(up.Member.Address), _offerTimeout);
        });
        Receive<ClusterEvent.IMemberEvent>(e =>
        {
            // Leaving, exiting or removed before its offer: it will not offer one.
            if (_coordinator is not null || !e.Member.HasRole(ClusterRoles.Coordinator) || e is ClusterEvent.MemberUp or ClusterEvent.MemberJoined) return;
            notice($"the coordinator at {e.Member.Address} left the cluster before offering a study (it had finished?)");
            End(WorkerEnd.CoordinatorLost);
        });
        Receive<OfferTimedOut>(t =>
        {
            if (_coordinator is not null) return;
            notice($"the coordinator at {t.Coordinator} offered no study within {_offerTimeout.TotalSeconds:0.#}s");
            End(WorkerEnd.CoordinatorLost);
        });
        Receive<ClusterEvent.CurrentClusterState>(_ => { });
        Receive<StudyOffer>(OnOffer);
        Receive<RunAssignment>(OnAssignment);
        Receive<Finished>(f =>
        {
            if (f.Record is not null) _coordinator?.Tell(new RunCompleted(_studyId, f.Run.Point.Index, f.Run.Replication, f.Run.Seed, f.Record));
            else if (f.Error is not null) _coordinator?.Tell(new RunFailed(_studyId, f.Run.Point.Index, f.Run.Replication, f.Error));
            if (f.Error is null && !_stop.IsCancellationRequested) _coordinator?.Tell(new WorkRequest(_studyId));
        });
        Receive<StopWorking>(s =>
        {
            notice($"dismissed by the coordinator: {s.Reason}");
            End(s.Completed ? WorkerEnd.StudyComplete : WorkerEnd.StudyStopped);
        });
        Receive<Terminated>(t =>
        {
            if (t.ActorRef.Equals(_coordinator)) End(WorkerEnd.CoordinatorLost);
        });
    }

    /// <inheritdoc />
    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.MemberLeft), typeof(ClusterEvent.MemberExited), typeof(ClusterEvent.MemberRemoved));

    /// <inheritdoc />
    protected override void PostStop()
    {
        _stop.Cancel();
        Cluster.Get(Context.System).Unsubscribe(Self);
    }

    private void OnOffer(StudyOffer offer)
    {
        if (_study is not null) return;
        try
        {
            var loaded = StudyLoader.LoadText(offer.Text, offer.FileName, [], ScenarioFiles.Sent(offer.FileName, offer.Files));
            string id = StudyRunner.Identity(loaded);
            if (id != offer.StudyId) throw new InvalidDataException($"the study's identity is {id}, the coordinator's {offer.StudyId} (another version of sim?)");
            _study = loaded;
            _studyId = id;
        }
        catch (Exception e) when (e is ScenarioException or InvalidDataException)
        {
            Sender.Tell(new WorkerRefused($"cannot serve {offer.FileName}: {e.Message}"));
            _notice($"cannot serve {offer.FileName}: {e.Message}");
            End(WorkerEnd.Refused);
            return;
        }
        _coordinator = Sender;
        Timers.CancelAll();
        Context.Watch(_coordinator);
        _notice($"serving {offer.FileName} ({_study.RunCount} runs) for {_coordinator.Path.Address} with {_slots} job slot(s)");
        for (int i = 0; i < _slots; i++) _coordinator.Tell(new WorkRequest(_studyId));
    }

    private void OnAssignment(RunAssignment assignment)
    {
        if (_study is null || assignment.StudyId != _studyId || _stop.IsCancellationRequested) return;
        var run = _study.Run(assignment.Point, assignment.Replication);
        var self = Self;
        var token = _stop.Token;
        var logging = _loggerFactory;
        // A thread of its own: the run is CPU-bound and must not starve the dispatcher that answers heartbeats.
        var thread = new Thread(() =>
        {
            try
            {
                self.Tell(new Finished(run, StudyRunner.RunOne(run, token, logging), null));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                self.Tell(new Finished(run, null, e.Message));
            }
        })
        { IsBackground = true, Name = $"worker-{run.Key}" };
        thread.Start();
    }

    private void End(WorkerEnd end)
    {
        _stop.Cancel();
        _ended.TrySetResult(end);
    }

    /// <summary>A run of this worker finished: its record text, or null when cancelled; or the error when it failed.</summary>
    private sealed record Finished(StudyRun Run, string? Record, string? Error);
}
