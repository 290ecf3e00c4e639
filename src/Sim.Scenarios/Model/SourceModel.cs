using Sim.Core.Randomness;

namespace Sim.Scenarios.Model;

/// <summary>A generator of jobs, with random gaps between them, sent along weighted routes.</summary>
/// <param name="Name">Unique within its section.</param>
/// <param name="Interarrival">The gap between two consecutive jobs.</param>
/// <param name="Routes">Where each job goes; at least one, chosen by weight (see <see cref="RouteModel"/>).</param>
/// <param name="Limit">Stop after emitting this many jobs (positive); null for no limit.</param>
public sealed record SourceModel(
    string Name,
    DelayDistribution Interarrival,
    IReadOnlyList<RouteModel> Routes,
    long? Limit);
