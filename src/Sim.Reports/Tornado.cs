namespace Sim.Reports;

/// <summary>
/// A tornado chart: how one figure moves when each input is set to the low and to the high end of its range, the
/// others held at their values; one horizontal bar per input, from the baseline to the figure at the low end and to
/// the figure at the high end, the most influential first (one-at-a-time sensitivity analysis).
/// </summary>
/// <param name="Id">A stable id, unique in its report (letters, digits, '-'); the SVG's <c>data-chart-id</c>.</param>
/// <param name="Title">The figure, as its metric key.</param>
/// <param name="Unit">The figure's unit in SI base form ("s", "J"), or null for a plain number.</param>
/// <param name="Baseline">The figure with every input at its value.</param>
/// <param name="Bars">One per input, in drawing order (top first).</param>
public sealed record Tornado(string Id, string Title, string? Unit, double Baseline, IReadOnlyList<TornadoBar> Bars);

/// <summary>One input's bar: the figure with the input at the low and at the high end of its range.</summary>
/// <param name="Label">The input's name.</param>
/// <param name="AtLow">The figure with the input at its low end.</param>
/// <param name="AtHigh">The figure with the input at its high end.</param>
public sealed record TornadoBar(string Label, double AtLow, double AtHigh);

/// <summary>A tornado chart in a report section.</summary>
/// <param name="Chart">The chart.</param>
public sealed record TornadoBlock(Tornado Chart) : ReportBlock;
