using Sim.Scenarios.Model;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads the <c>replications:</c> and <c>sweep:</c> keys of a scenario's top level into a <see cref="StudyDeclaration"/>
/// (see there for the keys), keeping for each parameter its parsed path and value nodes (the <see cref="SweepBinding"/>s
/// that <c>StudyLoader</c> (Sim.Studies) puts into the document point by point).
/// </summary>
internal static class StudyDeclarationReader
{
    /// <summary>The top-level key of the sweep section.</summary>
    public const string SweepKey = "sweep";

    /// <summary>The top-level key of the number of replications.</summary>
    public const string ReplicationsKey = "replications";

    /// <summary>The top-level keys of a study, for the scenario's declaration (and the schema).</summary>
    public static IReadOnlyList<KeyShape> RootKeys =>
    [
        KeyShape.May(ReplicationsKey, new IntegerShape(1, 100_000), "A study: runs per point, each with its own seed (sim sweep; sim run runs the values as written, once)."),
        KeyShape.May(SweepKey, SweepShape, "A study: values to vary, point by point (sim sweep)."),
    ];

    private static readonly string[] Combinations = ["grid", "zip"];

    private static readonly string[] SeedModes = ["independent", "common"];

    private static MappingShape SweepShape => new(SweepKey,
    [
        KeyShape.May("grid", new ListShape(ParameterShape, MinItems: 1), "Parameters whose values combine: every combination is a point."),
        KeyShape.May("zip", new ListShape(ParameterShape, MinItems: 1), "Parameters whose lists (of one length) go together: the i-th values make point i."),
        KeyShape.May("confidence", new NumberShape(ExclusiveMinimum: 0, ExclusiveMaximum: 1), "The confidence level of the intervals (default 0.95)."),
        KeyShape.May("warnWidth", new NumberShape(ExclusiveMinimum: 0), "Warn when an interval is wider than this fraction of its mean (default 0.1)."),
        KeyShape.May("seeds", new EnumShape(SeedModes), "independent (default): each point its own seeds; common: every point the same seeds."),
        KeyShape.May("metrics", new ListShape(new TextShape()), "The metrics the study reports (default: all)."),
        KeyShape.May("plot", PlotShape, "Which parameters the study's charts put on the x axis and as series."),
    ])
    {
        ExactlyOne = [Combinations],
    };

    private static MappingShape ParameterShape => new("a swept parameter",
    [
        KeyShape.Must("path", new EitherShape(new TextShape(), new ListShape(new TextShape(), MinItems: 1)), "The scenario value(s) to vary, e.g. guests[0].devices[0].workload.queueDepth."),
        KeyShape.May("name", new TextShape(), "The parameter's name in tables and charts (default: the path's last key)."),
        KeyShape.May("values", new ListShape(new AnyShape(), MinItems: 1, MaxItems: SweepValueReader.MaxValues), "The values, as they would be written at the path."),
        KeyShape.May("range", SweepValueReader.RangeShape, "Values from, to, by step or factor: numbers with an optional unit, e.g. { from: 4KiB, to: 64KiB, step: 4KiB }."),
    ])
    {
        ExactlyOne = [["values", "range"]],
    };

    private static MappingShape PlotShape => new("plot",
    [
        KeyShape.May("x", new TextShape(), "The swept parameter on the x axis."),
        KeyShape.May("series", new TextShape(), "The swept parameter drawn as one series per value (not x)."),
    ]);

    /// <summary>The declaration in <paramref name="root"/> (the single-run one when it has neither key), and its bindings.</summary>
    public static (StudyDeclaration Declaration, IReadOnlyList<SweepBinding> Bindings) Read(MappingReader root)
    {
        int replications = (int)(root.OptionalInt64(ReplicationsKey, min: 1, max: 100_000) ?? 1);
        MappingReader? sweep = root.OptionalMapping(SweepKey);
        if (sweep is null) return (StudyDeclaration.Single with { Replications = replications }, []);

        sweep.Declare(SweepShape);
        var (mode, list) = sweep.OneOfKeys(Combinations);
        var combination = mode == "grid" ? SweepCombination.Grid : SweepCombination.Zip;
        var bindings = list.AsSequence().Items.Select(ReadParameter).ToList();
        if (bindings.Count == 0) throw list.Unexpected("a non-empty list of parameters ({ path: ..., values: [...] })");
        CheckDistinct(bindings);
        if (combination == SweepCombination.Zip) CheckSameLength(bindings);

        double confidence = sweep.OptionalDouble("confidence") ?? 0.95;
        if (confidence is <= 0 or >= 1) throw sweep.FailAt("confidence", $"{sweep.Path}.confidence: expected a level between 0 and 1 (e.g. 0.95), found {confidence}");
        double warnWidth = sweep.OptionalDouble("warnWidth") ?? 0.1;
        if (warnWidth <= 0) throw sweep.FailAt("warnWidth", $"{sweep.Path}.warnWidth: expected a fraction > 0 (e.g. 0.1), found {warnWidth}");
        var seeds = ReadSeeds(sweep.Optional("seeds"));
        var metrics = sweep.OptionalSequence("metrics")?.Items.Select(item => item.AsString()).ToList() ?? [];
        var (plotX, plotSeries) = ReadPlot(sweep.OptionalMapping("plot"), bindings);
        sweep.Done();
        var parameters = bindings.Select(b => b.Parameter).ToList();
        return (new StudyDeclaration(combination, parameters, replications, confidence, warnWidth, seeds, metrics, plotX, plotSeries), bindings);
    }

