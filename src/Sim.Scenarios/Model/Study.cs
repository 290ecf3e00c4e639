using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;

namespace Sim.Scenarios.Model;

/// <summary>
/// A scenario expanded into its points: the scenario as written, the declaration, and one validated model per point
/// (the document with that point's values put in). A run is one (point, replication); its seed comes from
/// <see cref="RunSeeds"/>.
/// </summary>
/// <param name="Scenario">The scenario with the values as written.</param>
/// <param name="Text">The scenario file's text (for the report, and to recognise the study when resuming).</param>
/// <param name="Declaration">The study declaration.</param>
/// <param name="Points">The points, in order (grid: first parameter outermost).</param>
public sealed record Study(ScenarioModel Scenario, string Text, StudyDeclaration Declaration, IReadOnlyList<StudyPoint> Points)
{
    /// <summary>
    /// The files the scenario names beside itself and its points read (<see cref="ScenarioFiles"/>: cost profile files),
    /// by the reference written, with their text; empty when it names none.
    /// </summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The number of runs: points times replications.</summary>
    public int RunCount => Points.Count * Declaration.Replications;

    /// <summary>Every run in order: point by point, replications within a point.</summary>
    public IEnumerable<StudyRun> Runs() =>
        Points.SelectMany(point => Enumerable.Range(0, Declaration.Replications).Select(r => Run(point.Index, r)));

    /// <summary>Run <paramref name="replication"/> of point <paramref name="point"/>: its model carries its derived seed.</summary>
    public StudyRun Run(int point, int replication)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(point, Points.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(replication, Declaration.Replications);
        ulong seed = RunSeeds.For(Scenario.Seed, Declaration.Seeds, point, replication);
        return new StudyRun(Points[point], replication, seed, Points[point].Model with { Seed = seed });
    }
}

/// <summary>One point of a study: the value of each swept parameter, and the scenario with those values.</summary>
/// <param name="Index">Its index, from 0.</param>
/// <param name="Values">One value per swept parameter, in declaration order.</param>
/// <param name="Model">The validated scenario at this point (its seed is the scenario's; runs derive their own).</param>
public sealed record StudyPoint(int Index, IReadOnlyList<SweepValue> Values, ScenarioModel Model)
{
    /// <summary>The point as <c>name=value</c> pairs, e.g. <c>sharing=grant-map, vcpus=4</c>; "base" when nothing is swept.</summary>
    public string Label(StudyDeclaration declaration) => Values.Count == 0
        ? "base"
        : string.Join(", ", declaration.Parameters.Zip(Values, (p, v) => $"{p.Name}={v.Text}"));
}

/// <summary>One run of a study: a replication of a point, with its seed and ready-to-run model.</summary>
/// <param name="Point">The point.</param>
/// <param name="Replication">The replication number, from 0.</param>
/// <param name="Seed">The derived seed.</param>
/// <param name="Model">The point's model with <paramref name="Seed"/>.</param>
public sealed record StudyRun(StudyPoint Point, int Replication, ulong Seed, ScenarioModel Model)
{
    /// <summary>The run's file stem in a study's <c>runs/</c> directory: <c>p0003-r07</c>.</summary>
    public string Key => $"p{Point.Index:D4}-r{Replication:D3}";
}
