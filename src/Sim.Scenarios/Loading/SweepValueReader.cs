using Sim.Scenarios.Model;
using System.Globalization;
using System.Text.RegularExpressions;
using Sim.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads a swept parameter's values: <c>values: [a, b, c]</c> (any YAML values, kept as written), or
/// <c>range: { from: 4KiB, to: 64KiB, step: 4KiB }</c> / <c>{ from: 1, to: 8, factor: 2 }</c> over numbers with an
/// optional unit suffix (the same suffix on from, to and step). A range is computed in decimal arithmetic, so
/// <c>0.1</c> steps do not drift; it includes <c>to</c> when a step lands on it.
/// </summary>
internal static partial class SweepValueReader
{
    /// <summary>The most values one parameter may take (a guard against a mistyped step).</summary>
    public const int MaxValues = 10_000;

    /// <summary>A number with an optional unit suffix, as a range's from, to and step are written (ECMA-262 and .NET alike).</summary>
    private const string NumberPart = @"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?";

    private const string UnitPart = "[A-Za-zµ/%]*";

    /// <summary>A range bound in the schema: a YAML number, or a string of a number and a unit.</summary>
    public static Schema.ValueShape BoundShape =>
        new Schema.EitherShape(new Schema.NumberShape(), new Schema.TextShape($"^{NumberPart}{UnitPart}$"));

    /// <summary>The keys of a range.</summary>
    public static Schema.MappingShape RangeShape => new Schema.MappingShape("a range",
    [
        Schema.KeyShape.Must("from", BoundShape, "The first value."),
        Schema.KeyShape.Must("to", BoundShape, "The last value (included when a step lands on it)."),
        Schema.KeyShape.May("step", BoundShape, "Added each time (> 0, in from's unit)."),
        Schema.KeyShape.May("factor", new Schema.NumberShape(ExclusiveMinimum: 1), "Multiplied each time (> 1, a plain number)."),
    ])
    {
        ExactlyOne = [["step", "factor"]],
    };

    /// <summary>The values of the parameter <paramref name="entry"/>, each with the YAML node that goes into the document.</summary>
    public static IReadOnlyList<(SweepValue Value, YamlNode Node)> Read(MappingReader entry)
    {
        var (kind, node) = entry.OneOfKeys("values", "range");
        return kind == "values" ? FromList(node) : FromRange(node.AsMapping());
    }

    /// <summary>The number and unit suffix of <paramref name="text"/>, when it is a number with an optional suffix.</summary>
    public static bool TrySplitNumber(string text, out decimal number, out string unit)
    {
        var match = NumberWithUnit().Match(text.Trim());
        unit = match.Success ? match.Groups["unit"].Value : "";
        number = 0;
        return match.Success && decimal.TryParse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    private static List<(SweepValue, YamlNode)> FromList(NodeReader node)
    {
        var items = node.AsSequence().Items;
        if (items.Count == 0) throw node.Unexpected("a non-empty list of values");
        if (items.Count > MaxValues) throw node.Fail($"{node.Path}: {items.Count} values; expected at most {MaxValues}");
        return items.Select(item => (Describe(item.Node), item.Node)).ToList();
    }

    private static List<(SweepValue, YamlNode)> FromRange(MappingReader range)
    {
        range.Declare(RangeShape);
        NodeReader fromNode = range.Required("from"), toNode = range.Required("to");
        var (by, stepNode) = range.OneOfKeys("step", "factor");
        range.Done();
        var (from, unit) = Number(fromNode, null);
        var (to, _) = Number(toNode, unit);
        var (step, _) = Number(stepNode, by == "step" ? unit : "");
        if (by == "step" && step <= 0) throw stepNode.Unexpected("a step > 0");
        if (by == "factor" && step <= 1) throw stepNode.Unexpected("a factor > 1");
        if (from > to) throw range.Self.Fail($"{range.Path}: empty range: from ({fromNode.AsString()}) is greater than to ({toNode.AsString()}); expected from <= to");
        if (by == "factor" && from <= 0) throw fromNode.Unexpected("a start > 0 for a range by factor");
        var values = new List<(SweepValue, YamlNode)>();
        for (decimal v = from; v <= to; v = by == "step" ? v + step : v * step)
        {
            if (values.Count == MaxValues)
                throw range.Self.Fail($"{range.Path}: the range has more than {MaxValues} values; expected a larger step");
            string text = v.ToString(CultureInfo.InvariantCulture) + unit;
            values.Add((new SweepValue(text, (double)v, unit), YamlSource.ParseAt(text, range.Self.File, range.Self.Line, range.Self.Column)));
        }
        return values;
    }

    private static (decimal Number, string Unit) Number(NodeReader node, string? unit)
    {
        string expected = unit switch
        {
            null => "a number, with an optional unit (1, 0.5, 4KiB, 10us)",
            "" => "a plain number",
            _ => $"a number in {unit} (the unit of 'from')",
        };
        if (!node.IsScalar || !TrySplitNumber(node.AsString(), out decimal number, out string found) || (unit is not null && found != unit))
            throw node.Unexpected(expected);
        return (number, found);
    }

    private static SweepValue Describe(YamlNode node)
    {
        string text = node is YamlScalarNode scalar ? scalar.Value ?? "" : Flow(node);
        return TrySplitNumber(text, out decimal number, out string unit) && node is YamlScalarNode
            ? new SweepValue(text, (double)number, unit)
            : new SweepValue(text, null, null);
    }

    private static string Flow(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? "",
        YamlSequenceNode seq => "[" + string.Join(", ", seq.Children.Select(Flow)) + "]",
        YamlMappingNode m => "{ " + string.Join(", ", m.Children.Select(c => $"{Flow(c.Key)}: {Flow(c.Value)}")) + " }",
        _ => node.ToString(),
    };

    [GeneratedRegex("^(?<number>" + NumberPart + ")(?<unit>" + UnitPart + ")$")]
    private static partial Regex NumberWithUnit();
}
