using System.Diagnostics;
using Sim.Core.Running;
using Sim.Core.Time;
using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>
/// Shows a run's progress (simulated time reached, events per second) as a Spectre.Console progress bar on an
/// interactive terminal; prints nothing otherwise, so piped output stays clean. Updates at most ten times a second.
/// </summary>
internal static class RunProgressDisplay
{
    public static T Run<T>(TextWriter output, SimTime end, Func<Action<RunProgress>, T> body)
    {
        bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!interactive) return body(_ => { });

        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask($"simulating to {end}", maxValue: 1.0);
                var clock = Stopwatch.StartNew();
                long lastUpdate = 0;
                result = body(progress =>
                {
                    long elapsed = clock.ElapsedMilliseconds;
                    if (elapsed - lastUpdate < 100 && progress.Fraction < 1) return;
                    lastUpdate = elapsed;
                    task.Value = progress.Fraction;
                    double rate = progress.Events / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
                    task.Description = $"t={progress.Now} of {end}, {rate / 1e6:F1}M events/s";
                });
                task.Value = 1.0;
            });
        return result;
    }
}
