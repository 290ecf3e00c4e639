using Sim.Cli.Output.Layout;
using Spectre.Console;

namespace Sim.Cli.Tests.Output;

/// <summary>
/// The width checker of the table tests: a <see cref="TextTable"/> rendered by <see cref="FittedTable"/> at a width
/// fits it without breaking a figure or a header: no table line is wider than the width, and every cell, item and
/// header appears whole on one line.
/// </summary>
internal static class TableWidth
{
    /// <summary>Asserts that <paramref name="table"/> fits <paramref name="width"/>; <paramref name="what"/> names it in failures. Returns the text.</summary>
    public static string AssertFits(TextTable table, int width, string what, bool itemsAsColumns = false)
    {
        string text = Render(table, width, itemsAsColumns);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        foreach (string line in lines.Where(l => l.StartsWith('│') || l.StartsWith('╭') || l.StartsWith('├') || l.StartsWith('╰')))
            Assert.True(line.Length <= width, $"{what} at {width}: a table line of {line.Length} columns:\n{text}");
        foreach (string piece in table.Headers.Concat(table.Rows.SelectMany(r => r.Cells.Prepend(r.Item))).Where(p => p.Length > 0))
            Assert.True(lines.Any(l => l.Contains(piece, StringComparison.Ordinal)), $"{what} at {width}: '{piece}' is not whole on any line:\n{text}");
        return text;
    }

    /// <summary>What <see cref="FittedTable.Write"/> prints for <paramref name="table"/> at <paramref name="width"/>, without colour.</summary>
    public static string Render(TextTable table, int width, bool itemsAsColumns = false)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        console.Profile.Width = width;
        FittedTable.Write(console, table, width, TableBorder.Rounded, itemsAsColumns);
        return writer.ToString();
    }
}
