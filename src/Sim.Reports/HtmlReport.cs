using System.Text;

namespace Sim.Reports;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as one self-contained HTML5 page: inline CSS (<see cref="ReportStyles"/>) and
/// inline SVG charts (<see cref="SvgChart"/>), no script and no URL of any kind. Layout: an <c>h1</c> title and
/// subtitle, a table of contents (<c>nav.toc</c>) linking to every section, then each section as
/// <c>&lt;section id="…"&gt;&lt;h2&gt;</c> (ids from <see cref="AnchorIds"/>) holding its blocks: text as
/// <c>&lt;p&gt;</c>, code as <c>&lt;pre&gt;&lt;code&gt;</c>, warnings as <c>&lt;p class="warning"&gt;</c>, tables as
/// <c>&lt;table&gt;</c> with caption, head and right-aligned numeric cells, charts as
/// <c>&lt;figure class="chart-figure"&gt;</c> with the SVG and a caption (a chart whose series differ by orders of
/// magnitude gets a log view and a linear one, switched by radio buttons and CSS), small multiples as
/// <c>&lt;figure class="chart-figure multiples"&gt;</c> (<see cref="SvgSmallMultiples"/>), wider than the column. All text is escaped; newlines are "\n".
/// </summary>
public static class HtmlReport
{
    /// <summary>The id of the table of contents, reserved from section ids.</summary>
    private const string ContentsId = "contents";

    /// <summary>The width charts are drawn at: the page's column (960 pixels less its padding) less a margin.</summary>
    public const int ChartWidth = 880;

    /// <summary>The width small-multiples figures are drawn at: four panels of about 320 pixels in a 1400-pixel window.</summary>
    public const int FigureWidth = 1320;

    /// <summary>The height charts are drawn at (before their legend below the plot, if any).</summary>
    public const int ChartHeight = 420;

    /// <summary>The page for <paramref name="report"/>; the same report gives the same bytes.</summary>
    public static string Write(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sections = report.Sections ?? [];
        var ids = new AnchorIds(ContentsId);
        var sectionIds = new string[sections.Count];
        for (int i = 0; i < sections.Count; i++) sectionIds[i] = ids.Next(sections[i]?.Title);

        var sb = new StringBuilder(16 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").AppendEscaped(report.Title).Append("</title>\n")
            .Append("<style>\n").Append(ReportStyles.Css).Append("</style>\n</head>\n<body>\n<main class=\"report\">\n");
        sb.Append("<header>\n<h1>").AppendEscaped(report.Title).Append("</h1>\n");
        if (report.Subtitle is not null) sb.Append("<p class=\"subtitle\">").AppendEscaped(report.Subtitle).Append("</p>\n");
        sb.Append("</header>\n");

        if (sections.Count > 0)
        {
            sb.Append("<nav class=\"toc\" id=\"").Append(ContentsId).Append("\" aria-label=\"Contents\">\n<p class=\"toc-title\">Contents</p>\n<ol>\n");
            for (int i = 0; i < sections.Count; i++)
            {
                sb.Append("<li><a href=\"#").Append(sectionIds[i]).Append("\">").AppendEscaped(sections[i]?.Title).Append("</a></li>\n");
            }
            sb.Append("</ol>\n</nav>\n");
        }

        for (int i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            sb.Append("<section id=\"").Append(sectionIds[i]).Append("\">\n<h2>").AppendEscaped(section?.Title).Append("</h2>\n");
            foreach (var block in section?.Blocks ?? []) AppendBlock(sb, block);
            sb.Append("</section>\n");
        }
        sb.Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void AppendBlock(StringBuilder sb, ReportBlock? block)
    {
        switch (block)
        {
            case TextBlock text:
                sb.Append("<p>").AppendEscaped(text.Text).Append("</p>\n");
                break;
            case CodeBlock code:
                sb.Append("<pre><code>").AppendEscaped(code.Text).Append("</code></pre>\n");
                break;
            case WarningBlock warning:
                sb.Append("<p class=\"warning\" role=\"note\">").AppendEscaped(warning.Text).Append("</p>\n");
                break;
            case TableBlock table:
                HtmlTable.Append(sb, table);
                break;
            case ChartBlock chart when LogScaleAdvice.Suggests(chart.Chart):
                AppendScaleChoice(sb, chart.Chart);
                break;
            case ChartBlock chart:
                sb.Append("<figure class=\"chart-figure\">\n").Append(SvgChart.Write(chart.Chart, ChartWidth, ChartHeight))
                    .Append("\n<figcaption>").AppendEscaped(chart.Chart.Title).Append("</figcaption>\n</figure>\n");
                break;
            case SmallMultiplesBlock multiples:
                AppendSmallMultiples(sb, multiples.Figure);
                break;
            case TornadoBlock tornado:
                sb.Append("<figure class=\"chart-figure\">\n").Append(SvgTornado.Write(tornado.Chart))
                    .Append("\n<figcaption>").AppendEscaped(tornado.Chart.Title).Append("</figcaption>\n</figure>\n");
                break;
            case null:
                break;
            default:
                throw new ArgumentException($"unknown report block {block.GetType().Name}", nameof(block));
        }
    }

    /// <summary>
    /// A small-multiples figure, wider than the text column (<see cref="FigureWidth"/>, CSS lets it out of the column
    /// where the window allows), its caption saying how many panels are omitted.
    /// </summary>
    private static void AppendSmallMultiples(StringBuilder sb, SmallMultiples figure)
    {
        sb.Append("<figure class=\"chart-figure multiples\">\n").Append(SvgSmallMultiples.Write(figure, FigureWidth))
            .Append("\n<figcaption>").AppendEscaped(figure.Title);
        if (figure.OmittedText is { } omitted) sb.Append(". ").AppendEscaped(omitted);
        sb.Append("</figcaption>\n</figure>\n");
    }

    /// <summary>
    /// A chart whose series differ by orders of magnitude (<see cref="LogScaleAdvice"/>): both views pre-drawn, the log
    /// one shown, and two radio buttons that switch between them with CSS alone (no script, works offline).
    /// </summary>
    private static void AppendScaleChoice(StringBuilder sb, Chart chart)
    {
        string id = Markup.Escape(chart.Id);
        sb.Append("<figure class=\"chart-figure scale-choice\">\n")
            .Append("<input type=\"radio\" class=\"scale-log\" name=\"scale-").Append(id).Append("\" id=\"scale-log-").Append(id).Append("\" checked>")
            .Append("<label for=\"scale-log-").Append(id).Append("\">log scale</label>\n")
            .Append("<input type=\"radio\" class=\"scale-linear\" name=\"scale-").Append(id).Append("\" id=\"scale-linear-").Append(id).Append("\">")
            .Append("<label for=\"scale-linear-").Append(id).Append("\">linear scale</label>\n")
            .Append("<span class=\"scale-why\">(the largest series is over ").Append(NumberFormat.Int((long)LogScaleAdvice.Ratio))
            .Append("× the smallest)</span>\n")
            .Append("<div class=\"view view-log\">\n").Append(SvgChart.Write(LogScaleAdvice.AsLog(chart), ChartWidth, ChartHeight)).Append("\n</div>\n")
            .Append("<div class=\"view view-linear\">\n").Append(SvgChart.Write(chart, ChartWidth, ChartHeight)).Append("\n</div>\n")
            .Append("<figcaption>").AppendEscaped(chart.Title).Append("</figcaption>\n</figure>\n");
    }
}
