using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Studies;

namespace Sim.Distributed.Coordinator;

/// <summary>
/// What a <see cref="StudyCoordinator"/> works from and reports to: the study and the indices of its runs still missing,
/// where a returned record goes (written atomically by the caller, as a local sweep writes it), and how it tells of
/// progress, cluster events and its end.
/// </summary>
/// <param name="Study">The study.</param>
/// <param name="FileName">The scenario file's name, sent to workers for their messages.</param>
/// <param name="Missing">The run indices (into <see cref="Study.Runs"/>) to run, in run order.</param>
/// <param name="Write">Records run <c>index</c> with its record text; may throw (a write failure ends the study).</param>
/// <param name="Recorded">Called with the number of runs recorded so far this session, after each.</param>
/// <param name="Notice">One line about the cluster (a worker joined, was lost, its runs re-queued).</param>
/// <param name="DismissTimeout">How long, once the study ends, the coordinator waits for its workers to leave.</param>
/// <param name="WatchCluster">Whether to follow the cluster's reachability events (off in tests without a cluster).</param>
internal sealed record CoordinatorSetup(
    Study Study,
    string FileName,
    IReadOnlyList<int> Missing,
    Action<int, string> Write,
    Action<int> Recorded,
    Action<string> Notice,
    TimeSpan DismissTimeout,
    bool WatchCluster)
{
    /// <summary>Completed once when the study has ended and the workers were dismissed.</summary>
    public TaskCompletionSource<StudyEnded> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Told of each run handed out, recorded and re-queued (see <see cref="CoordinatorEvent"/>); null for nobody.</summary>
    public Action<CoordinatorEvent>? Observe { get; init; }
}

/// <summary>How a distributed study ended.</summary>
/// <param name="Complete">Whether every run is recorded.</param>
/// <param name="Ran">Runs recorded this session.</param>
/// <param name="Duplicates">Late duplicate results received, equal to the record kept, and dropped.</param>
/// <param name="Failure">What stopped the study (a run failed, a record differed, a write failed), or null.</param>
public sealed record StudyEnded(bool Complete, int Ran, int Duplicates, Exception? Failure);

/// <summary>Ctrl+C on the coordinator: stop handing out runs and dismiss the workers.</summary>
internal sealed record StopStudy
{
    /// <summary>The message.</summary>
    public static readonly StopStudy Instance = new();
}

/// <summary>The time the coordinator gives its workers to leave is up.</summary>
internal sealed record DismissTimedOut
{
    /// <summary>The message.</summary>
    public static readonly DismissTimedOut Instance = new();
}
