using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads a delay distribution, a mapping with exactly one key naming its kind:
/// <c>{ exponential: 10us }</c> (the mean, &gt; 0), <c>{ constant: 5us }</c> (&gt;= 0), or
/// <c>{ uniform: { min: 1us, max: 3us } }</c> (0 &lt;= min &lt;= max). Shared by every section that has delays.
/// </summary>
internal static class DistributionReader
{
    /// <summary>The kinds, as written in scenario files.</summary>
    public static IReadOnlyList<string> Kinds => Shape.KeyNames;

    /// <summary>A distribution wherever a key takes one: defined once in the schema.</summary>
    public static NamedShape Schema => new("distribution", () => Shape);

    /// <summary>The keys of a distribution, one per kind, for the reader and the schema.</summary>
    public static OneKeyShape Shape => new("distribution",
    [
        KeyShape.May("exponential", new QuantityShape(QuantityPattern.Time), "Exponentially distributed, with this mean (> 0)."),
        KeyShape.May("constant", new QuantityShape(QuantityPattern.Time), "Always this time (>= 0)."),
        KeyShape.May("uniform", UniformShape, "Uniform between min and max."),
    ]);

    private static MappingShape UniformShape => new("uniform distribution",
    [
        KeyShape.Must("min", new QuantityShape(QuantityPattern.Time), "The lowest time (>= 0)."),
        KeyShape.Must("max", new QuantityShape(QuantityPattern.Time), "The highest time (>= min)."),
    ]);

    /// <summary>The distribution at <paramref name="node"/>.</summary>
    public static DelayDistribution Read(NodeReader node)
    {
        if (!node.IsMapping)
        {
            throw node.Unexpected(
                "a distribution such as { exponential: 10us }, { constant: 5us } or { uniform: { min: 1us, max: 3us } }");
        }
        var (kind, value) = node.AsMapping().Declare(Shape).OneOf("distribution", Kinds);
        return kind switch
        {
            "exponential" => new ExponentialDelay(value.AsPositiveTime()),   // a mean of zero would be an infinite rate
            "constant" => new ConstantDelay(value.AsNonNegativeTime()),
            _ => Uniform(value.AsMapping().Declare(UniformShape)),
        };
    }

    private static UniformDelay Uniform(MappingReader bounds)
    {
        SimTime min = bounds.Required("min").AsNonNegativeTime();
        NodeReader maxNode = bounds.Required("max");
        SimTime max = maxNode.AsNonNegativeTime();
        bounds.Done();
        if (max < min) throw maxNode.Unexpected($"a time >= min ({min})");
        return new UniformDelay(min, max);
    }


}
