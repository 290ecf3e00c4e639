namespace Sim.Core.Processors;

/// <summary>
/// A thread the <see cref="FairScheduler"/> runs: its name, its nice level (weight, <see cref="NiceWeights"/>) and the
/// cores it may run on (<c>sched_setaffinity</c>, <c>taskset</c>). No affinity means every core that is not isolated
/// (<c>isolcpus=</c> takes cores out of the default affinity; a thread pinned to an isolated core runs there).
/// </summary>
/// <param name="Name">For traces and errors.</param>
/// <param name="Nice">-20 to 19; 0 by default.</param>
/// <param name="Affinity">The cores it may run on, or null for every non-isolated core.</param>
/// <param name="Polls">
/// A busy-polling thread (a poll-mode driver's): from its first burst on it never sleeps, keeping its core between bursts
/// as if every burst were given with <c>hold</c>; the scheduler can still take the core away at a slice's end.
/// </param>
public sealed record CpuThreadSpec(string Name, int Nice = 0, IReadOnlyList<int>? Affinity = null, bool Polls = false);

/// <summary>One stretch of a thread running on a core without interruption, [<see cref="Start"/>, <see cref="End"/>) in picoseconds.</summary>
public readonly record struct RunSegment(int Thread, int Core, long Start, long End);

/// <summary>A burst of work a thread was woken for has run to its end at <see cref="At"/>; the thread sleeps again.</summary>
public readonly record struct BurstDone(int Thread, Time.SimTime WokenAt, Time.SimTime At);
