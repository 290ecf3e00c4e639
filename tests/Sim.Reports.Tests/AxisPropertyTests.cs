using FsCheck;
using FsCheck.Fluent;
using Sim.Tests.Shared;

namespace Sim.Reports.Tests;

/// <summary>Properties of axes over generated ranges and of charts over generated points.</summary>
public sealed class AxisPropertyTests
{
    /// <summary>A value a × 10^e with a up to ±10^6 and e from -12 to 12: a wide spread of magnitudes, signs and zeros.</summary>
    private static readonly Gen<double> Value =
        from a in Gen.Choose(-1_000_000, 1_000_000)
        from e in Gen.Choose(-12, 12)
        select a * Math.Pow(10, e);

    [Fact]
    public void Linear_ticks_are_strictly_increasing_inside_the_axis_which_covers_the_data()
    {
        var ranges = Arb.From(from a in Value from b in Value select (Low: Math.Min(a, b), High: Math.Max(a, b)));
        var property = Prop.ForAll(ranges, r =>
        {
            var axis = AxisTicks.Linear(r.Low, r.High);
            var ticks = axis.Ticks.Select(t => t.Value).ToArray();
            bool increasing = ticks.Zip(ticks.Skip(1), (p, q) => q > p).All(x => x);
            bool inside = ticks.All(t => t >= axis.Min && t <= axis.Max);
            bool labelsDistinct = axis.Ticks.Select(t => t.Label).Distinct().Count() == ticks.Length;
            return increasing && inside && labelsDistinct && axis.Min <= r.Low && axis.Max >= r.High && axis.Max > axis.Min
                && ticks.Length >= 2 && ticks.Length <= AxisTicks.MaxLinearTicks;
        });
        Check.One(PropertyRuns.Config(500), property);
    }

    [Fact]
    public void Log_ticks_are_strictly_increasing_and_the_axis_covers_the_data()
    {
        var positive = from a in Gen.Choose(1, 1_000_000) from e in Gen.Choose(-15, 15) select a * Math.Pow(10, e);
        var ranges = Arb.From(from a in positive from b in positive select (Low: Math.Min(a, b), High: Math.Max(a, b)));
        var property = Prop.ForAll(ranges, r =>
        {
            var axis = AxisTicks.Log(r.Low, r.High);
            var ticks = axis.Ticks.Select(t => t.Value).ToArray();
            return ticks.Zip(ticks.Skip(1), (p, q) => q > p).All(x => x)
                && ticks.All(t => t >= axis.Min && t <= axis.Max)
                && axis.Min <= r.Low && axis.Max >= r.High && ticks.Length >= 2;
        });
        Check.One(PropertyRuns.Config(300), property);
    }

    /// <summary>A point whose coordinates are sometimes NaN, infinite, zero or negative, with a band sometimes.</summary>
    private static readonly Gen<ChartPoint> Point =
        from x in Gen.Frequency((8, Value), (1, Gen.Constant(double.NaN)), (1, Gen.Constant(double.NegativeInfinity)))
        from y in Gen.Frequency((8, Value), (1, Gen.Constant(double.NaN)), (1, Gen.Constant(0.0)))
        from band in Gen.Choose(0, 3)
        from spread in Gen.Choose(0, 1000)
        select band switch
        {
            0 => new ChartPoint(x, y, y - spread, y + spread),
            1 => new ChartPoint(x, y, Low: y / 2),
            _ => new ChartPoint(x, y),
        };

    private sealed record Case(ChartPoint[] Points, SeriesShape Shape, AxisScale XScale, AxisScale YScale)
    {
        public override string ToString() =>
            $"{Shape} x:{XScale} y:{YScale} [{string.Join("; ", Points.Select(p => $"{p.X},{p.Y},{p.Low},{p.High}"))}]";
    }

    [Fact]
    public void Every_drawn_coordinate_lies_in_the_plot_area_and_data_points_counts_the_drawable_points()
    {
        var cases = Arb.From(
            from points in Gen.ListOf(Point)
            from shape in Gen.Elements(SeriesShape.LineWithPoints, SeriesShape.Step, SeriesShape.Line)
            from xs in Gen.Elements(AxisScale.Linear, AxisScale.Log)
            from ys in Gen.Elements(AxisScale.Linear, AxisScale.Log)
            select new Case(points.ToArray(), shape, xs, ys));
        var property = Prop.ForAll(cases, c =>
        {
            var chart = new Chart("p", "property", new Axis("x", c.XScale), new Axis("y", c.YScale), [new ChartSeries("s", c.Points, c.Shape)]);
            var svg = ChartSamples.Svg(chart);
            // One series, 720 × 400: the plot area is x 64..550, y 40..352 (legend on the right).
            var coordinates = svg.Descendants("path").Where(p => p.Ancestors("g").All(g => (string?)g.Attribute("class") != "legend"))
                .Where(p => p.Attribute("d") is not null)
                .SelectMany(p => ChartSamples.Vertices((string)p.Attribute("d")!))
                .Concat(svg.WithClass("circle", "point").Select(e => (X: e.DoubleAttr("cx"), Y: e.DoubleAttr("cy"))));
            bool inside = coordinates.All(v => v.X >= 64 - SvgPaths.LoneBandHalfWidth && v.X <= 550 + SvgPaths.LoneBandHalfWidth && v.Y >= 40 && v.Y <= 352);
            // Counted here from the rule, not through the writer's own filter: finite, and > 0 on a log axis.
            bool Drawable(double v, AxisScale scale) => double.IsFinite(v) && (scale == AxisScale.Linear || v > 0);
            int drawable = c.Points.Count(p => Drawable(p.X, c.XScale) && Drawable(p.Y, c.YScale));
            var series = svg.WithClass("path", "series").Single();
            return inside && svg.IntAttr("data-points") == drawable && series.IntAttr("data-points") == drawable;
        });
        Check.One(PropertyRuns.Config(200), property);
    }
}
