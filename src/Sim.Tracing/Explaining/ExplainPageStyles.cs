namespace Sim.Tracing.Explaining;

/// <summary>
/// The explain page's inline style sheet: system fonts, a sticky controls bar, the timeline's lanes and marks (the
/// current one ringed), narration and counters side by side, monospaced memory tables, a bounce window's slot map
/// (<c>.window-grid</c>), and the <c>changed</c> highlight for what the current step wrote.
/// </summary>
internal static class ExplainPageStyles
{
    /// <summary>The CSS, one rule a line, ending in a newline.</summary>
    public const string Css = """
        :root { color-scheme: light; --text: #1f2328; --muted: #59636e; --line: #d1d9e0; --zebra: #f6f8fa; --accent: #0969da; --changed: #fff3a0; --changed-edge: #bf8700; }
        * { box-sizing: border-box; }
        body { margin: 0; padding: 0 20px 48px; background: #ffffff; color: var(--text); font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 15px; line-height: 1.45; }
        h1 { font-size: 1.6rem; margin: 16px 0 0.2rem; }
        h2 { font-size: 1.2rem; margin: 1.2rem 0 0.5rem; padding-bottom: 0.2rem; border-bottom: 1px solid var(--line); }
        h3 { font-size: 1rem; margin: 0.9rem 0 0.3rem; }
        p.subtitle, p.note, p.keys { color: var(--muted); margin: 0 0 0.5rem; }
        #controls { position: sticky; top: 0; z-index: 2; background: #ffffffee; border-bottom: 1px solid var(--line); padding: 8px 0; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
        #controls p.keys { flex-basis: 100%; font-size: 0.85rem; margin: 0; }
        button { font: inherit; padding: 3px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--zebra); cursor: pointer; }
        button:disabled { opacity: 0.45; cursor: default; }
        #jump { width: 8em; font: inherit; padding: 2px 4px; }
        #step-label { font-weight: 600; margin-left: 8px; font-variant-numeric: tabular-nums; }
        kbd { font-family: ui-monospace, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.8rem; border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; background: var(--zebra); }
        #timeline svg { display: block; width: 100%; height: auto; }
        #timeline .lane-line { stroke: var(--line); stroke-width: 1; }
        #timeline .lane-label { font-size: 12px; fill: var(--muted); }
        #timeline .axis-label { font-size: 11px; fill: var(--muted); }
        #timeline .gap-label { font-size: 11px; font-style: italic; fill: var(--muted); }
        #intro { max-width: 80ch; }
        #step-link { font-size: 0.9em; }
        #timeline .mark { fill: var(--accent); stroke: #ffffff; stroke-width: 1; cursor: pointer; }
        #timeline .mark.k-kick, #timeline .mark.k-interrupt { fill: #cf222e; }
        #timeline .mark.k-exit, #timeline .mark.k-message { fill: #8250df; }
        #timeline .mark.k-used, #timeline .mark.k-reclaim { fill: #1a7f37; }
        #timeline .mark.k-grant, #timeline .mark.k-iotlb, #timeline .mark.k-copy { fill: #bc4c00; }
        #timeline .mark.current { stroke: #1f2328; stroke-width: 3; }
        #timeline .mark.future { opacity: 0.45; }
        #timeline .arrow { stroke: #8c959f; stroke-width: 1; fill: #8c959f; }
        #timeline .arrow.current { stroke: #cf222e; fill: #cf222e; stroke-width: 2; }
        #timeline .cursor { stroke: #1f2328; stroke-width: 1; stroke-dasharray: 3 3; }
        .columns { display: flex; flex-wrap: wrap; gap: 24px; }
        #narration { flex: 3 1 520px; }
        #counters-panel { flex: 1 1 220px; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 0.5rem; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; font-variant-numeric: tabular-nums; }
        #n-text { font-size: 1.05rem; background: var(--zebra); border-left: 4px solid var(--accent); padding: 8px 12px; margin: 0.4rem 0; white-space: pre-wrap; }
        #history { color: var(--muted); margin: 0; padding-left: 1.4rem; font-size: 0.9rem; }
        table { border-collapse: collapse; font-size: 0.85rem; margin: 0 0 0.6rem; }
        th, td { border: 1px solid var(--line); padding: 2px 8px; text-align: left; vertical-align: top; }
        thead th { background: #eef1f4; }
        td { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-variant-numeric: tabular-nums; }
        td.num { text-align: right; }
        .changed { background: var(--changed); outline: 1px solid var(--changed-edge); }
        tr.changed > th { background: var(--changed); }
        #regions { display: flex; flex-wrap: wrap; gap: 12px 28px; align-items: flex-start; }
        .region { min-width: 260px; }
        .region h3 { margin-top: 0.6rem; font-family: ui-monospace, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9rem; }
        .region .meta, .region .hidden-rows { color: var(--muted); font-size: 0.8rem; margin: 0 0 0.3rem; }
        pre.hex { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.8rem; background: var(--zebra); border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; margin: 0 0 0.6rem; overflow-x: auto; }
        .empty { color: var(--muted); font-style: italic; }
        .region h4.mappings-head { font-size: 0.9rem; margin: 0.6rem 0 0.2rem; }
        table.mappings caption { caption-side: top; text-align: left; color: var(--muted); font-size: 0.8rem; padding: 0 0 2px; max-width: 52em; }
        .window-summary { font-weight: 600; margin: 0 0 0.3rem; font-variant-numeric: tabular-nums; }
        .window-grid { display: grid; grid-template-columns: repeat(16, minmax(2.6em, max-content)); gap: 2px; margin: 0 0 0.5rem; max-width: 64em; }
        .window-grid .slot { font-family: ui-monospace, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.7rem; padding: 1px 3px; border-radius: 3px; text-align: right; background: #dbe9f9; border: 1px solid #9cc3ef; font-variant-numeric: tabular-nums; }
        .window-grid .slot.changed { background: var(--changed); border-color: var(--changed-edge); }
        .window-grid .slot.open { outline: 2px solid var(--accent); }
        .region h4.slot-head { font-size: 0.85rem; margin: 0.4rem 0 0.2rem; }
        @media print {
          #controls { position: static; }
          .changed { outline: none; }
        }

        """;
}
