namespace Sim.Reports.Tests;

/// <summary>A series that dwarfs the others gets a log view first and a linear one behind a CSS-only switch.</summary>
public sealed class LogScaleTests
{
    private static Chart Mechanisms(double slow) => new("mech", "latency by mechanism", new Axis("depth"), new Axis("latency", Unit: "s"),
    [
        new ChartSeries("fast", [new ChartPoint(1, 10e-6), new ChartPoint(2, 12e-6)]),
        new ChartSeries("slow", [new ChartPoint(1, slow), new ChartPoint(2, slow * 1.1)]),
    ]);

    [Fact]
    public void Advice_asks_for_log_only_when_series_maxima_differ_by_more_than_the_ratio_and_all_values_are_positive()
    {
        Assert.True(LogScaleAdvice.Suggests(Mechanisms(1e-3)));
        Assert.False(LogScaleAdvice.Suggests(Mechanisms(100e-6)));
        var withZero = Mechanisms(1e-3) with { Series = [.. Mechanisms(1e-3).Series, new ChartSeries("zero", [new ChartPoint(1, 0)])] };
        Assert.False(LogScaleAdvice.Suggests(withZero));
        Assert.False(LogScaleAdvice.Suggests(Mechanisms(1e-3) with { Y = new Axis("latency", AxisScale.Log, Unit: "s") }));
    }

    [Fact]
    public void The_page_holds_both_views_the_log_one_checked_and_no_script()
    {
        string page = HtmlReport.Write(new ReportDocument("t", null, [new ReportSection("s", [new ChartBlock(Mechanisms(1e-3))])]));
        Assert.Contains("data-chart-id=\"mech-log\"", page);
        Assert.Contains("data-chart-id=\"mech\"", page);
        Assert.Contains("class=\"scale-log\" name=\"scale-mech\" id=\"scale-log-mech\" checked>", page);
        Assert.Contains("input.scale-linear:checked ~ div.view-log { display: none; }", page);
        Assert.DoesNotContain("<script", page);
        Assert.True(page.IndexOf("mech-log", StringComparison.Ordinal) < page.IndexOf("data-chart-id=\"mech\"", StringComparison.Ordinal));
    }
}
