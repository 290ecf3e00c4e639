using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Sim.Browser.Tests;

/// <summary>What the page says about one <c>svg.chart</c> element.</summary>
/// <param name="Id">Its <c>data-chart-id</c>; null when missing.</param>
/// <param name="Points">Its <c>data-points</c> as a number; null when missing or not an integer.</param>
/// <param name="Width">Its rendered width in CSS pixels (0 when not rendered).</param>
/// <param name="Height">Its rendered height in CSS pixels (0 when not rendered).</param>
/// <param name="SeriesPaths">How many <c>path.series</c> it holds.</param>
/// <param name="DrawnSeriesPaths">How many of those have a non-empty <c>d</c>.</param>
/// <param name="TextProblems">What is wrong with its text as laid out: text boxes that overlap, text cut by the chart's
/// edge, a legend entry cut with "…", a tick label of an axis with a <c>data-unit</c> that does not show the unit.</param>
/// <param name="AxisUnits">The <c>data-unit</c> of each of its axes, in document order ("" for none).</param>
/// <param name="PanelRanges">For a small-multiples figure, each <c>g.panel</c>'s axis ranges as
/// "{data-x-range} | {data-y-range}", in document order; empty for a single chart. Panels that differ are a problem:
/// small multiples compare at a glance only on shared axes.</param>
public sealed record ChartFinding(string? Id, int? Points, double Width, double Height, int SeriesPaths, int DrawnSeriesPaths,
    IReadOnlyList<string>? TextProblems = null, IReadOnlyList<string>? AxisUnits = null, IReadOnlyList<string>? PanelRanges = null)
{
    /// <summary>True when the chart shows no data: no points, or no drawn series.</summary>
    public bool IsEmpty => Points is not > 0 || DrawnSeriesPaths == 0;

    /// <summary>What is wrong with the chart, one line each; empty when it is fine.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        string name = Id ?? "(no data-chart-id)";
        if (Id is null) problems.Add("an svg.chart has no data-chart-id");
        if (Points is null) problems.Add($"chart {name}: data-points is missing or not an integer");
        else if (Points <= 0) problems.Add($"chart {name} is empty: data-points={Points}");
        if (Width <= 0 || Height <= 0) problems.Add($"chart {name} is not rendered: bounding box {Width}x{Height}");
        if (DrawnSeriesPaths == 0) problems.Add($"chart {name} draws no series: {SeriesPaths} path.series, none with a non-empty d");
        foreach (string text in TextProblems ?? []) problems.Add($"chart {name}: {text}");
        if (PanelRanges is { Count: > 1 } ranges && ranges.Distinct(StringComparer.Ordinal).Count() > 1)
            problems.Add($"chart {name}: its panels do not share their axes: {string.Join("; ", ranges.Distinct(StringComparer.Ordinal))}");
        return problems;
    }
}

/// <summary>
/// A report page opened from a local file in the shared browser, with what went wrong while it loaded: console errors,
/// uncaught script errors, failed requests, and any request that left file:// (a report must be self-contained; such
/// requests are aborted, so a test never touches the network).
/// </summary>
public sealed class ReportPage : IAsyncDisposable
{
    private readonly IPage _page;
    private readonly List<string> _consoleErrors = [];
    private readonly List<string> _pageErrors = [];
    private readonly List<string> _failedRequests = [];
    private readonly List<string> _externalRequests = [];

    private ReportPage(IPage page) => _page = page;

    /// <summary>The Playwright page, for checks this class does not make.</summary>
    public IPage Page => _page;

    /// <summary>Messages the page logged with <c>console.error</c>.</summary>
    public IReadOnlyList<string> ConsoleErrors => _consoleErrors;

    /// <summary>Uncaught exceptions thrown by the page's scripts.</summary>
    public IReadOnlyList<string> PageErrors => _pageErrors;

    /// <summary>Requests that failed, as "URL: reason".</summary>
    public IReadOnlyList<string> FailedRequests => _failedRequests;

    /// <summary>URLs of requests that were not file:, data: or blob: (aborted before leaving the machine).</summary>
    public IReadOnlyList<string> ExternalRequests => _externalRequests;

    /// <summary>Every finding above, one line each, labelled; empty for a clean page.</summary>
    public IReadOnlyList<string> Problems =>
    [
        .. _consoleErrors.Select(m => "console error: " + m),
        .. _pageErrors.Select(m => "page error: " + m),
        .. _failedRequests.Select(m => "failed request: " + m),
        .. _externalRequests.Select(m => "external request: " + m),
    ];

