using Xunit.Abstractions;

namespace Sim.Browser.Tests;

/// <summary>
/// The checker itself, on small hand-written pages: it must see what a broken report would show (script errors,
/// external requests, empty charts) and nothing on a clean page. These need chromium but not Sim.Reports.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportPageCheckerTests(BrowserSession browser, ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("virtiosim-browser-");

    private const string TwoCharts = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>two charts</title></head>
        <body>
          <section><h2>Latency</h2>
            <svg class="chart" data-chart-id="latency" data-points="3" viewBox="0 0 200 100" width="200" height="100">
              <path class="band" d="M0,60 L100,40 L200,30 L200,50 L100,60 L0,80 Z" fill="#ccd"/>
              <path class="series" data-series="kvm" data-points="3" d="M0,70 L100,50 L200,40" stroke="blue" fill="none"/>
              <circle class="point" cx="0" cy="70" r="3"/><circle class="point" cx="100" cy="50" r="3"/><circle class="point" cx="200" cy="40" r="3"/>
            </svg>
          </section>
          <section><h2>CDF</h2>
            <svg class="chart" data-chart-id="cdf" data-points="4" viewBox="0 0 200 100" width="200" height="100">
              <path class="series" data-series="xen" data-points="4" d="M0,100 H50 V70 H100 V30 H200 V0" stroke="red" fill="none"/>
            </svg>
          </section>
          <table><tr><th>a</th><td>1</td></tr></table>
          <pre>scenario: quickstart</pre>
        </body></html>
        """;

    [Fact]
    public async Task A_clean_page_with_two_charts_has_two_drawn_charts_and_no_problems()
    {
        await using ReportPage page = await ReportPage.OpenAsync(browser, Write("good.html", TwoCharts));

        IReadOnlyList<ChartFinding> charts = await page.ChartsAsync();

        Assert.Empty(page.Problems);
        Assert.Equal(["latency", "cdf"], charts.Select(c => c.Id));
        Assert.Equal([3, 4], charts.Select(c => c.Points));
        Assert.All(charts, c =>
        {
            Assert.Empty(c.Problems());
            Assert.Equal(200, c.Width, 1);
            Assert.Equal(100, c.Height, 1);
            Assert.Equal(1, c.DrawnSeriesPaths);
        });
        string screenshot = await page.ScreenshotAsync(output);
        Assert.True(new FileInfo(screenshot).Length > 0, $"empty screenshot {screenshot}");
    }

    [Fact]
    public async Task Overlapping_text_a_cut_legend_and_a_tick_without_its_unit_are_reported()
    {
        string html = """
            <!DOCTYPE html><html><body>
            <svg class="chart" data-chart-id="bad" data-points="2" viewBox="0 0 300 150" width="300" height="150" font-size="12">
              <path class="series" data-points="2" d="M10,10 L100,100"/>
              <g class="axis y" data-unit="s"><text class="tick-label" x="40" y="50">0.00035</text><text class="axis-label" x="30" y="52">latency</text></g>
              <g class="legend"><g class="legend-entry"><text x="240" y="140">vote-rate-limit-flo…</text></g></g>
            </svg></body></html>
            """;
        await using ReportPage page = await ReportPage.OpenAsync(browser, Write("bad-text.html", html));

        var problems = (await page.ChartsAsync()).Single().Problems();

        Assert.Contains(problems, p => p.Contains("overlaps", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("is truncated", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("does not show the axis unit s", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("cut by the chart's edge", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Small_multiples_whose_panels_differ_in_range_are_reported()
    {
        static string Panel(string yRange) =>
            $"""<g class="panel" data-points="2" data-x-range="0 1" data-y-range="{yRange}"><path class="series" d="M10,10 L100,100"/></g>""";
        string html = $"""
            <!DOCTYPE html><html><body>
            <svg class="chart small-multiples" data-chart-id="same" data-points="4" viewBox="0 0 300 150" width="300" height="150">{Panel("0 4")}{Panel("0 4")}</svg>
            <svg class="chart small-multiples" data-chart-id="apart" data-points="4" viewBox="0 0 300 150" width="300" height="150">{Panel("0 4")}{Panel("0 8")}</svg>
            </body></html>
            """;
        await using ReportPage page = await ReportPage.OpenAsync(browser, Write("multiples.html", html));

        var charts = await page.ChartsAsync();

        Assert.Equal(["0 1 | 0 4", "0 1 | 0 4"], charts[0].PanelRanges);
        Assert.Empty(charts[0].Problems());
        Assert.Contains("chart apart: its panels do not share their axes: 0 1 | 0 4; 0 1 | 0 8", charts[1].Problems());
    }

    [Fact]
    public async Task Console_errors_and_uncaught_exceptions_are_reported()
    {
        string html = """
            <!DOCTYPE html><html><body><p>broken</p>
            <script>console.error("series 'kvm' has no points"); console.log("not an error");</script>
            <script>throw new Error("chart renderer exploded");</script>
            </body></html>
            """;
        await using ReportPage page = await ReportPage.OpenAsync(browser, Write("errors.html", html));

        Assert.Equal(["series 'kvm' has no points"], page.ConsoleErrors);
        Assert.Single(page.PageErrors);
        Assert.Contains("chart renderer exploded", page.PageErrors[0]);
        Assert.Equal(2, page.Problems.Count);
    }

    [Fact]
    public async Task A_request_that_leaves_file_urls_is_reported_and_never_sent()
    {
        string html = """
            <!DOCTYPE html><html><body>
            <img src="http://example.invalid/x.png" alt="external">
            <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="inline">
            </body></html>
            """;
        await using ReportPage page = await ReportPage.OpenAsync(browser, Write("external.html", html));

        Assert.Equal(["http://example.invalid/x.png"], page.ExternalRequests);
        Assert.Contains(page.FailedRequests, f => f.StartsWith("http://example.invalid/x.png", StringComparison.Ordinal));
        // Chromium may log the blocked load as a console error; nothing else may be logged.
        Assert.DoesNotContain(page.ConsoleErrors, e => !e.Contains("ERR_BLOCKED_BY_CLIENT", StringComparison.Ordinal));
        Assert.Empty(page.PageErrors);
    }

    [Fact]
    public async Task A_chart_with_no_points_or_no_drawn_series_is_reported_empty()
    {
        string html = """
            <!DOCTYPE html><html><body>
            <svg class="chart" data-chart-id="empty" data-points="0" viewBox="0 0 200 100" width="200" height="100">
              <path class="series" data-series="kvm" data-points="0" d=""/>
            </svg>
            <svg class="chart" data-chart-id="drawn" data-points="2" viewBox="0 0 200 100" width="200" height="100">
              <path class="series" data-series="kvm" data-points="2" d="M0,0 L200,100"/>
            </svg>
            <svg class="chart" data-chart-id="hidden" data-points="2" viewBox="0 0 200 100" width="200" height="100" style="display:none">
              <path class="series" data-series="kvm" data-points="2" d="M0,0 L200,100"/>
            </svg>
            </body></html>
            """;
        await using ReportPage page = await ReportPage.OpenAsync(browser, Write("empty.html", html));

        IReadOnlyList<ChartFinding> charts = await page.ChartsAsync();

        Assert.Empty(page.Problems);
        Assert.Equal(3, charts.Count);
        ChartFinding empty = charts[0];
        Assert.Equal(("empty", 0, 1, 0), (empty.Id, empty.Points, empty.SeriesPaths, empty.DrawnSeriesPaths));
        Assert.True(empty.IsEmpty);
        Assert.Contains("chart empty is empty: data-points=0", empty.Problems());
        Assert.False(charts[1].IsEmpty);
        Assert.Empty(charts[1].Problems());
        Assert.Equal((0d, 0d), (charts[2].Width, charts[2].Height));
        Assert.Contains("chart hidden is not rendered: bounding box 0x0", charts[2].Problems());
    }

    /// <summary>Writes a page into this test's temporary folder; returns its path.</summary>
    private string Write(string name, string html)
    {
        string path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, html);
        return path;
    }

    /// <summary>Removes the temporary folder.</summary>
    public void Dispose() => _folder.Delete(recursive: true);
}
