using Sim.Reports;
using Sim.Worlds.Results;

using Sim.Scenarios.Model;

namespace Sim.Studies;

/// <summary>
/// The time series of a study report (see <see cref="StudyReport"/>) as small multiples: what replication 0 of each
/// point recorded, one panel per world and point, every panel on the same time and value axes. Panels go a row per
/// world and, when there are two to four points, a column per point, so a column reads down the worlds at one point and
/// a row across the points of one world.
/// </summary>
public static class StudyTimeSeries
{
    /// <summary>What the caption says of the panels a figure leaves out.</summary>
    public const string OmittedNote = "series.csv holds every recorded series";

    /// <summary>
    /// The figures of <paramref name="summary"/>: the bus level (<c>series-level</c>) and the bus bandwidth of each VM
    /// (<c>series-bandwidth</c>, one series per VM); a figure with no panel is left out.
    /// </summary>
    public static IEnumerable<SmallMultiples> Figures(StudySummary summary)
    {
        var declaration = summary.Study.Declaration;
        var recorded = summary.Points
            .Select(p => (Label: p.Point.Label(declaration), Run: p.Runs.FirstOrDefault(r => r.Replication == 0 && r.Series.Count > 0)))
            .Where(p => p.Run is not null)
            .ToList();
        var worlds = recorded.SelectMany(p => p.Run!.Series.Select(s => s.World)).Distinct(StringComparer.Ordinal).ToList();
        var cells = worlds
            .SelectMany(world => recorded.Select(p => (Title: Title(world, p.Label, worlds.Count, recorded.Count), Series: p.Run!.Series.FirstOrDefault(s => s.World == world))))
            .Where(c => c.Series is not null)
            .Select(c => (c.Title, Series: c.Series!))
            .ToList();
        int? columns = recorded.Count is >= 2 and <= 4 && worlds.Count > 1 ? recorded.Count : null;
        var time = new Axis("time", Unit: "s");

        var levels = cells.Select(c => new ChartPanel(c.Title, [new ChartSeries("bus level", Held(c.Series, Points(c.Series, "level")), SeriesShape.Step)]))
            .Where(p => p.Series[0].Points.Count > 0)
            .ToList();
        if (levels.Count > 0)
        {
            yield return new SmallMultiples("series-level", "bus level over time", time,
                new Axis("performance level", Bounds: AxisBounds.NonNegative), levels, columns, OmittedNote);
        }

        var rates = cells.Select(c => new ChartPanel(c.Title, c.Series.Points
                .Where(p => p.Series.StartsWith("rate/", StringComparison.Ordinal))
                .Select(p => p.Series)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .Select(name => new ChartSeries(name["rate/".Length..], Points(c.Series, name), SeriesShape.Line))
                .ToList()))
            .Where(p => p.Series.Count > 0)
            .ToList();
        if (rates.Count > 0)
        {
            yield return new SmallMultiples("series-bandwidth", "bus bandwidth per VM over time", time,
                new Axis("bandwidth", Unit: "B/s", Bounds: AxisBounds.NonNegative), rates, columns, OmittedNote);
        }
    }

    /// <summary>The panel's title: the world and the point, or whichever of them tells panels apart.</summary>
    private static string Title(string world, string point, int worlds, int points) => (worlds, points) switch
    {
        (1, _) when points > 1 => point,
        (_, 1) => world,
        _ => $"{world}, {point}",
    };

    /// <summary>
    /// A level recorded only when it changes, held to the last time the world recorded anything: a level set once at
    /// the start is a line across the run, not a dot at 0.
    /// </summary>
    private static List<ChartPoint> Held(TimeSeries series, List<ChartPoint> levels)
    {
        if (levels.Count == 0) return levels;
        double end = series.Points.Max(p => p.Time.TotalSeconds);
        if (end > levels[^1].X) levels.Add(levels[^1] with { X = end });
        return levels;
    }

    private static List<ChartPoint> Points(TimeSeries series, string name) =>
        series.Points.Where(p => p.Series == name).Select(p => new ChartPoint(p.Time.TotalSeconds, p.Value)).ToList();
}
