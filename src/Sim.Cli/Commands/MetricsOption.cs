using System.CommandLine;

namespace Sim.Cli.Commands;

/// <summary>
/// The <c>--metrics PATTERN</c> option of <c>sim run</c> and <c>sim sweep</c> (<c>--metric</c> too, as <c>sim
/// compare</c> spells it): metric key patterns as in a study's <c>metrics:</c> (<c>*</c> within a path segment,
/// <c>**</c> across), repeatable or comma-separated; they choose what the printed table shows.
/// </summary>
internal static class MetricsOption
{
    /// <summary>The option, described as choosing the metrics <paramref name="what"/>.</summary>
    public static Option<string[]> Create(string what) => new("--metrics", "--metric")
    {
        Description = $"Metric key patterns (repeatable, or comma-separated; '*' within a path segment, '**' across, e.g. '**/driver/latency.*') choosing the metrics {what}.",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The patterns given, each comma-separated list split; empty when none.</summary>
    public static IReadOnlyList<string> Patterns(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
}
