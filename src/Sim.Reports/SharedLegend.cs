namespace Sim.Reports;

/// <summary>
/// The one legend of a small-multiples figure: every series name in the order it first appears over the panels, each
/// with a slot (its colour and dash pattern, the same in every panel); and the panels' notes on coinciding series, each
/// said once with the number of panels it applies to.
/// </summary>
internal sealed class SharedLegend
{
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly List<ChartSeries> _entries = [];

    /// <summary>The legend of <paramref name="panels"/>.</summary>
    public SharedLegend(IReadOnlyList<ChartPanel> panels)
    {
        foreach (var series in panels.SelectMany(p => p.Series ?? []))
        {
            string name = series.Name ?? "";
            if (_slots.TryAdd(name, _entries.Count)) _entries.Add(series);
        }
        Styles = _entries.Select((_, i) => SeriesStyle.OfSlot(i)).ToList();
    }

    /// <summary>One series per legend entry (the first of that name), for its name and shape.</summary>
    public IReadOnlyList<ChartSeries> Entries => _entries;

    /// <summary>The legend entries' names.</summary>
    public IReadOnlyList<string> Names => _entries.Select(s => s.Name ?? "").ToList();

    /// <summary>The style of each legend entry.</summary>
    public IReadOnlyList<SeriesStyle> Styles { get; }

    /// <summary>The styles of a panel's <paramref name="series"/>: each name in its slot, coinciding series taking turns.</summary>
    public IReadOnlyList<SeriesStyle> StylesOf(IReadOnlyList<ChartSeries> series) =>
        SeriesStyle.For(series, series.Select(s => _slots[s.Name ?? ""]).ToList());

    /// <summary>
    /// The notes of every panel (see <see cref="SvgLegend.Notes"/>), each said once with the panel it is true of, or
    /// with how many panels when several.
    /// </summary>
    public static IReadOnlyList<string> Notes(IEnumerable<(string Panel, IReadOnlyList<string> Notes)> perPanel) => perPanel
        .SelectMany(p => p.Notes.Distinct(StringComparer.Ordinal).Select(note => (p.Panel, Note: note)))
        .GroupBy(p => p.Note, StringComparer.Ordinal)
        .Select(g => g.Count() == 1 ? $"{g.Key} (in {g.First().Panel})" : $"{g.Key} (in {g.Count()} panels)")
        .ToList();
}
