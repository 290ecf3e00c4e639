namespace Sim.Reports;

/// <summary>
/// A figure of small multiples: a grid of compact panels that all share one x axis and one y axis (the same ranges,
/// the same ticks), so that panels compare at a glance, with one legend for the whole figure (a series name has the
/// same colour in every panel). The axes belong to the figure, not to a panel, so panels cannot disagree about them.
/// Only the first <see cref="MaxPanels"/> panels are drawn; <see cref="OmittedText"/> says how many are left out.
/// Drawn by <see cref="SvgSmallMultiples"/>.
/// </summary>
/// <param name="Id">A stable id, unique in its report (letters, digits, '-'); it becomes the SVG's <c>data-chart-id</c>.</param>
/// <param name="Title">The figure's title.</param>
/// <param name="X">The horizontal axis of every panel.</param>
/// <param name="Y">The vertical axis of every panel.</param>
/// <param name="Panels">The panels, in reading order (left to right, then down).</param>
/// <param name="Columns">How many panels a row holds (e.g. one column per study point); null for as many as fit at
/// about <see cref="SvgSmallMultiples.PanelWidth"/> pixels each.</param>
/// <param name="OmittedNote">Where the omitted panels' data can be found (e.g. "series.csv holds every series"), added to
/// <see cref="OmittedText"/>; null for nothing.</param>
public sealed record SmallMultiples(string Id, string Title, Axis X, Axis Y, IReadOnlyList<ChartPanel> Panels, int? Columns = null, string? OmittedNote = null)
{
    /// <summary>At most this many panels are drawn; a larger figure would be too long to compare at a glance.</summary>
    public const int MaxPanels = 48;

    /// <summary>The panels drawn: the first <see cref="MaxPanels"/>.</summary>
    public IReadOnlyList<ChartPanel> Shown => (Panels ?? []).Take(MaxPanels).ToList();

    /// <summary>How many panels are not drawn.</summary>
    public int Omitted => Math.Max(0, (Panels?.Count ?? 0) - MaxPanels);

    /// <summary>"The first 48 of 60 panels are drawn; 12 are omitted (…)." when panels are left out, else null.</summary>
    public string? OmittedText => Omitted == 0
        ? null
        : $"The first {MaxPanels} of {Panels.Count} panels are drawn; {Omitted} are omitted" +
          (OmittedNote is { Length: > 0 } note ? $" ({note})." : ".");
}

/// <summary>One panel of a <see cref="SmallMultiples"/> figure: a title naming what it shows, and its series.</summary>
/// <param name="Title">The panel's title (the world or study point it shows).</param>
/// <param name="Series">Its series, drawn on the figure's axes; a series name means the same series in every panel.</param>
public sealed record ChartPanel(string Title, IReadOnlyList<ChartSeries> Series);
