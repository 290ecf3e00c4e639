using System.CommandLine;
using Sim.Cli.Output;
using Sim.Cli.Output.Layout;
using Sim.Worlds.Results;
using Spectre.Console;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim metrics &lt;scenario.yaml&gt; [--match TEXT] [--format table|markdown|csv|json]</c>: the metrics the scenario
/// produces, without running it (<see cref="MetricCatalog"/>): each path with its kind, unit and what it measures, for
/// choosing study metrics, <c>--metric</c> patterns of <c>compare</c>, and columns of results.csv.
/// </summary>
internal static class MetricsCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("scenario") { Description = "The scenario file (YAML)." };
        var match = new Option<string?>("--match") { Description = "Only the metrics whose path contains this text." };
        var format = new Option<string>("--format") { Description = "table (to fit the terminal), markdown, csv or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(TableFormats.Names);
        var command = new Command("metrics", "List the metrics a scenario produces, with kind, unit and meaning, without running it.") { file, match, format };
        command.SetAction(parse =>
        {
            var model = ScenarioInput.TryLoad(parse.GetValue(file)!.ToString(), error);
            if (model is null) return ExitCodes.BadInput;
            string? filter = parse.GetValue(match);
            var entries = MetricCatalog.Of(model).Where(e => filter is null || e.Path.Contains(filter, StringComparison.Ordinal)).ToList();
            var table = new TextTable("metric", ["kind", "unit", "meaning"],
                entries.Select(e => new TextRow(e.Path, [e.Kind, e.Unit, e.Description])).ToList(),
                Caption: $"{entries.Count} metric(s); results.json holds each one's summary values (count, mean, p99, ...)");
            if (parse.GetValue(format) is "table")
            {
                var console = OutputConsole.For(output);
                FittedTable.Write(console, table, console.Profile.Width, TableBorder.Rounded);
            }
            else output.Write(TableFormats.Write(parse.GetValue(format)!, table));
            return ExitCodes.Ok;
        });
        return command;
    }
}
