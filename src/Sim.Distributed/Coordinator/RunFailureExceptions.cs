using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Studies;

namespace Sim.Distributed.Coordinator;

/// <summary>
/// A run returned two different records (from two workers, or from one worker twice): the simulation is not
/// deterministic for it. An internal error naming the run and its seed, so that it can be reproduced alone.
/// </summary>
public sealed class NonDeterministicRunException(StudyRun run)
    : Exception($"run {run.Key} (point {run.Point.Index}, replication {run.Replication}, seed {run.Seed}) returned two different " +
        "records: the simulation is not deterministic for it (reproduce it with sim run FILE --point P --replication R)")
{
    /// <summary>The run.</summary>
    public StudyRun Run { get; } = run;
}

/// <summary>A run failed on a worker; <see cref="Exception.Message"/> is the worker's one-line account of the model bug.</summary>
public sealed class RemoteRunException(string message) : Exception(message);
