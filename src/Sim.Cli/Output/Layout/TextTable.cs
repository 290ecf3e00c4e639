namespace Sim.Cli.Output.Layout;

/// <summary>
/// A summary table as data, before it is laid out: one row per item (a device, a variant), one column per figure, every
/// cell a short text already formatted with its unit (<see cref="Sim.Reports.Quantity"/>). <see cref="FittedTable"/> prints it to fit
/// a terminal without ever breaking a cell; <see cref="TableFormats"/> writes it as Markdown, CSV or JSON.
/// </summary>
/// <param name="ItemHeader">What the items are (the first column's header: "device", "variant").</param>
/// <param name="Headers">The figures' headers, each naming its quantity (and its unit when the cells do not carry it).</param>
/// <param name="Rows">One row per item, in the scenario's order.</param>
/// <param name="Title">A line printed above the table, or null.</param>
/// <param name="Caption">A note printed below the table, or null.</param>
internal sealed record TextTable(string ItemHeader, IReadOnlyList<string> Headers, IReadOnlyList<TextRow> Rows, string? Title = null, string? Caption = null)
{
    /// <summary>Checks the shape: every row has a cell per header, and no two headers (or items) are the same.</summary>
    public TextTable Checked()
    {
        foreach (var row in Rows)
            if (row.Cells.Count != Headers.Count)
                throw new ArgumentException($"row '{row.Item}' has {row.Cells.Count} cells for {Headers.Count} headers");
        if (Headers.Distinct(StringComparer.Ordinal).Count() != Headers.Count)
            throw new ArgumentException($"two columns have one header: {string.Join(", ", Headers)}");
        return this;
    }

    /// <summary>
    /// The same figures the other way round: the headers become the items (headed <paramref name="itemHeader"/>) and
    /// the items the headers; title and caption kept.
    /// </summary>
    public TextTable Transposed(string itemHeader) => new(itemHeader, Rows.Select(r => r.Item).ToList(),
        Headers.Select((header, i) => new TextRow(header, Rows.Select(r => r.Cells[i]).ToList())).ToList(), Title, Caption);
}

/// <summary>One item's row of a <see cref="TextTable"/>.</summary>
/// <param name="Item">The item's name (a device's path, a variant).</param>
/// <param name="Cells">Its figures, in the order of the table's headers.</param>
internal sealed record TextRow(string Item, IReadOnlyList<string> Cells);
