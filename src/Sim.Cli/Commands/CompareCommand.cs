using System.CommandLine;
using System.Globalization;
using Sim.Cli.Output;
using Sim.Cli.Output.Layout;
using Sim.Scenarios.Comparing;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim compare &lt;results&gt;... [--metric PATTERN]... [--baseline K] [--points LIST]</c>: compares the results of
/// runs (<c>sim run</c>: one item each) and study points (<c>sim sweep</c>: one item per point) metric by metric
/// against a baseline item: means, half-widths, differences and whether the confidence intervals overlap.
/// </summary>
internal static class CompareCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var results = new Argument<string[]>("results")
        {
            Description = "results.json files, or directories holding one, of 'sim run' or 'sim sweep'.",
            Arity = ArgumentArity.OneOrMore,
        };
        var metrics = new Option<string[]>("--metric")
        {
            Description = "A metric key pattern (repeatable): '*' within a path segment, '**' across (default: the first study's selected metrics, else the standard ones).",
        };
        var baseline = new Option<int>("--baseline")
        {
            Description = "The index of the baseline item (0 = the first), in argument order and point order.",
            DefaultValueFactory = _ => 0,
        };
        var points = new Option<string?>("--points") { Description = "Only these points of each study, e.g. 0,3." };
        var format = new Option<string>("--format") { Description = "table (to fit the terminal), markdown, csv or json (the comparison table only).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(TableFormats.Names);
        var command = new Command("compare", "Compare results of runs and study points against a baseline, with confidence intervals.")
        {
            results, metrics, baseline, points, format,
        };
        command.SetAction(async (parse, cancel) =>
        {
            Comparison comparison;
            try
            {
                var chosen = ParsePoints(parse.GetValue(points));
                var loaded = parse.GetValue(results)!.Select(path => ComparisonSource.Load(path, chosen)).ToList();
                var selection = ComparisonMetrics.Choose(parse.GetValue(metrics) ?? [], loaded);
                comparison = Comparison.Build(loaded.SelectMany(l => l.Items).ToList(), selection, parse.GetValue(baseline));
            }
            catch (ComparisonInputException ex)
            {
                await error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }
            if (parse.GetValue(format) is "table") ComparisonTable.Write(output, comparison);
            else output.Write(TableFormats.Write(parse.GetValue(format)!, ComparisonTable.Build(comparison)));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The point indices of <c>--points</c> (<c>0,3</c>); null when not given.</summary>
    private static IReadOnlyCollection<int>? ParsePoints(string? text)
    {
        if (text is null) return null;
        var indices = new SortedSet<int>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                throw new ComparisonInputException($"--points: '{part}' is not a point index (expected a list like 0,3)");
            indices.Add(index);
        }
        if (indices.Count == 0) throw new ComparisonInputException("--points: no point index given (expected a list like 0,3)");
        return indices;
    }
}
