namespace Sim.Reports;

/// <summary>
/// A report as plain data: a title and sections of blocks (text, code, warnings, tables, charts). <see cref="HtmlReport"/>
/// turns it into one self-contained HTML page; nothing in it refers to a simulation type.
/// </summary>
/// <param name="Title">The page title and top heading.</param>
/// <param name="Subtitle">A line under the title (e.g. what was run and when in simulated terms); null for none.</param>
/// <param name="Sections">The sections, in page order.</param>
public sealed record ReportDocument(string Title, string? Subtitle, IReadOnlyList<ReportSection> Sections);

/// <summary>A titled section of a report.</summary>
/// <param name="Title">The section heading.</param>
/// <param name="Blocks">Its blocks, in page order.</param>
public sealed record ReportSection(string Title, IReadOnlyList<ReportBlock> Blocks);

/// <summary>One block of a report section.</summary>
public abstract record ReportBlock;

/// <summary>A paragraph of plain text (escaped; no markup).</summary>
/// <param name="Text">The text.</param>
public sealed record TextBlock(string Text) : ReportBlock;

/// <summary>Preformatted text, e.g. the scenario file.</summary>
/// <param name="Text">The text, shown as is.</param>
public sealed record CodeBlock(string Text) : ReportBlock;

/// <summary>A warning the reader should not miss (e.g. a confidence interval wider than asked).</summary>
/// <param name="Text">The warning.</param>
public sealed record WarningBlock(string Text) : ReportBlock;

/// <summary>A table of text cells; columns from <paramref name="NumericFrom"/> on are right-aligned.</summary>
/// <param name="Caption">A caption; null for none.</param>
/// <param name="Columns">The column headings.</param>
/// <param name="Rows">The rows, each with one cell per column.</param>
/// <param name="NumericFrom">The index of the first right-aligned (numeric) column.</param>
public sealed record TableBlock(string? Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, int NumericFrom = 1) : ReportBlock;

/// <summary>A chart, drawn as inline SVG.</summary>
/// <param name="Chart">The chart.</param>
public sealed record ChartBlock(Chart Chart) : ReportBlock;

/// <summary>A figure of small multiples (panels sharing their axes), drawn as one inline SVG across the page's full width.</summary>
/// <param name="Figure">The figure.</param>
public sealed record SmallMultiplesBlock(SmallMultiples Figure) : ReportBlock;
