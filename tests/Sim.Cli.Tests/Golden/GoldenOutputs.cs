using Sim.Cli.Commands;
using Sim.Core.Time;
using Sim.Scenarios.Model;
using Sim.Worlds.Results;
using Sim.Worlds.Running;
using Sim.Tracing.Explaining;

namespace Sim.Cli.Tests.Golden;

/// <summary>
/// Produces the artefacts the golden test freezes, in-process, exactly as the commands produce them:
/// <list type="bullet">
/// <item><c>run</c>: the <c>results.json</c> text of <c>sim run</c> on every shipped scenario (the values as written,
/// loaded as the command loads them), shortened to at most <see cref="Duration"/> of simulated time with the warm-up at
/// most half of that;</item>
/// <item><c>run-series</c>: the <c>series.csv</c> text of the same run, when its models recorded time series;</item>
/// <item><c>run-point0</c>: the same for run (point 0, replication 0) of a scenario's sweep, as
/// <c>sim run --point 0 --replication 0</c> (with its derived seed), for every scenario that declares a study;</item>
/// <item><c>explain-text</c>: the narration <c>sim explain</c> prints for a teaching scenario with its defaults
/// (first device, <c>--requests 1</c>, <c>--until 2ms</c>), at <see cref="ExplainWidth"/> columns, lines ended by
/// <c>\n</c>;</item>
/// <item><c>explain-page</c>: the step-through page <c>sim explain --html</c> writes for the same run.</item>
/// </list>
/// </summary>
internal static class GoldenOutputs
{
    /// <summary>
    /// The longest simulated time a shortened run covers: 20 ms, long enough that every shipped scenario's events happen
    /// at least once (transport/reset-mid-run resets its devices at 5 ms and the KVM guest's reset waits for its vCPU
    /// until 5.14 ms; a 5 ms cap would freeze a run without its reset), short enough that the test takes about 10 s.
    /// </summary>
    public static readonly SimTime Duration = SimTime.FromMilliseconds(20);

    /// <summary>The width the explain narration is rendered at (wide layout: time, actor and kind on the step's line).</summary>
    public const int ExplainWidth = 100;

    /// <summary>Every shipped scenario (<c>scenarios/**/*.yaml</c>), relative to the repository, in ordinal order.</summary>
    public static IReadOnlyList<string> Scenarios() => Files("scenarios", SearchOption.AllDirectories);

    /// <summary>The teaching scenarios (<c>scenarios/teaching/*.yaml</c>), relative to the repository, in ordinal order.</summary>
    public static IReadOnlyList<string> TeachingScenarios() => Files("scenarios/teaching", SearchOption.TopDirectoryOnly);

    /// <summary>Every artefact: the runs of every shipped scenario, then the explain outputs of every teaching scenario.</summary>
    public static IEnumerable<GoldenArtefact> All()
    {
        foreach (string scenario in Scenarios())
            foreach (var artefact in Runs(scenario)) yield return artefact;
        foreach (string scenario in TeachingScenarios())
            foreach (var artefact in Explains(scenario)) yield return artefact;
    }

    /// <summary>The <c>run</c> artefact of <paramref name="scenario"/>, and its <c>run-point0</c> one when it declares a study.</summary>
    public static IEnumerable<GoldenArtefact> Runs(string scenario)
    {
        var results = Run(Load(scenario));
        yield return new GoldenArtefact("run", scenario, ResultsJson.Write(results));
        if (results.Series is { Count: > 0 } series) yield return new GoldenArtefact("run-series", scenario, TimeSeriesCsv.Write(series));
        var error = new StringWriter();
        var study = ScenarioInput.TryLoadStudy(Full(scenario), error) ?? throw new InvalidOperationException(error.ToString());
        if (study.Declaration.Parameters.Count > 0 || study.Declaration.Replications > 1)
        {
            var point = ScenarioInput.TryLoadRun(Full(scenario), 0, 0, error) ?? throw new InvalidOperationException(error.ToString());
            yield return new GoldenArtefact("run-point0", scenario, ResultsJson.Write(Run(point)));
        }
    }

    /// <summary>The <c>explain-text</c> and <c>explain-page</c> artefacts of <paramref name="scenario"/>, from one explained run.</summary>
    public static IEnumerable<GoldenArtefact> Explains(string scenario)
    {
        var run = ExplainRunner.Explain(Load(scenario), null, 1, SimTime.FromMilliseconds(2));
        var text = new StringWriter { NewLine = "\n" };
        ExplainCommand.Write(text, run, ExplainWidth);
        yield return new GoldenArtefact("explain-text", scenario, text.ToString());
        yield return new GoldenArtefact("explain-page", scenario, ExplainPage.Write(run));
    }

    /// <summary>A shortened run of <paramref name="model"/> (its results.json and series.csv are what is frozen).</summary>
    private static RunResults Run(ScenarioModel model)
    {
        var duration = SimTime.Min(model.Duration, Duration);
        var warmup = SimTime.Min(model.Warmup, SimTime.FromPicoseconds(duration.Picoseconds / 2));
        return ScenarioRunner.Run(model with { Duration = duration, Warmup = warmup });
    }

    /// <summary>The scenario as <c>sim run</c> and <c>sim explain</c> load it (the values as written).</summary>
    private static ScenarioModel Load(string scenario)
    {
        var error = new StringWriter();
        return ScenarioInput.TryLoad(Full(scenario), error) ?? throw new InvalidOperationException(error.ToString());
    }

    private static string Full(string scenario) => System.IO.Path.Combine(CliHarness.RepositoryRoot(), scenario);

    private static IReadOnlyList<string> Files(string folder, SearchOption option)
    {
        string root = CliHarness.RepositoryRoot();
        return [.. Directory.GetFiles(System.IO.Path.Combine(root, folder), "*.yaml", option)
            .Select(f => System.IO.Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
    }
}
