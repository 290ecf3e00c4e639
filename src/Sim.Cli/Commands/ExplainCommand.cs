using System.CommandLine;
using Sim.Cli.Output;
using Sim.Core.Time;
using Sim.Scenarios.Results;
using Sim.Scenarios.Running;
using Sim.Tracing.Explaining;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim explain &lt;scenario.yaml&gt; [--device PATH] [--requests N] [--until TIME] [--html FILE]</c>: tells the first
/// requests of one device step by step (descriptors, ring indices, kick and interrupt decisions with their numbers,
/// grant entries, what the platform did, what each event cost as the device's ledgers charged it), in the terminal, and
/// with <c>--html</c> as a self-contained step-through page.
/// </summary>
internal static class ExplainCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("scenario") { Description = "The scenario file (YAML)." };
        var device = new Option<string?>("--device") { Description = "The device to follow, e.g. kvm/blk0 (default: the first one)." };
        var requests = new Option<int>("--requests") { Description = "How many requests to follow.", DefaultValueFactory = _ => 1 };
        requests.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--requests must be at least 1"); });
        var until = new Option<string>("--until") { Description = "Simulated time to run at most (e.g. 500us).", DefaultValueFactory = _ => "2ms" };
        var html = new Option<FileInfo?>("--html") { Description = "Also write the step-through page (self-contained HTML) to this file." };
        var command = new Command("explain", "Tell one device's first requests step by step, in plain words, with the bytes.")
        {
            file, device, requests, until, html,
        };
        command.SetAction(parse =>
        {
            var model = ScenarioInput.TryLoad(parse.GetValue(file)!.ToString(), error);
            if (model is null) return ExitCodes.BadInput;
            string? pagePath = null;
            if (parse.GetValue(html) is { } page && (pagePath = OutputLocation.PrepareFile("--html", page.ToString(), error)) is null)
                return ExitCodes.BadInput;
            if (!SimTime.TryParse(parse.GetValue(until)!, out SimTime limit, out string problem) || limit <= SimTime.Zero)
            {
                error.WriteLine($"error: --until: {(limit <= SimTime.Zero && problem.Length == 0 ? "expected a time > 0" : problem)}");
                return ExitCodes.BadInput;
            }
            ExplainedRun run;
            try
            {
                run = ExplainRunner.Explain(model, parse.GetValue(device), parse.GetValue(requests), limit);
            }
            catch (ArgumentException ex)
            {
                error.WriteLine($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }
            Write(output, run);
            if (pagePath is not null)
            {
                try
                {
                    AtomicFile.WriteAllText(pagePath, ExplainPage.Write(run));
                }
                catch (Exception ex) when (OutputLocation.IsWriteFailure(ex))
                {
                    OutputLocation.ReportWriteFailure("--html", pagePath, ex, error);
                    return ExitCodes.BadInput;
                }
                output.WriteLine($"step-through page: {pagePath}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The narration: one line per step, time in µs, actor, kind, words; under a priced step, what its event cost (busy
    /// plus delay time, exactly as the device's ledgers charged it) and the charges it is made of.
    /// </summary>
    public static void Write(TextWriter output, ExplainedRun run)
    {
        output.WriteLine($"{run.Scenario} seed {run.Seed}: {run.Device}, {run.Steps.Count} steps");
        string? lastActor = null;
        foreach (var step in run.Steps)
        {
            string actor = step.Actor == lastActor ? "" : step.Actor;
            lastActor = step.Actor;
            output.WriteLine($"{RingWords.Micros(step.Time),12} us  {actor,-30} {step.Kind,-10} {step.Text}");
            if (step.Cost is { } cost) output.WriteLine($"{"",16}{"",-30} {"",-10} cost {new SimTime(cost)}, from {step.Source}");
        }
        if (run.Steps.Count > 0)
        {
            var last = run.Steps[^1];
            output.WriteLine("totals: " + string.Join(", ", last.Counters.Where(c => c.Value != 0).Select(c => $"{c.Key} {c.Value}")));
        }
    }
}
