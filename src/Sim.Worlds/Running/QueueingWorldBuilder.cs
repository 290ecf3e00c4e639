using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Scenarios.Model;
using Sim.Worlds.Queueing;

namespace Sim.Worlds.Running;

/// <summary>
/// Turns a validated <see cref="QueueingModel"/> into actors: one <see cref="JobSource"/>, <see cref="JobServer"/> or
/// <see cref="JobSink"/> per entity, at the path of its name, each given its routes (refs by name, reserved for the
/// entities not yet added) when it is built.
/// </summary>
public static class QueueingWorldBuilder
{
    /// <summary>Adds the model's actors to <paramref name="simulation"/>.</summary>
    public static void Build(Simulation simulation, QueueingModel model)
    {
        foreach (var source in model.Sources)
            simulation.Add(source.Name, new JobSource(source.Interarrival, source.Limit, Routes(simulation, source.Routes)));
        foreach (var server in model.Servers) simulation.Add(server.Name, new JobServer(server.Service, Routes(simulation, server.Routes)));
        foreach (var sink in model.Sinks) simulation.Add(sink.Name, new JobSink());
    }

    private static RouteTable Routes(Simulation simulation, IReadOnlyList<RouteModel> routes) =>
        new(routes.Select(r => (simulation.Reserve(r.Target), r.Weight)).ToList());
}
