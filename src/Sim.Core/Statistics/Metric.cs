using Sim.Core.Time;

namespace Sim.Core.Statistics;

/// <summary>
/// One named measurement of a simulation run (a count, a level over time, a distribution of latencies), registered in a
/// <see cref="MetricRegistry"/> under its <see cref="Path"/>. A metric is live, mutable state; what it reports at the
/// end of a run is a <see cref="MetricSummary"/>, which is plain data.
/// </summary>
public abstract class Metric
{
    /// <summary>Creates a metric at <paramref name="path"/>, measured in <paramref name="unit"/>.</summary>
    /// <param name="path">Where the metric lives, slash-separated from the outside in, e.g. <c>vm0/blk0/requests</c>.</param>
    /// <param name="unit">The unit of the summary values, e.g. <c>s</c>, <c>B</c>; empty for plain counts.</param>
    /// <exception cref="ArgumentException">The path is empty or white space.</exception>
    protected Metric(string path, string unit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(unit);
        Path = path;
        Unit = unit;
    }

    /// <summary>The metric's unique name in its registry, e.g. <c>vm0/blk0/requests</c>.</summary>
    public string Path { get; private set; }

    /// <summary>
    /// Puts a metric an actor created before it was added (its path then its name only) under the actor's path
    /// <paramref name="actorPath"/>; returns it, to be registered.
    /// </summary>
    internal Metric PlaceUnder(string actorPath)
    {
        Path = actorPath + "/" + Path;
        return this;
    }

    /// <summary>The unit of the summary values (<c>s</c> for latencies, empty for plain counts).</summary>
    public string Unit { get; }

    /// <summary>The kind of metric: one of the <see cref="MetricKind"/> names.</summary>
    public abstract string Kind { get; }

    /// <summary>
    /// Discards everything gathered so far, as if the metric had been created at <paramref name="now"/>.
    /// Called at the end of the warm-up period so that the results describe the steady state only.
    /// </summary>
    public abstract void Reset(SimTime now);

    /// <summary>What the metric has gathered since the last reset, as of <paramref name="now"/>.</summary>
    public abstract MetricSummary Summarize(SimTime now);

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Path}";
}
