using Sim.Reports;
using Xunit.Abstractions;

namespace Sim.Browser.Tests;

/// <summary>
/// A report shaped like a real study's (scenario, table, warning, the three kinds of chart a sweep draws), written by
/// <see cref="HtmlReport"/> and opened in chromium: it must load with no errors and no network, and draw every chart.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudyReportTests(BrowserSession browser, ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("virtiosim-report-");

    [Fact]
    public async Task A_study_report_loads_cleanly_offline_and_draws_every_chart_with_clean_text()
    {
        string file = Path.Combine(_folder.FullName, "study.html");
        File.WriteAllText(file, HtmlReport.Write(Study()));

        await using ReportPage page = await ReportPage.OpenAsync(browser, file);
        IReadOnlyList<ChartFinding> charts = await page.ChartsAsync();
        await page.ScreenshotAsync(output);

        Assert.Empty(page.Problems);
        Assert.Equal(["latency-vs-queue-depth", "latency-cdf", "bus-level", "twelve-policies-log"], charts.Select(c => c.Id));
        Assert.All(charts, c => Assert.Empty(c.Problems()));
        Assert.Equal(["", "s"], charts[0].AxisUnits);
        Assert.Equal(["s", ""], charts[1].AxisUnits);
        Assert.Contains("4 series coincide", await page.Page.Locator("[data-chart-id='twelve-policies-log'] text.legend-note").TextContentAsync());

        // The linear view of the log chart is one click away, and laid out as cleanly.
        await page.Page.Locator("label[for='scale-linear-twelve-policies']").ClickAsync();
        IReadOnlyList<ChartFinding> switched = await page.ChartsAsync();
        Assert.Equal("twelve-policies", switched[^1].Id);
        Assert.Empty(switched[^1].Problems());
        Assert.All(charts, c => Assert.True(c.Points > 0 && c.Width > 0 && c.Height > 0 && c.DrawnSeriesPaths >= 1, c.ToString()));
        Assert.Equal(2, charts[0].DrawnSeriesPaths);
        Assert.True(await page.Page.Locator("pre").CountAsync() >= 1, "the scenario code block is not a <pre>");
        Assert.True(await page.Page.Locator("table").CountAsync() >= 1, "the table block is not a <table>");
    }

    /// <summary>
    /// The study: a scenario, a results table, a warning, and three charts: latency against a categorical parameter
    /// (two series with confidence bands), a latency CDF on a log axis (steps), and a dense time series (~2,000 points).
    /// </summary>
    private static ReportDocument Study()
    {
        string[] depths = ["1", "2", "4", "8", "16", "32"];
        ChartSeries Sweep(string name, double baseUs) => new(name,
            [.. depths.Select((_, i) => { double y = baseUs * 1e-6 * (1 + 0.35 * i); return new ChartPoint(i, y, y * 0.92, y * 1.08); })]);
        var byDepth = new Chart("latency-vs-queue-depth", "Mean latency by queue depth",
            new Axis("queue depth", Categories: depths), new Axis("latency", Unit: "s", Bounds: AxisBounds.NonNegative),
            [Sweep("KVM vhost-user", 18), Sweep("Xen grants", 31)]);

        // An empirical CDF of log-normal-ish latencies: x from 10 µs to ~2 ms, y from 0 to 1.
        ChartPoint[] cdf = [.. Enumerable.Range(0, 200).Select(i => new ChartPoint(10e-6 * Math.Pow(1.027, i), (i + 1) / 200.0))];
        var latencyCdf = new Chart("latency-cdf", "Request latency CDF",
            new Axis("latency", AxisScale.Log, Unit: "s"), new Axis("fraction of requests", Bounds: AxisBounds.Fraction),
            [new ChartSeries("Xen grants", cdf, SeriesShape.Step)]);

        ChartPoint[] level = [.. Enumerable.Range(0, 2000).Select(i => new ChartPoint(i * 0.5, 40 + 30 * Math.Sin(i / 50.0) + (i * 7919 % 13)))];
        var busLevel = new Chart("bus-level", "PCIe bus utilisation over time",
            new Axis("time (µs)"), new Axis("utilisation (%)"),
            [new ChartSeries("link 0", level, SeriesShape.Line)]);

        // Twelve policies with long names, four of them identical, one a hundred times the rest: a log view, dashes, a note.
        string[] policies = ["top", "icc", "last-writer-wins", "max-of-levels", "max-of-levels-greedy", "caps-greedy", "icc-greedy",
            "icc-caps-greedy", "icc-hysteresis", "icc-flooding", "vote-rate-limit-flooding", "icc-under-reporting"];
        var twelve = new Chart("twelve-policies", "Energy by policy and aggregator location, each policy with its 95% confidence interval over replications",
            new Axis("aggregator", Categories: ["host", "driver-vm", "power-controller"]), new Axis("energy.total", Unit: "J", Bounds: AxisBounds.NonNegative),
            [.. policies.Select((p, k) => new ChartSeries(p, [.. Enumerable.Range(0, 3).Select(i =>
            {
                double y = k < 4 ? 0.0075 : k == 4 ? 0.9 + 0.01 * i : 0.01 + 0.002 * k + 0.001 * i;
                return new ChartPoint(i, y, y - 0.02, y + 0.002);
            })]))]);

        return new ReportDocument("Queue depth study", "virtio-blk, 1 simulated second per point, 10 seeds",
        [
            new ReportSection("Scenario",
            [
                new TextBlock("The scenario as run:"),
                new CodeBlock("name: queue-depth\nduration: 1s\nsweep:\n  queueDepth: [1, 2, 4, 8, 16, 32]\nhypervisors: [kvm, xen]\n"),
            ]),
            new ReportSection("Results",
            [
                new TableBlock("Mean latency (µs)", ["queue depth", "KVM vhost-user", "Xen grants"],
                    [.. depths.Select((d, i) => (IReadOnlyList<string>)[d, (18 * (1 + 0.35 * i)).ToString("F1"), (31 * (1 + 0.35 * i)).ToString("F1")])]),
                new WarningBlock("Xen grants at depth 32: the 95% confidence interval is ±8%, wider than the ±5% asked."),
                new ChartBlock(byDepth),
                new ChartBlock(latencyCdf),
                new ChartBlock(busLevel),
                new ChartBlock(twelve),
            ]),
        ]);
    }

    /// <summary>Removes the temporary folder.</summary>
    public void Dispose() => _folder.Delete(recursive: true);
}
