namespace Sim.Reports;

/// <summary>One drawn vertex: its pixel position and the index of the source point in its series.</summary>
/// <param name="X">Horizontal pixel.</param>
/// <param name="Y">Vertical pixel.</param>
/// <param name="Index">Index of the point in <see cref="ChartSeries.Points"/>.</param>
internal readonly record struct PlotPoint(double X, double Y, int Index);

/// <summary>One column of a band: its horizontal pixel and the pixels of its upper and lower edges.</summary>
/// <param name="X">Horizontal pixel.</param>
/// <param name="Top">Pixel of the upper edge (the smaller y).</param>
/// <param name="Bottom">Pixel of the lower edge.</param>
internal readonly record struct BandPoint(double X, double Top, double Bottom);

/// <summary>
/// A series turned into pixels: its drawable points split into runs at skipped points (a gap in the line), thinned
/// when dense, and its band split into runs the same way.
/// </summary>
/// <param name="Series">The source series.</param>
/// <param name="Runs">The drawn vertices, one list per unbroken run.</param>
/// <param name="Bands">The band, one list per unbroken run of points that have one.</param>
internal sealed record SeriesGeometry(ChartSeries Series, IReadOnlyList<IReadOnlyList<PlotPoint>> Runs, IReadOnlyList<IReadOnlyList<BandPoint>> Bands)
{
    /// <summary>Above this many drawable points a Line or Step series (and any band) is thinned to pixel columns.</summary>
    public const int ThinningThreshold = 2000;

    /// <summary>How many vertices the series' path has (its <c>data-points</c>).</summary>
    public int DrawnPoints
    {
        get
        {
            int count = 0;
            foreach (var run in Runs) count += run.Count;
            return count;
        }
    }

    /// <summary>The geometry of <paramref name="series"/> on the mapped axes.</summary>
    public static SeriesGeometry Of(ChartSeries series, Axis xAxis, Axis yAxis, AxisMapping x, AxisMapping y)
    {
        var runs = new List<IReadOnlyList<PlotPoint>>();
        var bands = new List<IReadOnlyList<BandPoint>>();
        var run = new List<PlotPoint>();
        var band = new List<BandPoint>();
        int drawable = 0;
        var points = series.Points;
        for (int i = 0; i < points.Count; i++)
        {
            var p = points[i];
            bool ok = p is not null && AxisDomain.Accepts(xAxis, p.X) && AxisDomain.Accepts(yAxis, p.Y);
            if (!ok)
            {
                Flush(runs, ref run);
                Flush(bands, ref band);
                continue;
            }
            drawable++;
            double px = x.Map(p!.X);
            run.Add(new PlotPoint(px, y.Map(p.Y), i));
            if (BandEdges(p, yAxis) is var (low, high))
            {
                double a = y.Map(low), b = y.Map(high);
                band.Add(new BandPoint(px, Math.Min(a, b), Math.Max(a, b)));
            }
            else
            {
                Flush(bands, ref band);
            }
        }
        Flush(runs, ref run);
        Flush(bands, ref band);

        if (drawable > ThinningThreshold && series.Shape is not (SeriesShape.LineWithPoints or SeriesShape.Points))
        {
            for (int r = 0; r < runs.Count; r++) runs[r] = ThinRun(runs[r]);
        }
        int banded = 0;
        foreach (var b in bands) banded += b.Count;
        if (banded > ThinningThreshold)
        {
            for (int r = 0; r < bands.Count; r++) bands[r] = ThinBand(bands[r]);
        }
        return new SeriesGeometry(series, runs, bands);
    }

    /// <summary>
    /// The band's edges at <paramref name="point"/>, clipped to the axis' <see cref="Axis.Bounds"/> (a missing or
    /// undrawable edge is the point's Y), or null for no band.
    /// </summary>
    public static (double Low, double High)? BandEdges(ChartPoint point, Axis yAxis)
    {
        double? low = point.Low is { } l && yAxis.Bounds is { } lb ? lb.Clip(l) : point.Low;
        double? high = point.High is { } h && yAxis.Bounds is { } hb ? hb.Clip(h) : point.High;
        bool hasLow = low is { } cl && AxisDomain.Accepts(yAxis, cl);
        bool hasHigh = high is { } ch && AxisDomain.Accepts(yAxis, ch);
        if (!hasLow && !hasHigh) return null;
        return (hasLow ? low!.Value : point.Y, hasHigh ? high!.Value : point.Y);
    }

    /// <summary>
    /// Keeps, for each run of consecutive vertices in the same pixel column, the first, the lowest, the highest and
    /// the last (in their original order): the drawn line looks the same, with at most four vertices per column.
    /// </summary>
    public static IReadOnlyList<PlotPoint> ThinRun(IReadOnlyList<PlotPoint> run)
    {
        var kept = new List<PlotPoint>();
        int i = 0;
        Span<int> picks = stackalloc int[4];
        while (i < run.Count)
        {
            double column = Math.Floor(run[i].X);
            int j = i, lowest = i, highest = i;
            while (j < run.Count && Math.Floor(run[j].X) == column)
            {
                if (run[j].Y < run[lowest].Y) lowest = j;
                if (run[j].Y > run[highest].Y) highest = j;
                j++;
            }
            picks[0] = i; picks[1] = lowest; picks[2] = highest; picks[3] = j - 1;
            picks.Sort();
            for (int k = 0; k < 4; k++)
            {
                if (k == 0 || picks[k] != picks[k - 1]) kept.Add(run[picks[k]]);
            }
            i = j;
        }
        return kept;
    }

    /// <summary>Merges band columns in the same pixel column into their envelope (highest top, lowest bottom).</summary>
    public static IReadOnlyList<BandPoint> ThinBand(IReadOnlyList<BandPoint> band)
    {
        var kept = new List<BandPoint>();
        foreach (var point in band)
        {
            if (kept.Count > 0 && Math.Floor(kept[^1].X) == Math.Floor(point.X))
            {
                var last = kept[^1];
                kept[^1] = last with { Top = Math.Min(last.Top, point.Top), Bottom = Math.Max(last.Bottom, point.Bottom) };
            }
            else
            {
                kept.Add(point);
            }
        }
        return kept;
    }

    private static void Flush<T>(List<IReadOnlyList<T>> into, ref List<T> current)
    {
        if (current.Count == 0) return;
        into.Add(current);
        current = new List<T>();
    }
}
