using System.Globalization;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using YamlDotNet.RepresentationModel;

namespace Sim.Studies.Uncertainty;

/// <summary>One cost setting: the values some ranged costs take (the others keep their profile values).</summary>
/// <param name="Label">What the setting is, e.g. <c>baseline</c>, <c>xen.grant.map low</c>, <c>sample 7</c>.</param>
/// <param name="Values">The costs set, each with its value in the cost's unit.</param>
public sealed record CostSetting(string Label, IReadOnlyList<(RangedCost Cost, double Value)> Values);

/// <summary>
/// Turns a study and a list of cost settings into one study whose first swept parameter is the setting: a value of
/// <c>costOverrides</c> per setting (the scenario's own overrides kept), outermost, so run (setting s, point p,
/// replication r) is point <c>s x P + p</c>. Its seeds are common (every point and setting, replication r has the same
/// seed): the settings are compared on common random numbers. Being a study written as a scenario document, it runs
/// on <see cref="StudyRunner"/> like any sweep: in parallel, resumable, on the cluster, byte-identical for any
/// <c>--jobs</c>.
/// </summary>
public static class CostSettings
{
    /// <summary>The study's name for the swept setting.</summary>
    public const string Parameter = "costSetting";

    /// <summary>The document of <paramref name="study"/> with <paramref name="settings"/> swept and <paramref name="replications"/> per point.</summary>
    public static string Text(Study study, IReadOnlyList<CostSetting> settings, int replications)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (study.Declaration.Combination == SweepCombination.Zip && study.Declaration.Parameters.Count > 0)
            throw new ScenarioException(study.Scenario.SourceFile, 1, 1, "a study that zips its parameters cannot take cost settings as one more; write it as a grid");
        var stream = new YamlStream();
        stream.Load(new StringReader(study.Text));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var own = root.Children.TryGetValue(new YamlScalarNode("costOverrides"), out var node) ? node as YamlMappingNode : null;
        var values = new YamlSequenceNode();
        foreach (var setting in settings) values.Add(Overrides(own, setting));
        var axis = new YamlMappingNode
        {
            { "name", Parameter },
            { "path", "costOverrides" },
            { "values", values },
        };
        if (!root.Children.TryGetValue(new YamlScalarNode("sweep"), out var sweepNode)) root.Add("sweep", sweepNode = new YamlMappingNode());
        var sweep = (YamlMappingNode)sweepNode;
        if (!sweep.Children.TryGetValue(new YamlScalarNode("grid"), out var gridNode)) sweep.Add("grid", gridNode = new YamlSequenceNode());
        ((YamlSequenceNode)gridNode).Children.Insert(0, axis);
        sweep.Children[new YamlScalarNode("seeds")] = new YamlScalarNode("common");
        sweep.Children.Remove(new YamlScalarNode("plot"));
        root.Children[new YamlScalarNode("replications")] = new YamlScalarNode(replications.ToString(CultureInfo.InvariantCulture));
        if (!root.Children.ContainsKey(new YamlScalarNode("costOverrides")))
            root.Add("costOverrides", Overrides(own, settings[0]));
        var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    /// <summary>The study of <see cref="Text"/>, read from the same file name (so profile references resolve as the original's).</summary>
    public static Study Build(Study study, IReadOnlyList<CostSetting> settings, int replications) =>
        StudyLoader.LoadText(Text(study, settings, replications), study.Scenario.SourceFile, [], ScenarioFiles.Sent(study.Scenario.SourceFile, study.Files));

    private static YamlMappingNode Overrides(YamlMappingNode? own, CostSetting setting)
    {
        var map = new YamlMappingNode();
        if (own is not null)
            foreach (var (key, value) in own.Children)
                if (!setting.Values.Any(v => v.Cost.Name == ((YamlScalarNode)key).Value)) map.Add(key, value);
        foreach (var (cost, value) in setting.Values)
        {
            map.Add(cost.Name, new YamlMappingNode
            {
                { "value", Quantity(cost, value) },
                { "source", $"{setting.Label}: {cost.Name} set within its range [{Quantity(cost, cost.Range.Low)}, {Quantity(cost, cost.Range.High)}]" },
            });
        }
        return map;
    }

    private static string Quantity(RangedCost cost, double value) => cost.IsBandwidth
        ? value.ToString("R", CultureInfo.InvariantCulture) + "B/s"
        : Math.Round(value * 1e12).ToString("0", CultureInfo.InvariantCulture) + "ps";
}
