using Sim.Scenarios.Model;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads the <c>queueing</c> section: lists <c>sources</c>, <c>servers</c> and <c>sinks</c>, names unique across all
/// three, routes (<c>to: name</c> or <c>to: [ { target: a, weight: 0.3 }, ... ]</c>) that end at a server or sink of the
/// section, and at least one source and one sink.
/// </summary>
internal static class QueueingSectionReader
{
    /// <summary>The section's key in a scenario file.</summary>
    public const string Key = "queueing";

    /// <summary>The section's keys: its three lists.</summary>
    public static MappingShape Shape => new(Key,
    [
        KeyShape.May("sources", new ListShape(SourceShape), "Where jobs arrive (at least one)."),
        KeyShape.May("servers", new ListShape(ServerShape), "Single-server FIFO queues."),
        KeyShape.May("sinks", new ListShape(SinkShape), "Where jobs leave (at least one)."),
    ]);

    private static KeyShape NameKey(string kind) =>
        KeyShape.Must("name", new TextShape(), $"The {kind}'s name, unique among the section's sources, servers and sinks (it becomes the actor's path).");

    private static KeyShape ToKey => KeyShape.Must("to", new EitherShape(new TextShape(), new ListShape(RouteShape, MinItems: 1)),
        "Where jobs go next: a server or sink name, or a list of { target, weight } routes.");

    private static MappingShape SourceShape => new("a source",
    [
        NameKey("source"),
        KeyShape.Must("interarrival", DistributionReader.Schema, "The time between arrivals."),
        ToKey,
        KeyShape.May("limit", new IntegerShape(1), "Stop after this many jobs."),
    ]);

    private static MappingShape ServerShape => new("a server",
    [
        NameKey("server"),
        KeyShape.Must("service", DistributionReader.Schema, "The service time of one job."),
        ToKey,
    ]);

    private static MappingShape SinkShape => new("a sink", [NameKey("sink")]);

    private static MappingShape RouteShape => new("a route",
    [
        KeyShape.Must("target", new TextShape(), "A server or sink of the section."),
        KeyShape.May("weight", new NumberShape(ExclusiveMinimum: 0), "The route's share, relative to the other routes' (default 1)."),
    ]);

    /// <summary>A route whose target is checked once every name of the section is known.</summary>
    private sealed record PendingTarget(string Name, NodeReader Node);

    /// <summary>A defined entity: its kind ("source", "server", "sink") and where its name was written.</summary>
    private sealed record Defined(string Kind, NodeReader Node);

    /// <summary>The section at <paramref name="section"/>, validated.</summary>
    public static QueueingModel Read(MappingReader section)
    {
        section.Declare(Shape);
        IReadOnlyList<MappingReader> sourceItems = section.OptionalSequence("sources")?.Mappings() ?? [];
        IReadOnlyList<MappingReader> serverItems = section.OptionalSequence("servers")?.Mappings() ?? [];
        IReadOnlyList<MappingReader> sinkItems = section.OptionalSequence("sinks")?.Mappings() ?? [];
        section.Done();
        if (sourceItems.Count == 0) throw section.FailAt("sources", $"{section.Where}: expected at least one source in 'sources', found none");
        if (sinkItems.Count == 0) throw section.FailAt("sinks", $"{section.Where}: expected at least one sink in 'sinks', found none");

        var defined = new Dictionary<string, Defined>(StringComparer.Ordinal);
        var targets = new List<PendingTarget>();
        var sources = sourceItems.Select(item => ReadSource(item, defined, targets)).ToList();
        var servers = serverItems.Select(item => ReadServer(item, defined, targets)).ToList();
        var sinks = sinkItems.Select(item => ReadSink(item, defined)).ToList();
        foreach (PendingTarget target in targets) CheckTarget(target, defined, section);
        return new QueueingModel(sources, servers, sinks);
    }

