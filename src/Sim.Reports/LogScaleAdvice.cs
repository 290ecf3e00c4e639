namespace Sim.Reports;

/// <summary>
/// When a chart's value axis should be logarithmic: its y axis is linear and numeric, every drawable value is &gt; 0,
/// and the largest series maximum is more than <see cref="Ratio"/> times the smallest one, so that on a linear axis the
/// small series would be squashed into a flat line at the bottom. The report then shows the log view first and offers
/// the linear one (see <see cref="HtmlReport"/>).
/// </summary>
public static class LogScaleAdvice
{
    /// <summary>How many times larger the largest series maximum must be than the smallest.</summary>
    public const double Ratio = 30;

    /// <summary>Whether <paramref name="chart"/> reads better on a log y axis.</summary>
    public static bool Suggests(Chart chart)
    {
        if (chart.Y.Scale != AxisScale.Linear || chart.Y.Categories is not null) return false;
        double smallest = double.PositiveInfinity, largest = 0;
        int drawn = 0;
        foreach (var series in chart.Series ?? [])
        {
            double max = double.NegativeInfinity;
            foreach (var p in series.Points ?? [])
            {
                if (p is null || !double.IsFinite(p.Y) || !double.IsFinite(p.X)) continue;
                if (p.Y <= 0) return false;
                max = Math.Max(max, p.Y);
            }
            if (double.IsNegativeInfinity(max)) continue;
            drawn++;
            smallest = Math.Min(smallest, max);
            largest = Math.Max(largest, max);
        }
        return drawn >= 2 && largest > Ratio * smallest;
    }

    /// <summary><paramref name="chart"/> with a log y axis, its id suffixed <c>-log</c>.</summary>
    public static Chart AsLog(Chart chart) => chart with { Id = chart.Id + "-log", Y = chart.Y with { Scale = AxisScale.Log } };
}
