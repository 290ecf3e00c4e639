using Sim.Reports;

using Sim.Scenarios.Model;

namespace Sim.Studies;

/// <summary>How a study's report writes its figures: a value with its SI-prefixed unit, or a plain number when it has none.</summary>
public static class StudyFigures
{
    /// <summary><paramref name="value"/> in <paramref name="unit"/> (null: a plain number), as every table writes it (<see cref="MetricText"/>).</summary>
    public static string Value(double value, string? unit) => MetricText.Value(value, unit ?? "");

    /// <summary>"mean ± half-width" with the unit (<see cref="MetricText.Interval"/>); the mean alone without an interval.</summary>
    public static string Interval(SampleSummary summary, string? unit) => MetricText.Interval(summary.Mean, summary.HalfWidth, unit ?? "");

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
