using System.CommandLine;
using Sim.Cli.Output;
using Sim.Core.Time;
using Sim.Worlds.Results;
using Sim.Worlds.Running;
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
    /// The narration, fitted to <paramref name="width"/> columns (the terminal's, or <c>COLUMNS</c>, or 160 when piped):
    /// per step its time in µs, actor, kind and words, the words wrapped under their column; under a priced step, what
    /// its event cost (busy plus delay time, exactly as the device's ledgers charged it) and the charges it is made of.
    /// Below 100 columns the time, actor and kind take a line of their own and the words wrap under it.
    /// </summary>
    public static void Write(TextWriter output, ExplainedRun run, int? width = null)
    {
        int columns = width ?? OutputConsole.For(output).Profile.Width;
        output.WriteLine($"{run.Scenario} seed {run.Seed}: {run.Device}, {run.Steps.Count} steps");
        string? lastActor = null;
        bool wide = columns >= 100;
        int indent = wide ? 17 + 31 + 11 : 4;   // "{time,12} us  {actor,-30} {kind,-10} "
        foreach (var step in run.Steps)
        {
            string actor = step.Actor == lastActor ? "" : step.Actor;
            lastActor = step.Actor;
            string head = $"{RingWords.Micros(step.Time),12} us  {actor,-30} {step.Kind,-10} ";
            if (!wide) output.WriteLine(head.TrimEnd());
            WriteWrapped(output, step.Text, wide ? head : new string(' ', indent), indent, columns);
            if (step.Cost is { } cost) WriteWrapped(output, $"cost {new SimTime(cost)}, from {step.Source}", new string(' ', indent), indent, columns);
        }
        if (run.Steps.Count > 0)
        {
            var last = run.Steps[^1];
            WriteWrapped(output, string.Join(", ", last.Counters.Where(c => c.Value != 0).Select(c => $"{c.Key}{WrappedText.Glue}{c.Value}")), "totals: ", 8, columns);
        }
    }

    /// <summary>Writes <paramref name="text"/> after <paramref name="first"/>, wrapped at words to <paramref name="width"/> with continuation lines indented by <paramref name="indent"/>.</summary>
    private static void WriteWrapped(TextWriter output, string text, string first, int indent, int width)
    {
        var lines = WrappedText.Lines(text, Math.Max(20, width - indent));
        for (int i = 0; i < lines.Count; i++) output.WriteLine((i == 0 ? first : new string(' ', indent)) + lines[i]);
    }
}