    /// <summary>Opens <paramref name="htmlFile"/> (a local path) in a new page and waits for its load event.</summary>
    public static async Task<ReportPage> OpenAsync(BrowserSession session, string htmlFile)
    {
        IPage page = await session.NewPageAsync();
        var report = new ReportPage(page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (report._consoleErrors) report._consoleErrors.Add(message.Text);
        };
        page.PageError += (_, error) => { lock (report._pageErrors) report._pageErrors.Add(error); };
        page.RequestFailed += (_, request) =>
        {
            lock (report._failedRequests) report._failedRequests.Add($"{request.Url}: {request.Failure}");
        };
        // Every request that would leave the machine is recorded and aborted here, before it is sent.
        await page.RouteAsync(url => !IsSelfContained(url), async route =>
        {
            lock (report._externalRequests) report._externalRequests.Add(route.Request.Url);
            await route.AbortAsync("blockedbyclient");
        });

        await page.GotoAsync(new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        // One round trip to the page: every event the page raised before it answers has been delivered by then.
        await page.EvaluateAsync("() => document.readyState");
        return report;
    }

    /// <summary>
    /// Measures a chart's text in the browser: every pair of non-empty <c>text</c> boxes that intersect by more than a
    /// pixel each way, any text box reaching past the chart's box, any legend text holding "…", and any tick label of
    /// an axis with <c>data-unit</c> not ending in that unit. Returns the axes' units joined by '|', then the problems.
    /// </summary>
    private const string MeasureText = """
        svg => {
          const problems = [];
          const box = svg.getBoundingClientRect();
          const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim().length > 0);
          const rects = texts.map(t => t.getBoundingClientRect());
          const name = t => [...t.childNodes].filter(n => n.nodeName !== 'title').map(n => n.textContent).join(' ').trim().slice(0, 60);
          for (let i = 0; i < texts.length; i++) {
            const r = rects[i];
            if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
              problems.push(`text "${name(texts[i])}" is cut by the chart's edge`);
            if (texts[i].closest('.legend') && name(texts[i]).includes('…')) problems.push(`legend text "${name(texts[i])}" is truncated`);
            for (let j = i + 1; j < texts.length; j++) {
              const q = rects[j];
              const w = Math.min(r.right, q.right) - Math.max(r.left, q.left);
              const h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
              if (w > 1 && h > 1) problems.push(`text "${name(texts[i])}" overlaps "${name(texts[j])}"`);
            }
          }
          for (const axis of svg.querySelectorAll('g.axis[data-unit]')) {
            const unit = axis.getAttribute('data-unit');
            for (const t of axis.querySelectorAll('text.tick-label'))
              if (!name(t).endsWith(unit)) problems.push(`tick label "${name(t)}" does not show the axis unit ${unit}`);
          }
          return [[...svg.querySelectorAll('g.axis')].map(a => a.getAttribute('data-unit') || '').join('|'), ...problems];
        }
        """;

    /// <summary>
    /// Every <c>svg.chart</c> on the page (a small-multiples figure is one, its panels measured together), in document
    /// order, except the view a scale switch hides (a chart in a
    /// <c>div.view</c> that is not displayed); a chart hidden any other way is listed, and reported as not rendered.
    /// </summary>
    public async Task<IReadOnlyList<ChartFinding>> ChartsAsync()
    {
        ILocator charts = _page.Locator("svg.chart");
        int count = await charts.CountAsync();
        var findings = new List<ChartFinding>(count);
        for (int i = 0; i < count; i++)
        {
            ILocator chart = charts.Nth(i);
            if (await chart.EvaluateAsync<bool>("svg => svg.closest('div.view') !== null && svg.getClientRects().length === 0")) continue;
            string? id = await chart.GetAttributeAsync("data-chart-id");
            string? pointsText = await chart.GetAttributeAsync("data-points");
            int? points = int.TryParse(pointsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int p) ? p : null;
            LocatorBoundingBoxResult? box = await chart.BoundingBoxAsync();
            string[] ds = await chart.Locator("path.series").EvaluateAllAsync<string[]>("paths => paths.map(p => (p.getAttribute('d') || '').trim())");
            string[] text = await chart.EvaluateAsync<string[]>(MeasureText);
            string[] units = text[0].Length == 0 && !text[0].Contains('|') ? [] : text[0].Split('|');
            string[] panels = await chart.Locator("g.panel").EvaluateAllAsync<string[]>(
                "panels => panels.map(g => g.getAttribute('data-x-range') + ' | ' + g.getAttribute('data-y-range'))");
            findings.Add(new ChartFinding(id, points, box?.Width ?? 0, box?.Height ?? 0, ds.Length, ds.Count(d => d.Length > 0), text[1..], units, panels));
        }
        return findings;
    }

    /// <summary>
    /// Saves a full-page screenshot as <c>{test file}.{test}.png</c> in <c>$VIRTIOSIM_ARTIFACTS</c>, else in
    /// <c>artifacts/</c> under the test output folder, and prints its path; returns the path.
    /// </summary>
    public async Task<string> ScreenshotAsync(ITestOutputHelper output, [CallerFilePath] string file = "", [CallerMemberName] string test = "")
    {
        string folder = Environment.GetEnvironmentVariable("VIRTIOSIM_ARTIFACTS") is { Length: > 0 } given
            ? given
            : Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        string path = Path.GetFullPath(Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(file)}.{test}.png"));
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
        return path;
    }

    /// <summary>Closes the page's browser context.</summary>
    public async ValueTask DisposeAsync() => await _page.Context.CloseAsync();

    private static bool IsSelfContained(string url) =>
        url.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("blob:", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("about:", StringComparison.OrdinalIgnoreCase);
}
