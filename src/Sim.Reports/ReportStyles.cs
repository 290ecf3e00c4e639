namespace Sim.Reports;

/// <summary>
/// The page's inline style sheet: system fonts, a centred column at most 960 pixels wide, zebra-striped tables with
/// right-aligned numeric cells, visible warnings, responsive charts, and print rules (no shading behind text, no page
/// break inside a figure or table row).
/// </summary>
internal static class ReportStyles
{
    /// <summary>The CSS, one rule a line, ending in a newline.</summary>
    public const string Css = """
        :root { color-scheme: light; --text: #1f2328; --muted: #59636e; --line: #d1d9e0; --zebra: #f6f8fa; --accent: #0969da; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #ffffff; color: var(--text); font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 16px; line-height: 1.5; }
        main.report { max-width: 960px; margin: 0 auto; padding: 24px 20px 48px; }
        h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 0.25rem; }
        p.subtitle { color: var(--muted); margin: 0 0 1.5rem; }
        h2 { font-size: 1.35rem; margin: 2.25rem 0 0.75rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--line); }
        a { color: var(--accent); }
        nav.toc { border: 1px solid var(--line); border-radius: 6px; padding: 0.75rem 1.25rem; margin: 0 0 1.5rem; background: var(--zebra); }
        nav.toc p.toc-title { font-weight: 600; margin: 0 0 0.25rem; }
        nav.toc ol { margin: 0; padding-left: 1.5rem; }
        pre { background: var(--zebra); border: 1px solid var(--line); border-radius: 6px; padding: 0.75rem 1rem; overflow-x: auto; font-size: 0.85rem; line-height: 1.45; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
        p.warning { background: #fff8c5; border: 1px solid #d4a72c; border-left: 6px solid #bf8700; border-radius: 6px; padding: 0.6rem 0.9rem; }
        p.warning::before { content: "\26A0  Warning: "; font-weight: 600; }
        .table-wrap { overflow-x: auto; margin: 1rem 0; }
        table { border-collapse: collapse; font-size: 0.9rem; min-width: 50%; }
        caption { caption-side: top; text-align: left; font-weight: 600; padding: 0 0 0.4rem; }
        th, td { border: 1px solid var(--line); padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
        thead th { background: #eef1f4; }
        tbody tr:nth-child(even) { background: var(--zebra); }
        th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.num { white-space: nowrap; }
        figure.chart-figure { margin: 1.25rem 0; }
        figure.chart-figure figcaption { color: var(--muted); font-size: 0.9rem; margin-top: 0.25rem; }
        svg.chart { display: block; width: 100%; height: auto; margin: 0 auto; }
        figure.chart-figure figcaption { text-align: center; }
        figure.multiples { --wide: max(100%, min(1320px, 100vw - 64px)); width: var(--wide); margin-left: calc((100% - var(--wide)) / 2); }
        figure.scale-choice > label { margin: 0 1rem 0 0.25rem; font-size: 0.9rem; }
        figure.scale-choice > span.scale-why { color: var(--muted); font-size: 0.85rem; }
        figure.scale-choice input.scale-log:checked ~ div.view-linear, figure.scale-choice input.scale-linear:checked ~ div.view-log { display: none; }
        @media print {
          body { font-size: 11pt; }
          main.report { max-width: none; padding: 0; }
          nav.toc, pre, tbody tr:nth-child(even), thead th { background: none; }
          a { color: inherit; text-decoration: none; }
          figure.multiples { width: auto; margin-left: 0; }
          figure.chart-figure, tr, pre, p.warning { break-inside: avoid; }
          h2 { break-after: avoid; }
        }

        """;
}
