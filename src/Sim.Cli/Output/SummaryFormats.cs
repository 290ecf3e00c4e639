using Sim.Cli.Output.Layout;
using Sim.Worlds.Results;

namespace Sim.Cli.Output;

/// <summary>A run's summary table for other tools (<c>sim run --format markdown|csv|json</c>): the same table as the console's, its cells with their units.</summary>
internal static class SummaryFormats
{
    /// <summary>The summary of <paramref name="results"/> in <paramref name="format"/> (markdown, csv or json).</summary>
    public static string Write(string format, RunResults results, IReadOnlyList<string>? order = null)
    {
        return TableFormats.Write(format, SummaryTable.Build(results, order).Table);
    }
}
