using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;

namespace Sim.Cli.Output.Layout;

/// <summary>
/// A <see cref="TextTable"/> for other tools: a Markdown pipe table (for notes and issues), CSV (RFC 4180, through
/// CsvHelper; one row per item, the item header first) or JSON (an array of objects, one per item, keyed by header). The
/// cells are the same texts the console shows, units included.
/// </summary>
internal static class TableFormats
{
    /// <summary>The names of the formats <see cref="Write"/> takes, after the console's own <c>table</c>.</summary>
    public static readonly string[] Names = ["table", "markdown", "csv", "json"];

    /// <summary><paramref name="table"/> in <paramref name="format"/>: markdown, csv or json.</summary>
    public static string Write(string format, TextTable table) => format switch
    {
        "markdown" => Markdown(table),
        "csv" => Csv(table),
        "json" => Json(table),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "expected markdown, csv or json"),
    };

    /// <summary>A Markdown pipe table; '|' in a cell is escaped.</summary>
    public static string Markdown(TextTable table)
    {
        static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
        var text = new StringBuilder();
        if (table.Title is { } title) text.Append(title).Append("\n\n");
        text.Append("| ").Append(Cell(table.ItemHeader)).Append(" | ").AppendJoin(" | ", table.Headers.Select(Cell)).Append(" |\n");
        text.Append("|---|").AppendJoin("", table.Headers.Select(_ => "---:|")).Append('\n');
        foreach (var row in table.Rows)
            text.Append("| ").Append(Cell(row.Item)).Append(" | ").AppendJoin(" | ", row.Cells.Select(Cell)).Append(" |\n");
        if (table.Caption is { } caption) text.Append('\n').Append(caption).Append('\n');
        return text.ToString();
    }

    /// <summary>CSV: a header line, then one line per item.</summary>
    public static string Csv(TextTable table)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { NewLine = "\n" }, true))
        {
            csv.WriteHeader(table.Headers.Prepend(table.ItemHeader).ToArray());
            foreach (var row in table.Rows) csv.WriteRecord(row.Cells.Prepend(row.Item).ToArray());
        }
        return text.ToString();
    }

    /// <summary>JSON: an array of objects, the item under the item header and each cell under its header.</summary>
    public static string Json(TextTable table)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var row in table.Rows)
            {
                json.WriteStartObject();
                json.WriteString(table.ItemHeader, row.Item);
                for (int i = 0; i < table.Headers.Count; i++) json.WriteString(table.Headers[i], row.Cells[i]);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
