using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Studies.Validation;
using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>
/// The console form of a fidelity report: one row per published figure (experiment, role, figure, published,
/// simulated, error, passes), the experiments' sources, and the verdict.
/// </summary>
internal static class FidelityTable
{
    public static void Write(TextWriter output, FidelityReport report, IReadOnlyList<Experiment> suite)
    {
        var console = OutputConsole.For(output);
        var table = new Table().Border(TableBorder.Rounded).Title("published figures against the model");
        foreach (string column in new[] { "experiment", "role", "figure", "published", "simulated", "error", "ok" })
            table.AddColumn(new TableColumn(column).RightAligned());
        table.Columns[0].LeftAligned();
        table.Columns[1].LeftAligned();
        table.Columns[2].LeftAligned();
        string last = "";
        foreach (var row in report.Rows)
        {
            string experiment = row.Experiment == last ? "" : row.Experiment;
            last = row.Experiment;
            table.AddRow(Markup.Escape(experiment), FidelityDocuments.RoleName(row.Role), Markup.Escape(row.Figure),
                Markup.Escape($"{FidelityDocuments.Number(row.Published)} {row.Unit}"), Markup.Escape($"{FidelityDocuments.Number(row.Simulated)} {row.Unit}"),
                Markup.Escape($"{FidelityDocuments.Percent(row.Error)} (±{FidelityDocuments.Magnitude(row.Tolerance)})"),
                row.Passes ? "yes" : "[red]NO[/]");
        }
        console.Write(table);
        foreach (var row in report.Rows.Where(r => r.Problem is not null))
            console.MarkupLine($"[red]problem[/] {Markup.Escape(row.Experiment)}: {Markup.Escape(row.Figure)}: {Markup.Escape(row.Problem!)}");
        console.WriteLine("sources:");
        foreach (var experiment in suite.Where(e => report.Experiments.Contains(e.Name)))
            console.WriteLine($"  {experiment.Name}: {experiment.Source.Short}; {experiment.Source.Table}");
        console.WriteLine(FidelityDocuments.Verdict(report));
    }
}
