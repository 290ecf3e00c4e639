using Spectre.Console;

namespace Sim.Cli.Output.Layout;

/// <summary>
/// Prints a <see cref="TextTable"/> to fit <c>width</c> columns without ever breaking a cell or a header: as laid out
/// (items as rows) when it fits; else turned, with the items as columns and the headers as row labels, split into as
/// many tables as it takes; else, when not even one item fits beside the labels, as a list of "header: value" lines
/// under each item (a long value, prose, wrapped at words under its label; an empty one left out). A table read across
/// its items (a comparison: figures as rows, items side by side) asks for items as columns first. In a table every
/// column is as wide as its widest text; nothing is wrapped or cut.
/// </summary>
internal static class FittedTable
{
    /// <summary>How the table was laid out (for tests and for the caption).</summary>
    public enum Layout
    {
        /// <summary>Items as rows.</summary>
        Rows,
        /// <summary>Items as columns, in one or more tables.</summary>
        Turned,
        /// <summary>One line per figure.</summary>
        List,
    }

    /// <summary>
    /// Writes <paramref name="table"/> to <paramref name="console"/> within <paramref name="width"/> columns with
    /// <paramref name="border"/>; with <paramref name="itemsAsColumns"/> turned whenever the items fit beside the
    /// headers (as many tables as it takes), as laid out never.
    /// </summary>
    public static Layout Write(IAnsiConsole console, TextTable table, int width, TableBorder border, bool itemsAsColumns = false)
    {
        table.Checked();
        if (table.Title is { } title) WrappedText.Write(console, title, width);
        var layout = Choose(table, width, itemsAsColumns);
        switch (layout)
        {
            case Layout.Rows:
                Print(console, border, table.ItemHeader, table.Headers, table.Rows.Select(r => (r.Item, r.Cells)));
                break;
            case Layout.Turned:
                foreach (var chunk in Chunks(table, width))
                {
                    var rows = table.Headers.Select((header, i) => (header, (IReadOnlyList<string>)chunk.Select(r => r.Cells[i]).ToList()));
                    Print(console, border, "", chunk.Select(r => r.Item).ToList(), rows);
                }
                break;
            default:
                foreach (var row in table.Rows)
                {
                    console.WriteLine(row.Item, Style.Plain);
                    for (int i = 0; i < table.Headers.Count; i++)
                    {
                        if (row.Cells[i].Length == 0) continue;
                        string label = $"  {table.Headers[i]}: ";
                        var lines = WrappedText.Lines(row.Cells[i], Math.Max(20, width - label.Length));
                        for (int l = 0; l < lines.Count; l++)
                            console.WriteLine((l == 0 ? label : new string(' ', label.Length)) + lines[l], Style.Plain);
                    }
                }
                break;
        }
        if (table.Caption is { } caption) WrappedText.Write(console, caption, width);
        return layout;
    }

    /// <summary>The layout <see cref="Write"/> picks for <paramref name="table"/> at <paramref name="width"/>.</summary>
    public static Layout Choose(TextTable table, int width, bool itemsAsColumns = false)
    {
        var widths = new List<int> { Widest(table.ItemHeader, table.Rows.Select(r => r.Item)) };
        for (int i = 0; i < table.Headers.Count; i++) widths.Add(Widest(table.Headers[i], table.Rows.Select(r => r.Cells[i])));
        if (!itemsAsColumns && Total(widths) <= width) return Layout.Rows;
        int labels = Widest("", table.Headers);
        return table.Rows.All(r => Total([labels, ItemWidth(r)]) <= width) ? Layout.Turned : Layout.List;
    }

    /// <summary>The width of a bordered table whose columns are <paramref name="widths"/> wide: one space of padding each side and a border between.</summary>
    public static int Total(IReadOnlyCollection<int> widths) => widths.Sum() + 3 * widths.Count + 1;

    private static int ItemWidth(TextRow row) => Widest(row.Item, row.Cells);

    private static int Widest(string header, IEnumerable<string> cells) => cells.Select(c => c.Length).Append(header.Length).Max();

    /// <summary>The items split greedily into groups whose turned tables fit <paramref name="width"/>.</summary>
    private static IEnumerable<List<TextRow>> Chunks(TextTable table, int width)
    {
        int labels = Widest("", table.Headers);
        var chunk = new List<TextRow>();
        var widths = new List<int> { labels };
        foreach (var row in table.Rows)
        {
            widths.Add(ItemWidth(row));
            if (chunk.Count > 0 && Total(widths) > width)
            {
                yield return chunk;
                chunk = [];
                widths = [labels, ItemWidth(row)];
            }
            chunk.Add(row);
        }
        if (chunk.Count > 0) yield return chunk;
    }

    private static void Print(IAnsiConsole console, TableBorder border, string firstHeader, IReadOnlyList<string> headers,
        IEnumerable<(string Label, IReadOnlyList<string> Cells)> rows)
    {
        var grid = new Table().Border(border);
        grid.AddColumn(new TableColumn(Markup.Escape(firstHeader)).LeftAligned().NoWrap());
        foreach (string header in headers) grid.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned().NoWrap());
        foreach (var (label, cells) in rows)
            grid.AddRow(cells.Select(Markup.Escape).Prepend(Markup.Escape(label)).ToArray());
        console.Write(grid);
    }
}
