using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Studies;
using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>
/// Shows a study's progress: on an interactive terminal a Spectre.Console bar (runs done of all, runs per second, time
/// left); otherwise plain lines on the error stream, one per tenth of the study and at most one per five seconds
/// otherwise, so logs of a long sweep show it moving without flooding.
/// </summary>
internal static class SweepProgressDisplay
{
    public static T Run<T>(TextWriter output, TextWriter error, string name, Func<Action<StudyProgress>, T> body)
    {
        bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!interactive) return body(Plain(error, name));

        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
            .Start(context =>
            {
                var task = context.AddTask($"{name}: starting", maxValue: 1.0);
                result = body(progress =>
                {
                    task.Value = progress.Total == 0 ? 1 : (double)progress.Done / progress.Total;
                    task.Description = $"{name}: {Describe(progress)}";
                });
                task.Value = 1.0;
            });
        return result;
    }

    /// <summary>Runs done, pace and time left, e.g. <c>40/200 runs, 12.5 runs/s, 13s left</c>.</summary>
    public static string Describe(StudyProgress progress)
    {
        string pace = progress.DoneThisSession > 0 ? $", {progress.RunsPerSecond:F1} runs/s" : "";
        string left = progress.Remaining is { } remaining ? $", {Math.Ceiling(remaining.TotalSeconds):F0}s left" : "";
        return $"{progress.Done}/{progress.Total} runs{pace}{left}";
    }

    private static Action<StudyProgress> Plain(TextWriter error, string name)
    {
        int lastTenth = -1;
        TimeSpan lastLine = TimeSpan.MinValue;
        return progress =>
        {
            int tenth = progress.Total == 0 ? 10 : progress.Done * 10 / progress.Total;
            if (tenth == lastTenth && progress.Elapsed - lastLine < TimeSpan.FromSeconds(5)) return;
            lastTenth = tenth;
            lastLine = progress.Elapsed;
            error.WriteLine($"{name}: {Describe(progress)}");
        };
    }
}
