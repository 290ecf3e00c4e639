using System.Text;

namespace Sim.Reports;

/// <summary>
/// Writes a <see cref="TableBlock"/>: a scrollable wrapper, <c>&lt;table&gt;</c> with its <c>&lt;caption&gt;</c>,
/// a <c>&lt;thead&gt;</c> of column headings and a <c>&lt;tbody&gt;</c>; cells from column
/// <see cref="TableBlock.NumericFrom"/> on get class "num" (right-aligned). A short row is padded with empty cells;
/// a long row keeps its extra cells.
/// </summary>
internal static class HtmlTable
{
    /// <summary>Appends <paramref name="table"/>.</summary>
    public static void Append(StringBuilder sb, TableBlock table)
    {
        var columns = table.Columns ?? [];
        sb.Append("<div class=\"table-wrap\">\n<table>\n");
        if (table.Caption is not null) sb.Append("<caption>").AppendEscaped(table.Caption).Append("</caption>\n");
        sb.Append("<thead>\n<tr>");
        for (int c = 0; c < columns.Count; c++) Cell(sb, "th", c, table.NumericFrom, columns[c], header: true);
        sb.Append("</tr>\n</thead>\n<tbody>\n");
        foreach (var row in table.Rows ?? [])
        {
            var cells = row ?? [];
            sb.Append("<tr>");
            int count = Math.Max(cells.Count, columns.Count);
            for (int c = 0; c < count; c++) Cell(sb, "td", c, table.NumericFrom, c < cells.Count ? cells[c] : "", header: false);
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n</div>\n");
    }

    private static void Cell(StringBuilder sb, string tag, int column, int numericFrom, string? text, bool header)
    {
        sb.Append('<').Append(tag);
        if (header) sb.Append(" scope=\"col\"");
        if (column >= numericFrom) sb.Append(" class=\"num\"");
        sb.Append('>').AppendEscaped(text).Append("</").Append(tag).Append('>');
    }
}
