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
    public async Task A_study_report_loads_cleanly_offline_and_draws_all_three_charts()
    {
        string file = Path.Combine(_folder.FullName, "study.html");
        File.WriteAllText(file, HtmlReport.Write(Study()));

        await using ReportPage page = await ReportPage.OpenAsync(browser, file);
        IReadOnlyList<ChartFinding> charts = await page.ChartsAsync();
        await page.ScreenshotAsync(output);

        Assert.Empty(page.Problems);
        Assert.Equal(["latency-vs-queue-depth", "latency-cdf", "bus-level"], charts.Select(c => c.Id));
        Assert.All(charts, c => Assert.Empty(c.Problems()));
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
            [.. depths.Select((_, i) => { double y = baseUs * (1 + 0.35 * i); return new ChartPoint(i, y, y * 0.92, y * 1.08); })]);
        var byDepth = new Chart("latency-vs-queue-depth", "Mean latency by queue depth",
            new Axis("queue depth", Categories: depths), new Axis("latency (µs)"),
            [Sweep("KVM vhost-user", 18), Sweep("Xen grants", 31)]);

        // An empirical CDF of log-normal-ish latencies: x from 10 µs to ~2 ms, y from 0 to 1.
        ChartPoint[] cdf = [.. Enumerable.Range(0, 200).Select(i => new ChartPoint(10 * Math.Pow(1.027, i), (i + 1) / 200.0))];
        var latencyCdf = new Chart("latency-cdf", "Request latency CDF",
            new Axis("latency (µs)", AxisScale.Log), new Axis("fraction of requests"),
            [new ChartSeries("Xen grants", cdf, SeriesShape.Step)]);

        ChartPoint[] level = [.. Enumerable.Range(0, 2000).Select(i => new ChartPoint(i * 0.5, 40 + 30 * Math.Sin(i / 50.0) + (i * 7919 % 13)))];
        var busLevel = new Chart("bus-level", "PCIe bus utilisation over time",
            new Axis("time (µs)"), new Axis("utilisation (%)"),
            [new ChartSeries("link 0", level, SeriesShape.Line)]);

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
            ]),
        ]);
    }

    /// <summary>Removes the temporary folder.</summary>
    public void Dispose() => _folder.Delete(recursive: true);
}
