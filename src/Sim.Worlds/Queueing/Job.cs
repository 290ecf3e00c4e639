using Sim.Core.Time;

namespace Sim.Worlds.Queueing;

/// <summary>A unit of work in a queueing network: numbered by its source, stamped with its creation time.</summary>
/// <param name="Source">The path of the source that created it.</param>
/// <param name="Number">The source's own job counter, from 1.</param>
/// <param name="CreatedAt">When the source created it.</param>
public sealed record Job(string Source, long Number, SimTime CreatedAt);
