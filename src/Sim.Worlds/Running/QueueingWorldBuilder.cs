using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Scenarios.Model;
using Sim.Worlds.Queueing;

namespace Sim.Worlds.Running;

/// <summary>
/// Turns a validated <see cref="QueueingModel"/> into actors: one <see cref="JobSource"/>, <see cref="JobServer"/> or
/// <see cref="JobSink"/> per entity, at the path of its name, with routes wired by name.
/// </summary>
public static class QueueingWorldBuilder
{
    /// <summary>Adds the model's actors to <paramref name="simulation"/>.</summary>
    public static void Build(Simulation simulation, QueueingModel model)
    {
        var refs = new Dictionary<string, ActorRef>(StringComparer.Ordinal);
        var sources = new List<(JobSource Actor, SourceModel Model)>();
        var servers = new List<(JobServer Actor, ServerModel Model)>();
        foreach (var source in model.Sources)
        {
            var actor = simulation.Add(source.Name, new JobSource(source.Interarrival, source.Limit));
            sources.Add((actor, source));
            refs[source.Name] = actor.Ref;
        }
        foreach (var server in model.Servers)
        {
            var actor = simulation.Add(server.Name, new JobServer(server.Service));
            servers.Add((actor, server));
            refs[server.Name] = actor.Ref;
        }
        foreach (var sink in model.Sinks) refs[sink.Name] = simulation.Add(sink.Name, new JobSink()).Ref;

        foreach (var (actor, source) in sources) actor.Routes = Routes(source.Routes, refs);
        foreach (var (actor, server) in servers) actor.Routes = Routes(server.Routes, refs);
    }

    private static RouteTable Routes(IReadOnlyList<RouteModel> routes, Dictionary<string, ActorRef> refs) =>
        new(routes.Select(r => (refs[r.Target], r.Weight)).ToList());
}
