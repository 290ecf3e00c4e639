namespace Sim.Reports;

/// <summary>One legend entry placed: its series index, where its swatch starts, and its name in lines.</summary>
/// <param name="Series">The series' index.</param>
/// <param name="X">The left of the swatch.</param>
/// <param name="Y">The baseline of the first line of the name.</param>
/// <param name="Lines">The name, wrapped; never cut.</param>
internal sealed record LegendEntry(int Series, double X, double Y, IReadOnlyList<string> Lines);

/// <summary>A note under the legend (which series coincide), placed: its baseline and lines.</summary>
/// <param name="X">The left of the text.</param>
/// <param name="Y">The baseline of the first line.</param>
/// <param name="Lines">The note, wrapped.</param>
internal sealed record LegendNote(double X, double Y, IReadOnlyList<string> Lines);

/// <summary>
/// Where the legend's entries and notes go. Right of the plot, one entry a row, when every name fits
/// <see cref="RightWidth"/> unbroken and all rows fit the plot's height; otherwise below it in columns as wide as the
/// widest name allows (a name wider than the whole row is wrapped onto several lines). Notes follow the entries,
/// wrapped to the legend's width. Nothing is ever cut.
/// </summary>
/// <param name="OnRight">Whether the legend is right of the plot.</param>
/// <param name="Entries">The entries, in series order.</param>
/// <param name="Notes">The notes, in order.</param>
/// <param name="Height">The height the legend takes below the plot (0 on the right).</param>
internal sealed record LegendLayout(bool OnRight, IReadOnlyList<LegendEntry> Entries, IReadOnlyList<LegendNote> Notes, double Height)
{
    /// <summary>The legend's font size.</summary>
    public const double FontSize = 12;

    /// <summary>Height of one legend row (one line of a name).</summary>
    public const double RowHeight = 18;

    /// <summary>Height of a wrapped line within an entry or a note.</summary>
    public const double LineHeight = 15;

    /// <summary>Width of the swatch and the gap after it.</summary>
    public const double SwatchWidth = 26;

    /// <summary>Width kept for a legend right of the plot.</summary>
    public const double RightWidth = 150;

    private const double ColumnGap = 16;

    /// <summary>Whether <paramref name="names"/> fit right of a plot <paramref name="plotHeight"/> tall.</summary>
    public static bool FitsRight(IReadOnlyList<string> names, IReadOnlyList<string> notes, double plotHeight) =>
        notes.Count == 0
        && names.All(n => SwatchWidth + TextMetrics.Width(n, FontSize) <= RightWidth)
        && names.Count * RowHeight <= plotHeight;

    /// <summary>The width of a column below the plot that holds the widest of <paramref name="names"/> unbroken.</summary>
    public static double ColumnWidth(IReadOnlyList<string> names) => names.Max(n => SwatchWidth + TextMetrics.Width(n, FontSize)) + ColumnGap;

    /// <summary>The legend right of the plot, its first row's baseline at <paramref name="top"/>.</summary>
    public static LegendLayout Right(IReadOnlyList<string> names, double left, double top)
    {
        var entries = names.Select((n, i) => new LegendEntry(i, left, top + i * RowHeight, [n])).ToList();
        return new LegendLayout(true, entries, [], 0);
    }

    /// <summary>The legend below the plot, from <paramref name="left"/> to <paramref name="right"/>, its first baseline at <paramref name="top"/>.</summary>
    public static LegendLayout Below(IReadOnlyList<string> names, IReadOnlyList<string> notes, double left, double right, double top)
    {
        double usable = Math.Max(40, right - left);
        double widest = names.Count == 0 ? usable : ColumnWidth(names);
        int columns = Math.Clamp((int)(usable / widest), 1, Math.Max(1, names.Count));
        double columnWidth = usable / columns;
        int nameChars = TextMetrics.CharsIn(columnWidth - SwatchWidth - ColumnGap / 2, FontSize);
        var entries = new List<LegendEntry>();
        double y = top;
        for (int start = 0; start < names.Count; start += columns)
        {
            int rowLines = 1;
            for (int c = 0; c < columns && start + c < names.Count; c++)
            {
                var lines = TextMetrics.Wrap(names[start + c], nameChars);
                entries.Add(new LegendEntry(start + c, left + c * columnWidth, y, lines));
                rowLines = Math.Max(rowLines, lines.Count);
            }
            y += RowHeight + (rowLines - 1) * LineHeight;
        }
        var placed = new List<LegendNote>();
        int noteChars = TextMetrics.CharsIn(usable, FontSize);
        foreach (string note in notes)
        {
            var lines = TextMetrics.Wrap(note, noteChars);
            placed.Add(new LegendNote(left, y, lines));
            y += RowHeight + (lines.Count - 1) * LineHeight;
        }
        return new LegendLayout(false, entries, placed, y - top);
    }
}