    private static SweepBinding ReadParameter(NodeReader item)
    {
        MappingReader entry = item.AsMapping().Declare(ParameterShape);
        NodeReader pathsNode = entry.Required("path");
        var pathNodes = pathsNode.IsSequence ? pathsNode.AsSequence().Items : [pathsNode];
        if (pathNodes.Count == 0) throw pathsNode.Unexpected("a path, or a non-empty list of paths");
        var places = new List<(SweepPath Path, NodeReader At)>();
        foreach (NodeReader pathNode in pathNodes)
        {
            SweepPath path = SweepPath.Parse(pathNode);
            if (path.Text.StartsWith(SweepKey, StringComparison.Ordinal) || path.Text.StartsWith(ReplicationsKey, StringComparison.Ordinal))
                throw pathNode.Fail($"{pathNode.Path}: a sweep cannot vary '{path.Text}'; expected the path of a scenario value");
            places.Add((path, pathNode));
        }
        string name = entry.OptionalString("name") ?? places[0].Path.LastKey;
        var values = SweepValueReader.Read(entry);
        entry.Done();
        var parameter = new SweepParameter(name, places.Select(p => p.Path.Text).ToList(), values.Select(v => v.Value).ToList());
        return new SweepBinding(parameter, places, values.Select(v => v.Node).ToList());
    }

    private static void CheckDistinct(List<SweepBinding> bindings)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, at) in bindings.SelectMany(b => b.Places))
            if (!seen.Add(path.Text)) throw at.Fail($"{at.Path}: '{path.Text}' is swept twice; expected each path once");
        for (int i = 1; i < bindings.Count; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (bindings[i].Parameter.Name == bindings[j].Parameter.Name)
                    throw bindings[i].PathNode.Fail($"{bindings[i].PathNode.Path}: two parameters are named '{bindings[i].Parameter.Name}'; give one a 'name:'");
            }
        }
    }

    private static void CheckSameLength(List<SweepBinding> bindings)
    {
        int count = bindings[0].Values.Count;
        foreach (var binding in bindings.Skip(1).Where(b => b.Values.Count != count))
        {
            throw binding.PathNode.Fail($"{binding.PathNode.Path}: a zip needs lists of the same length; " +
                $"'{bindings[0].Parameter.Name}' has {count} values, '{binding.Parameter.Name}' has {binding.Values.Count}");
        }
    }

    private static SeedDerivation ReadSeeds(NodeReader? node)
    {
        if (node is null) return SeedDerivation.Independent;
        return node.AsString() switch
        {
            "independent" => SeedDerivation.Independent,
            "common" => SeedDerivation.Common,
            _ => throw node.Unexpected("independent or common"),
        };
    }

    private static (string? X, string? Series) ReadPlot(MappingReader? plot, List<SweepBinding> bindings)
    {
        if (plot is null) return (null, null);
        plot.Declare(PlotShape);
        var names = bindings.Select(b => b.Parameter.Name).ToList();
        string? Name(string key)
        {
            NodeReader? node = plot.Optional(key);
            if (node is null) return null;
            string name = node.AsString();
            if (!names.Contains(name)) throw node.Fail($"{node.Path}: no swept parameter is named '{name}'; {NearestName.Hint(name, names)}");
            return name;
        }
        string? x = Name("x"), series = Name("series");
        plot.Done();
        if (x is not null && x == series) throw plot.FailAt("series", $"{plot.Path}.series: expected another parameter than x ('{x}')");
        return (x, series);
    }
}

/// <summary>A swept parameter with what is needed to put its values into the document: its path and value nodes.</summary>
/// <param name="Parameter">The parameter as plain data.</param>
/// <param name="Places">Its parsed paths, each with its node (where errors about that path point).</param>
/// <param name="Values">One YAML node per value, located where the value (or its range) is written.</param>
internal sealed record SweepBinding(SweepParameter Parameter, IReadOnlyList<(SweepPath Path, NodeReader At)> Places, IReadOnlyList<YamlNode> Values)
{
    /// <summary>The node of the first path, where errors about the parameter as a whole point.</summary>
    public NodeReader PathNode => Places[0].At;
}
