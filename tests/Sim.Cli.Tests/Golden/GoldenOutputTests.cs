using System.Diagnostics;
using Xunit.Abstractions;

namespace Sim.Cli.Tests.Golden;

/// <summary>
/// Freezes the model's output: every shipped scenario's <c>results.json</c> (and run 0 of every study), and every
/// teaching scenario's <c>sim explain</c> narration and page, are hashed (<see cref="GoldenOutputs"/>) and compared with
/// the checked-in <c>Golden/golden-hashes.txt</c>. It is the safety net of a refactor that must not change a figure.
/// <para>
/// Regenerate with <c>VIRTIOSIM_WRITE_GOLDEN=1 dotnet test -c Release --no-build tests/Sim.Cli.Tests --filter
/// FullyQualifiedName~GoldenOutputTests</c>: the test then rewrites the file in the repository instead of comparing. Update it only
/// together with a note of why, in the commit message and the closing note. To see what changed, set
/// <c>VIRTIOSIM_GOLDEN_DUMP=DIR</c> (<see cref="GoldenDump"/>) before and after the change and diff the two folders.
/// </para>
/// <para>
/// No artefact holds a wall-clock time or anything of the machine: results.json has none by design
/// (<see cref="Sim.Worlds.Results.ResultsJson"/>), and the explain outputs only the run's simulated times. Culture
/// cannot enter: every project builds with invariant globalization. A run's events are delivered on one thread (the
/// explain run's trace recorder writes its full buffers in the background, one at a time and in order), so the thread
/// count does not matter either (checked with DOTNET_PROCESSOR_COUNT=1); the hashes are the same in Debug (as
/// <c>.ci/run</c> builds) and Release.
/// </para>
/// </summary>
public sealed class GoldenOutputTests(ITestOutputHelper log)
{
    [Fact]
    public void Every_output_matches_its_checked_in_hash()
    {
        var clock = Stopwatch.StartNew();
        var artefacts = GoldenOutputs.All().ToList();
        log.WriteLine($"{artefacts.Count} artefacts in {clock.Elapsed.TotalSeconds:F1} s");
        if (GoldenDump.WriteIfAsked(artefacts) is { } dump) log.WriteLine($"texts written under {dump}");
        if (GoldenTable.Regenerating)
        {
            log.WriteLine($"wrote {GoldenTable.Write(artefacts)}");
            return;
        }

        var expected = GoldenTable.Read();
        var problems = new List<string>();
        foreach (var artefact in artefacts)
        {
            if (!expected.TryGetValue(artefact.Key, out string? hash))
                problems.Add($"missing   {artefact.Key}: no checked-in hash (a new shipped scenario? its hash now is {artefact.Sha256})");
            else if (hash != artefact.Sha256)
                problems.Add($"differs   {artefact.Key}: checked in {hash}, now {artefact.Sha256}");
        }
        var produced = artefacts.Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(expected.Keys.Where(k => !produced.Contains(k)).Select(k => $"gone      {k} (no longer produced: a scenario removed or renamed?)"));
        Assert.True(problems.Count == 0,
            $"{problems.Count} of {artefacts.Count} golden artefacts do not match {GoldenTable.FileName}:\n  " + string.Join("\n  ", problems) +
            $"\nIf the change is intended, regenerate with {GoldenTable.WriteVariable}=1 dotnet test -c Release --no-build tests/Sim.Cli.Tests " +
            "--filter FullyQualifiedName~GoldenOutputTests, and say why the figures changed in the commit message and the issue's closing note.");
    }

    [Fact]
    public void The_same_scenario_run_twice_gives_the_same_bytes()
    {
        // A hash that changed between two runs in one process is non-determinism, not a change of the model.
        var first = GoldenOutputs.Runs("scenarios/quickstart.yaml").Concat(GoldenOutputs.Explains("scenarios/teaching/one-request-xen.yaml")).ToList();
        var second = GoldenOutputs.Runs("scenarios/quickstart.yaml").Concat(GoldenOutputs.Explains("scenarios/teaching/one-request-xen.yaml")).ToList();
        Assert.Equal(first.Count, second.Count);
        for (int i = 0; i < first.Count; i++)
            Assert.True(first[i].Text == second[i].Text, $"non-deterministic output: {first[i].Key} differs between two runs in one process");
    }
}