    private static SourceModel ReadSource(MappingReader item, Dictionary<string, Defined> defined, List<PendingTarget> targets)
    {
        item.Declare(SourceShape);
        string name = ReadName(item, "source", defined);
        var interarrival = DistributionReader.Read(item.Required("interarrival"));
        var routes = ReadRoutes(item.Required("to"), targets);
        long? limit = item.OptionalInt64("limit", min: 1);
        item.Done();
        return new SourceModel(name, interarrival, routes, limit);
    }

    private static ServerModel ReadServer(MappingReader item, Dictionary<string, Defined> defined, List<PendingTarget> targets)
    {
        item.Declare(ServerShape);
        string name = ReadName(item, "server", defined);
        var service = DistributionReader.Read(item.Required("service"));
        var routes = ReadRoutes(item.Required("to"), targets);
        item.Done();
        return new ServerModel(name, service, routes);
    }

    private static SinkModel ReadSink(MappingReader item, Dictionary<string, Defined> defined)
    {
        item.Declare(SinkShape);
        string name = ReadName(item, "sink", defined);
        item.Done();
        return new SinkModel(name);
    }

    /// <summary>The entity's name, non-empty and not used by any other entity of the section.</summary>
    private static string ReadName(MappingReader item, string kind, Dictionary<string, Defined> defined)
    {
        NodeReader node = item.Required("name");
        string name = node.AsString();
        if (name.Length == 0) throw node.Unexpected($"a non-empty {kind} name");
        if (!Sim.Core.Actors.ActorId.IsValidPath(name, out string problem))
            throw node.Fail($"'{name}' cannot name a {kind}: {problem} (the name becomes the actor's path)");
        if (defined.TryGetValue(name, out Defined? first))
        {
            throw node.Fail($"duplicate name '{name}': already the name of the {first.Kind} at line {first.Node.Line}, " +
                $"column {first.Node.Column}; expected every source, server and sink to have its own name");
        }
        defined.Add(name, new Defined(kind, node));
        return name;
    }

    /// <summary><c>to: name</c> (one route of weight 1) or a non-empty list of <c>{ target, weight = 1 }</c>.</summary>
    private static IReadOnlyList<RouteModel> ReadRoutes(NodeReader to, List<PendingTarget> targets)
    {
        if (to.IsScalar)
        {
            string target = to.AsString();
            targets.Add(new PendingTarget(target, to));
            return [new RouteModel(target, 1.0)];
        }
        if (!to.IsSequence) throw to.Unexpected("a server or sink name, or a list of { target, weight } routes");
        SequenceReader list = to.AsSequence();
        if (list.Items.Count == 0) throw to.Unexpected("at least one route");
        var routes = new List<RouteModel>();
        foreach (MappingReader route in list.Mappings())
        {
            route.Declare(RouteShape);
            NodeReader targetNode = route.Required("target");
            string target = targetNode.AsString();
            if (routes.Any(r => r.Target == target))
                throw targetNode.Fail($"{targetNode.Path}: duplicate route to '{target}'; expected each target once (add the weights)");
            NodeReader? weightNode = route.Optional("weight");
            double weight = weightNode?.AsDouble() ?? 1.0;
            if (weight <= 0) throw weightNode!.Unexpected("a weight > 0");
            route.Done();
            targets.Add(new PendingTarget(target, targetNode));
            routes.Add(new RouteModel(target, weight));
        }
        return routes;
    }

    /// <summary>A route must end at a server or sink of the section; a source receives no jobs.</summary>
    private static void CheckTarget(PendingTarget target, Dictionary<string, Defined> defined, MappingReader section)
    {
        if (!defined.TryGetValue(target.Name, out Defined? entity))
        {
            var receivers = defined.Where(d => d.Value.Kind != "source").Select(d => d.Key).ToList();
            throw target.Node.Fail($"{target.Node.Path}: '{target.Name}' is not a server or sink in {section.Where}; " +
                NearestName.Hint(target.Name, receivers));
        }
        if (entity.Kind == "source")
        {
            throw target.Node.Fail($"{target.Node.Path}: '{target.Name}' is a source; expected a server or sink " +
                "(a source receives no jobs)");
        }
    }
}
