using System.CommandLine;
using System.Globalization;
using Sim.Cli.Output;
using Sim.Cli.Output.Layout;
using Sim.Studies.Comparing;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim compare &lt;results[#items]&gt;... [--within variants|guests|devices] [--metric PATTERN]... [--baseline K] [--points LIST]</c>:
/// compares, metric by metric against a baseline item (means, half-widths, differences and whether the confidence
/// intervals overlap), any mix of: runs (<c>sim run</c>'s results.json: one item each), a sweep's run records
/// (<c>runs/p0001-r002.json</c>: one item each), study points (<c>sim sweep</c>'s results.json: one item per point),
/// and the guests, variants or devices inside one run (<c>RESULTS#kvm,xen</c>, or every one with <c>--within</c>;
/// a single run given alone is compared within, by variants).
/// </summary>
internal static class CompareCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var results = new Argument<string[]>("results")
        {
            Description = "results.json files, or directories holding one, of 'sim run' or 'sim sweep', or a sweep's run records (DIR/runs/p0001-r002.json); " +
                          "RESULTS#ITEM,ITEM chooses inside one: a run's guests, variants or devices by path (out/quickstart#kvm-vhost-user,xen-grants), a study's points by index (out/study#0,3). " +
                          "One run alone is compared within (--within variants).",
            Arity = ArgumentArity.OneOrMore,
        };
        var metrics = new Option<string[]>("--metric", "--metrics")
        {
            Description = "A metric key pattern (repeatable, or comma-separated): '*' within a path segment, '**' across (default: the first study's selected metrics, else the standard ones); " +
                          "inside a run the keys are relative to each item (blk0/driver/latency.mean).",
        };
        var within = new Option<string?>("--within")
        {
            Description = "Compare inside each run (and run record) given without #ITEM: its variants (the first path segment: each guest, or each interconnect variant), " +
                          "its guests (each device's parent) or its devices, against the first.",
        };
        within.HelpName = string.Join("|", WithinLevels.Names);
        var baseline = new Option<int>("--baseline")
        {
            Description = "The index of the baseline item (0 = the first), in argument order and point order.",
            DefaultValueFactory = _ => 0,
        };
        var points = new Option<string?>("--points") { Description = "Only these points of each study, e.g. 0,3." };
        var format = new Option<string>("--format") { Description = "table (to fit the terminal), markdown, csv or json (the comparison table only).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(TableFormats.Names);
        var command = new Command("compare", "Compare runs, run records, study points, or the guests, variants or devices inside a run, against a baseline, with confidence intervals.")
        {
            results, within, metrics, baseline, points, format,
        };
        command.SetAction(async (parse, cancel) =>
        {
            Comparison comparison;
            try
            {
                var chosen = ParsePoints(parse.GetValue(points));
                var arguments = parse.GetValue(results)!.Select(ComparisonArgument.Parse).ToList();
                // One run alone has nothing to be compared with but its own parts.
                var level = parse.GetValue(within) is { } name ? WithinLevels.Parse(name) : arguments.Count == 1 ? WithinLevel.Variants : (WithinLevel?)null;
                var loaded = arguments.Select(argument => ComparisonSource.Load(argument, chosen, level)).ToList();
                var patterns = MetricsOption.Patterns(parse.GetValue(metrics));
                var selection = ComparisonMetrics.Choose(patterns, loaded);
                comparison = Comparison.Build(ComparedItems.Distinct(loaded, arguments), selection, parse.GetValue(baseline));
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
