using System.Text.RegularExpressions;

namespace Sim.Reports.Tests;

/// <summary>The page: self-contained, deterministic, escaped, a table of contents with unique anchors, one figure per chart.</summary>
public sealed partial class HtmlReportTests
{
    private static Chart ChartNamed(string id, params double[] ys) =>
        new(id, "Chart " + id, new Axis("x"), new Axis("y"), [new ChartSeries("s", ys.Select((y, i) => new ChartPoint(i, y)).ToArray())]);

    private static ReportDocument Sample() => new(
        "Sweep <report> & co",
        "seed 7, 60 ms simulated",
        [
            new ReportSection("Overview", [new TextBlock("Plain text with <b>markup</b> & \"quotes\"."), new WarningBlock("CI wider than asked")]),
            new ReportSection("Results", [
                new TableBlock("Latency", ["variant", "p50 (µs)", "p99 (µs)"], [["icc", "12.5", "40.1"], ["top", "9.0"]], NumericFrom: 1),
                new ChartBlock(ChartNamed("latency", 1, 2, 3)),
                new ChartBlock(ChartNamed("power", 5, double.NaN, 7)),
            ]),
            new ReportSection("Results", [new CodeBlock("name: x\n  a: <1>")]),
            new ReportSection("Contents", []),
        ]);

    [Fact]
    public void The_page_is_html5_with_utf8_and_inline_style_and_nothing_external()
    {
        string page = HtmlReport.Write(Sample());
        Assert.StartsWith("<!DOCTYPE html>\n", page);
        Assert.Contains("<meta charset=\"utf-8\">", page);
        Assert.Contains("<style>", page);
        Assert.DoesNotContain("http://", page);
        Assert.DoesNotContain("https://", page);
        Assert.DoesNotContain("<script", page);
        Assert.DoesNotContain("<link", page);
        Assert.DoesNotContain("url(", page);
        Assert.DoesNotContain("@import", page);
        Assert.DoesNotContain("\r", page);
    }

    [Fact]
    public void Writing_twice_gives_the_same_bytes()
    {
        Assert.Equal(HtmlReport.Write(Sample()), HtmlReport.Write(Sample()));
    }

    [Fact]
    public void There_is_one_chart_figure_per_chart_block_with_its_caption()
    {
        string page = HtmlReport.Write(Sample());
        Assert.Equal(2, ChartSamples.Count(page, "<svg class=\"chart\""));
        Assert.Equal(2, ChartSamples.Count(page, "<figure class=\"chart-figure\">"));
        Assert.Contains("data-chart-id=\"latency\" data-points=\"3\"", page);
        Assert.Contains("data-chart-id=\"power\" data-points=\"2\"", page);
        Assert.Contains("<figcaption>Chart latency</figcaption>", page);
    }

    [Fact]
    public void The_table_of_contents_links_every_section_and_anchor_ids_are_unique()
    {
        string page = HtmlReport.Write(Sample());
        var links = TocLink().Matches(page).Select(m => m.Groups[1].Value).ToArray();
        var sections = SectionId().Matches(page).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["overview", "results", "results-2", "contents-2"], sections);
        Assert.Equal(sections, links);
        var allIds = IdAttribute().Matches(page).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(allIds.Length, allIds.Distinct().Count());
        Assert.Equal(4, ChartSamples.Count(page, "<h2>"));
    }

    [Fact]
    public void Slugs_keep_ascii_letters_and_digits_and_collapse_the_rest()
    {
        Assert.Equal("p99-latency-s", AnchorIds.Slug("  P99 latency (µs)!"));
        Assert.Equal("section", AnchorIds.Slug("µ…"));
        var ids = new AnchorIds("contents");
        Assert.Equal(["a", "a-2", "a-3", "contents-2"], new[] { ids.Next("A"), ids.Next("a"), ids.Next("A!"), ids.Next("Contents") });
    }

    [Fact]
    public void Text_is_escaped_and_blocks_get_their_elements()
    {
        string page = HtmlReport.Write(Sample());
        Assert.Contains("<title>Sweep &lt;report&gt; &amp; co</title>", page);
        Assert.Contains("<h1>Sweep &lt;report&gt; &amp; co</h1>", page);
        Assert.Contains("<p class=\"subtitle\">seed 7, 60 ms simulated</p>", page);
        Assert.Contains("<p>Plain text with &lt;b&gt;markup&lt;/b&gt; &amp; &quot;quotes&quot;.</p>", page);
        Assert.Contains("<p class=\"warning\" role=\"note\">CI wider than asked</p>", page);
        Assert.Contains("<pre><code>name: x\n  a: &lt;1&gt;</code></pre>", page);
        Assert.DoesNotContain("<b>", page);
    }

    [Fact]
    public void Tables_have_caption_head_and_right_aligned_numeric_columns_and_short_rows_are_padded()
    {
        string page = HtmlReport.Write(Sample());
        Assert.Contains("<caption>Latency</caption>", page);
        Assert.Contains("<thead>\n<tr><th scope=\"col\">variant</th><th scope=\"col\" class=\"num\">p50 (µs)</th><th scope=\"col\" class=\"num\">p99 (µs)</th></tr>\n</thead>", page);
        Assert.Contains("<tr><td>icc</td><td class=\"num\">12.5</td><td class=\"num\">40.1</td></tr>", page);
        Assert.Contains("<tr><td>top</td><td class=\"num\">9.0</td><td class=\"num\"></td></tr>", page);
        Assert.Contains("td.num", ReportStyles.Css);
        Assert.Contains("nth-child(even)", ReportStyles.Css);
        Assert.Contains("@media print", ReportStyles.Css);
    }

    [Fact]
    public void A_report_without_sections_has_no_table_of_contents()
    {
        string page = HtmlReport.Write(new ReportDocument("Empty", null, []));
        Assert.DoesNotContain("<nav", page);
        Assert.DoesNotContain("subtitle\"", page);
        Assert.EndsWith("</html>\n", page);
    }

    [GeneratedRegex("<li><a href=\"#([^\"]+)\">")]
    private static partial Regex TocLink();

    [GeneratedRegex("<section id=\"([^\"]+)\">")]
    private static partial Regex SectionId();

    [GeneratedRegex(" id=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();
}
