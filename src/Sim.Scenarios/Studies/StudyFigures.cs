using Sim.Reports;

namespace Sim.Scenarios.Studies;

/// <summary>How a study's report writes its figures: a value with its SI-prefixed unit, or a plain number when it has none.</summary>
public static class StudyFigures
{
    /// <summary><paramref name="value"/> in <paramref name="unit"/> (<see cref="Quantity.Format"/> for SI-style units, else a plain number then the unit), or <see cref="StudySummary.Format"/> without a unit.</summary>
    public static string Value(double value, string? unit) =>
        unit is null ? StudySummary.Format(value)
        : Quantity.TakesPrefix(unit) ? Quantity.Format(value, unit)
        : $"{StudySummary.Format(value)} {unit}";

    /// <summary>"mean ± half-width" with units; the mean alone without an interval.</summary>
    public static string Interval(SampleSummary summary, string? unit) => double.IsNaN(summary.HalfWidth)
        ? Value(summary.Mean, unit)
        : summary.HalfWidth == 0 ? $"{Value(summary.Mean, unit)} ± 0"
        : $"{Value(summary.Mean, unit)} ± {Value(summary.HalfWidth, unit)}";

    /// <summary>
    /// <paramref name="heading"/> with a zero-width space after each '/', '.', '=' and ',' so that a long metric key or
    /// point label can wrap in a narrow table heading at its natural breaks (and nowhere else).
    /// </summary>
    public static string Breakable(string heading)
    {
        var sb = new System.Text.StringBuilder(heading.Length + 8);
        foreach (char c in heading)
        {
            sb.Append(c);
            if (c is '/' or '.' or '=' or ',' or '-') sb.Append('\u200B');
        }
        return sb.ToString();
    }
}
