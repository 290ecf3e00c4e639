using Sim.Scenarios.Model;
using System.CommandLine;
using Sim.Cli.Output;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Profiles;
using Sim.Studies.Validation;
using Sim.Worlds.Results;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim fidelity [--dir validation] [--only NAME]... [--fast] [--json] [--html FILE] [--jobs N]</c>: runs the
/// validation suite (published measurements reproduced as scenarios, docs/fidelity.md) and prints, per published
/// figure, the experiment, its role, the published and simulated values, the error and whether it passes, then the
/// sources and the verdict. Exit 0 when the suite holds, 1 when a figure fails or the median error is too large, 2 for
/// a malformed experiment or an unknown name.
/// </summary>
internal static class FidelityCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var dir = new Option<DirectoryInfo>("--dir") { Description = "The directory of experiments (default: validation/).", DefaultValueFactory = _ => new DirectoryInfo("validation") };
        var only = new Option<string[]>("--only") { Description = "Run only these experiments (by name; repeatable).", AllowMultipleArgumentsPerToken = true };
        var fast = new Option<bool>("--fast") { Description = "Run only the fast subset CI runs." };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON instead of the table." };
        var html = new Option<FileInfo?>("--html") { Description = "Also write the report as a self-contained HTML page to this file." };
        var jobs = new Option<int>("--jobs") { Description = "Experiments run at once (default: one per core).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("fidelity", "Run the validation suite: published measurements against the model.") { dir, only, fast, json, html, jobs };
        command.SetAction((parse, cancel) =>
        {
            var directory = parse.GetValue(dir)!;
            if (!directory.Exists)
            {
                error.WriteLine($"error: no directory '{directory.FullName}'; expected the validation suite (validation/ at the repository root) or --dir");
                return Task.FromResult(ExitCodes.BadInput);
            }
            IReadOnlyList<Experiment> suite;
            try
            {
                suite = FidelityRunner.Load(FidelityRunner.Files(directory.FullName));
            }
            catch (ScenarioException ex)
            {
                error.WriteLine($"error: {ex.Message}");
                return Task.FromResult(ExitCodes.BadInput);
            }
            string? pagePath = null;
            if (parse.GetValue(html) is { } page && (pagePath = OutputLocation.PrepareFile("--html", page.ToString(), error)) is null)
                return Task.FromResult(ExitCodes.BadInput);
            var problems = FidelityRunner.Check(suite, CostProfileQuery.BuiltInFits());
            foreach (string problem in problems) error.WriteLine($"error: {problem}");
            if (problems.Count > 0) return Task.FromResult(ExitCodes.BadInput);

            var chosen = suite.ToList();
            if (parse.GetValue(only) is { Length: > 0 } names)
            {
                var unknown = names.Where(n => suite.All(e => e.Name != n)).ToList();
                if (unknown.Count > 0)
                {
                    error.WriteLine($"error: no experiment {string.Join(", ", unknown.Select(n => $"'{n}'"))}; the suite has: {string.Join(", ", suite.Select(e => e.Name))}");
                    return Task.FromResult(ExitCodes.BadInput);
                }
                chosen = chosen.Where(e => names.Contains(e.Name)).ToList();
            }
            if (parse.GetValue(fast)) chosen = chosen.Where(e => e.Fast).ToList();

            var report = FidelityRunner.Run(chosen, parse.GetValue(jobs), cancel);
            if (parse.GetValue(json)) output.Write(FidelityDocuments.Json(report, chosen));
            else FidelityTable.Write(output, report, chosen);
            if (pagePath is not null)
            {
                try
                {
                    AtomicFile.WriteAllText(pagePath, FidelityDocuments.Html(report, chosen));
                }
                catch (Exception ex) when (OutputLocation.IsWriteFailure(ex))
                {
                    OutputLocation.ReportWriteFailure("--html", pagePath, ex, error);
                    return Task.FromResult(ExitCodes.BadInput);
                }
                if (!parse.GetValue(json)) output.WriteLine($"report: {pagePath}");
            }
            return Task.FromResult(report.Holds ? ExitCodes.Ok : ExitCodes.Findings);
        });
        return command;
    }
}
