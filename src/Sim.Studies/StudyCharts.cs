using Sim.Reports;
using Sim.Worlds.Results;

using Sim.Scenarios.Model;

namespace Sim.Studies;

/// <summary>The charts of a study report (see <see cref="StudyReport"/>), each built from the study's summaries only.</summary>
public static class StudyCharts
{
    /// <summary>
    /// One chart per selected metric (the same metric of several worlds, e.g. a guest grid's variants, shares a chart)
    /// and per combination of the parameters other than x and series: the metric's mean against x, one series per world
    /// and value of the series parameter, with the confidence interval as a band. The x axis is
    /// numeric when every x value is a number in one unit, categorical otherwise.
    /// </summary>
    public static IEnumerable<Chart> MetricCharts(StudySummary summary, MetricUnits? units = null)
    {
        units ??= new MetricUnits(summary);
        var parameters = summary.Study.Declaration.Parameters;
        if (parameters.Count == 0) yield break;
        var d = summary.Study.Declaration;
        int x = d.PlotX is { } px ? IndexOf(parameters, px) : parameters.Count - 1;
        int defaultSeries = d.PlotSeries is { } ps ? IndexOf(parameters, ps) : Enumerable.Range(0, parameters.Count).FirstOrDefault(i => i != x, -1);
        var xParameter = parameters[x];
        bool numeric = xParameter.Values.All(v => v.Number is not null) && xParameter.Values.Select(v => v.Unit).Distinct().Count() == 1;
        string unit = numeric ? xParameter.Values[0].Unit ?? "" : "";
        var xAxis = numeric
            ? new Axis(unit.Length > 0 ? $"{xParameter.Name} ({unit})" : xParameter.Name)
            : new Axis(xParameter.Name, Categories: xParameter.Values.Select(v => v.Text).ToList());
        int chart = 0;
        foreach (var group in summary.Selected.GroupBy(WithoutWorld, StringComparer.Ordinal))
        {
            var keys = group.ToList();
            // Several worlds of one metric are the series already, unless the study names a series parameter.
            int series = keys.Count > 1 && d.PlotSeries is null ? -1 : defaultSeries;
            var panels = summary.Points.GroupBy(p => PanelKey(p.Point, x, series), StringComparer.Ordinal).ToList();
            foreach (var panel in panels)
            {
                var lines = keys.SelectMany(key => panel
                    .GroupBy(p => series < 0 ? "" : p.Point.Values[series].Text, StringComparer.Ordinal)
                    .Select(byValue => new ChartSeries(
                        SeriesName(keys.Count > 1 ? World(key) : null, series < 0 ? null : $"{parameters[series].Name}={byValue.Key}", key),
                        byValue.Select(p => (Value: XValue(p.Point, x, numeric), Summary: p.Get(key)))
                            .Where(p => p.Summary is not null)
                            .OrderBy(p => p.Value)
                            .Select(p => Band(p.Value, p.Summary!))
                            .ToList())))
                    .Where(s => s.Points.Count > 0)
                    .ToList();
                if (lines.Count == 0) continue;
                string metric = keys.Count > 1 ? $"*/{group.Key}" : keys[0];
                string title = panel.Key.Length == 0 ? metric : $"{metric} ({panel.Key})";
                var yAxis = new Axis(ValueName(group.Key), Unit: units.Of(keys[0]), Bounds: AxisBounds.NonNegative);
                yield return new Chart($"metric-{chart++}", title, xAxis, yAxis, lines);
            }
        }
    }

    /// <summary>The last segment of a key, naming the value (<c>a/bus/energy.total</c> → <c>energy.total</c>).</summary>
    public static string ValueName(string key) => key[(key.LastIndexOf('/') + 1)..];

    /// <summary>A key without its first path segment (the world: a guest variant or an interconnect variant).</summary>
    public static string WithoutWorld(string key)
    {
        int slash = key.IndexOf('/');
        return slash < 0 ? key : key[(slash + 1)..];
    }

    private static string World(string key)
    {
        int slash = key.IndexOf('/');
        return slash < 0 ? key : key[..slash];
    }

    private static string SeriesName(string? world, string? value, string key) => (world, value) switch
    {
        (null, null) => key,
        (null, { } v) => v,
        ({ } w, null) => w,
        ({ } w, { } v) => $"{w}, {v}",
    };

    /// <summary>
    /// One chart per latency histogram among the selected metrics: its CDF at each point (quantiles averaged over the
    /// point's replications), on a logarithmic latency axis; at most <paramref name="maxSeries"/> points per chart.
    /// </summary>
    public static IEnumerable<Chart> LatencyCdfs(StudySummary summary, int maxSeries)
    {
        var histograms = summary.Selected.Select(MetricPath).Distinct(StringComparer.Ordinal)
            .Where(path => summary.Points.Any(p => p.Quantiles.Any(q => q.Path == path)))
            .ToList();
        int chart = 0;
        foreach (string path in histograms)
        {
            var lines = summary.Points
                .Select(p => (Point: p, Quantiles: p.Quantiles.FirstOrDefault(q => q.Path == path)))
                .Where(p => p.Quantiles is not null)
                .Take(maxSeries)
                .Select(p => new ChartSeries(p.Point.Point.Label(summary.Study.Declaration),
                    p.Quantiles!.Seconds.Select((s, i) => new ChartPoint(s, LatencyQuantiles.Percents[i] / 100)).ToList(),
                    SeriesShape.Step))
                .ToList();
            yield return new Chart($"cdf-{chart++}", $"{path}: CDF", new Axis("latency", AxisScale.Log, Unit: "s"),
                new Axis("fraction of requests", Bounds: AxisBounds.Fraction), lines);
        }
    }

    /// <summary>The metric path of a flattened key (<c>a/b/latency.p99</c> → <c>a/b/latency</c>).</summary>
    public static string MetricPath(string key)
    {
        int dot = key.LastIndexOf('.');
        return dot < 0 ? key : key[..dot];
    }

    private static ChartPoint Band(double x, SampleSummary s) =>
        double.IsNaN(s.HalfWidth) ? new ChartPoint(x, s.Mean) : new ChartPoint(x, s.Mean, s.Low, s.High);

    private static double XValue(StudyPoint point, int x, bool numeric)
    {
        var value = point.Values[x];
        if (numeric) return value.Number!.Value;
        return point.Model.Study!.Parameters[x].Values.ToList().FindIndex(v => v.Text == value.Text);
    }

    private static string PanelKey(StudyPoint point, int x, int series) => string.Join(", ", point.Values
        .Select((v, i) => (v, i)).Where(p => p.i != x && p.i != series)
        .Select(p => $"{point.Model.Study!.Parameters[p.i].Name}={p.v.Text}"));

    private static int IndexOf(IReadOnlyList<SweepParameter> parameters, string name) =>
        parameters.Select((p, i) => (p, i)).First(p => p.p.Name == name).i;
}
