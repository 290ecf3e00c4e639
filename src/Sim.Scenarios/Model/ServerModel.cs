using Sim.Core.Randomness;

namespace Sim.Scenarios.Model;

/// <summary>A single server with an unbounded FIFO queue: serves one job at a time, then sends it along a route.</summary>
/// <param name="Name">Unique within its section.</param>
/// <param name="Service">The time to serve one job.</param>
/// <param name="Routes">Where a served job goes; at least one, chosen by weight (see <see cref="RouteModel"/>).</param>
public sealed record ServerModel(
    string Name,
    DelayDistribution Service,
    IReadOnlyList<RouteModel> Routes);
