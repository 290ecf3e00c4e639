namespace Sim.Scenarios.Model;

/// <summary>
/// What a scenario's <c>sweep:</c> and <c>replications:</c> keys ask for, as plain data: which values to vary, how to
/// combine them into points, how many independent replications of each point to run, and how to summarise them.
/// <code>
/// replications: 10                  # runs per point (default 1), each from its own derived seed
/// sweep:
///   grid:                           # every combination (first parameter outermost); or zip: lists side by side
///     - { path: guests.xen.devices.blk0.sharing, values: [grant-map, grant-copy] }
///     - { name: vcpus, path: guests.xen.devices.blk0.backendVcpus, range: { from: 1, to: 8, factor: 2 } }
///     - { name: depth, path: [guests.a.devices.blk0.workload.queueDepth, guests.b.devices.blk0.workload.queueDepth], values: [1, 32] }
///   confidence: 0.95                # level of the Student-t intervals (default 0.95)
///   warnWidth: 0.1                  # warn when an interval's half-width exceeds this fraction of |mean| (default 0.1)
///   seeds: independent              # or common: point p, replication r runs from the same seed for every p
///   metrics: [xen/blk0/driver/latency.mean, '*/driver/requests.perSecond']   # for tables, plots, warnings
///   plot: { x: vcpus, series: sharing }
/// </code>
/// </summary>
/// <param name="Combination">How the parameters' values combine into points.</param>
/// <param name="Parameters">The swept parameters, in declaration order; may be empty (replications only).</param>
/// <param name="Replications">Independent runs per point; at least 1.</param>
/// <param name="Confidence">The confidence level of the intervals, in (0, 1).</param>
/// <param name="WarnWidth">An interval whose half-width exceeds this fraction of |mean| gets a warning.</param>
/// <param name="Seeds">How run seeds are derived (see <c>RunSeeds</c> (Sim.Studies)).</param>
/// <param name="Metrics">Metric value patterns (<c>path.value</c>, <c>*</c> matches within one path segment, <c>**</c>
/// across segments) that the report and the warnings are about; empty means the default set (see <c>MetricSelection</c> (Sim.Studies)).</param>
/// <param name="PlotX">The parameter on the plots' horizontal axis; null for the last parameter.</param>
/// <param name="PlotSeries">The parameter whose values are the plots' series; null for the first other parameter.</param>
public sealed record StudyDeclaration(
    SweepCombination Combination,
    IReadOnlyList<SweepParameter> Parameters,
    int Replications,
    double Confidence,
    double WarnWidth,
    SeedDerivation Seeds,
    IReadOnlyList<string> Metrics,
    string? PlotX,
    string? PlotSeries)
{
    /// <summary>The study of a scenario with neither <c>sweep:</c> nor <c>replications:</c>: one point, one run.</summary>
    public static StudyDeclaration Single { get; } =
        new(SweepCombination.Grid, [], 1, 0.95, 0.1, SeedDerivation.Independent, [], null, null);
}

/// <summary>How swept parameters combine into points.</summary>
public enum SweepCombination
{
    /// <summary>Every combination of the parameters' values; the first parameter varies slowest.</summary>
    Grid,

    /// <summary>The i-th point takes every parameter's i-th value; all lists have the same length.</summary>
    Zip,
}

/// <summary>How the seed of run (point, replication) is derived from the scenario's seed.</summary>
public enum SeedDerivation
{
    /// <summary>Every run has its own seed, derived from (seed, point, replication).</summary>
    Independent,

    /// <summary>
    /// Common random numbers: replication r of every point runs from the same seed, derived from (seed, r), so that
    /// points are compared under the same random draws (a variance-reduction technique).
    /// </summary>
    Common,
}

/// <summary>One swept scenario value, put in one place or in several at once (e.g. the load of three VMs).</summary>
/// <param name="Name">Its short name in tables and plots (default: the last key of its first path).</param>
/// <param name="Paths">Where it goes in the scenario (see <see cref="Loading.SweepPath"/>), one or more places.</param>
/// <param name="Values">The values it takes, in order.</param>
public sealed record SweepParameter(string Name, IReadOnlyList<string> Paths, IReadOnlyList<SweepValue> Values)
{
    /// <summary>The paths as one text, comma-separated.</summary>
    public string Path => string.Join(", ", Paths);
}

/// <summary>One value of a swept parameter, as written in the scenario (or generated from a range).</summary>
/// <param name="Text">The value's text (<c>4KiB</c>, <c>grant-map</c>); a mapping or list value is shown in flow style.</param>
/// <param name="Number">Its numeric part when the text is a number with an optional unit suffix; null otherwise.</param>
/// <param name="Unit">The unit suffix after the number (<c>KiB</c>, <c>us</c>, "" for none); null when not numeric.</param>
public sealed record SweepValue(string Text, double? Number, string? Unit);
