namespace Sim.Reports;

/// <summary>
/// How one series is stroked: its colour, and a dash pattern that tells apart series sharing a colour (the ninth
/// series on is dashed, the seventeenth dotted, …) or series drawn on top of each other (see <see cref="For(IReadOnlyList{ChartSeries})"/>).
/// </summary>
/// <param name="Colour">The stroke and band colour, "#RRGGBB".</param>
/// <param name="DashArray">The SVG <c>stroke-dasharray</c>; null for a solid line.</param>
/// <param name="DashOffset">The SVG <c>stroke-dashoffset</c>; null for none.</param>
/// <param name="Coincides">The other series drawn exactly where this one is (same points and bands); empty when none.</param>
internal sealed record SeriesStyle(string Colour, string? DashArray, string? DashOffset, IReadOnlyList<string> Coincides)
{
    /// <summary>Dash patterns by round of the palette: solid, dashed, dotted, dash-dot.</summary>
    private static readonly string?[] Dashes = [null, "7 4", "2 3", "8 3 2 3"];

    /// <summary>The length of one coloured dash when coinciding series take turns along their common line.</summary>
    public const double CoincidentDash = 6;

    /// <summary>
    /// The style of each of <paramref name="series"/>: colour <c>i mod 8</c> of the <see cref="Palette"/>, dash pattern
    /// by round (<c>i / 8</c>). Series with identical points (<see cref="Coincidence"/>) instead take turns along their
    /// common line: with k of them, each draws dashes of <see cref="CoincidentDash"/> every k dashes, shifted by its
    /// place in the group, so every colour shows.
    /// </summary>
    public static IReadOnlyList<SeriesStyle> For(IReadOnlyList<ChartSeries> series) => For(series, null);

    /// <summary>
    /// As <see cref="For(IReadOnlyList{ChartSeries})"/>, but series <c>i</c> takes the colour and dash pattern of slot
    /// <c>slots[i]</c> rather than of its index: a series keeps its look across the panels of a figure.
    /// </summary>
    public static IReadOnlyList<SeriesStyle> For(IReadOnlyList<ChartSeries> series, IReadOnlyList<int>? slots)
    {
        var groups = Coincidence.Groups(series);
        var styles = new SeriesStyle[series.Count];
        for (int i = 0; i < series.Count; i++) styles[i] = OfSlot(slots is null ? i : slots[i]);
        foreach (var group in groups)
        {
            int k = group.Count;
            var names = group.Select(i => series[i].Name ?? "").ToList();
            for (int j = 0; j < k; j++)
            {
                int i = group[j];
                styles[i] = styles[i] with
                {
                    DashArray = NumberFormat.Coord(CoincidentDash) + " " + NumberFormat.Coord(CoincidentDash * (k - 1)),
                    DashOffset = NumberFormat.Coord(-CoincidentDash * j),
                    Coincides = names.Where((_, n) => n != j).ToList(),
                };
            }
        }
        return styles;
    }

    /// <summary>The plain style of slot <paramref name="slot"/>: colour <c>slot mod 8</c>, dash pattern by round.</summary>
    public static SeriesStyle OfSlot(int slot) =>
        new(Palette.Colour(slot), Dashes[(slot / Palette.Count) % Dashes.Length], null, []);
}
