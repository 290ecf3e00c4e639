namespace Sim.Distributed.Coordinator;

/// <summary>What a <see cref="CoordinatorEvent"/> tells.</summary>
public enum CoordinatorEventKind
{
    /// <summary>A run was handed to a worker.</summary>
    Assigned,
    /// <summary>A worker's record of a run was written (a late duplicate is not told).</summary>
    Recorded,
    /// <summary>A worker's node became unreachable, or the worker left or was terminated; <see cref="CoordinatorEvent.Runs"/> of its runs were re-queued.</summary>
    Requeued,
}

/// <summary>
/// A step of a distributed study as the coordinator took it, for a caller that measures the cluster
/// (<c>sim bench cluster</c>): which worker, how many runs, and when (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>,
/// taken on the coordinator's thread as it acts). Told synchronously from the coordinator actor: an observer must be quick.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Worker">The worker's node address, e.g. <c>akka.tcp://virtiosim@127.0.0.1:4054</c>.</param>
/// <param name="Runs">Runs concerned: 1 for <see cref="CoordinatorEventKind.Assigned"/> and <see cref="CoordinatorEventKind.Recorded"/>, the runs re-queued for <see cref="CoordinatorEventKind.Requeued"/>.</param>
/// <param name="Recorded">Runs recorded this session so far.</param>
/// <param name="Timestamp">When, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</param>
public sealed record CoordinatorEvent(CoordinatorEventKind Kind, string Worker, int Runs, int Recorded, long Timestamp);
