using System.Globalization;

namespace Sim.Devices.Tests.Golden;

/// <summary>
/// What every header golden test shares: compile and run a C program that prints <c>family.key=decimal</c> lines from
/// a Linux UAPI header, then compare both ways with the simulator's counterparts: every printed line must have an
/// equal counterpart, and every counterpart must be printed unless the installed header may be too old for it.
/// </summary>
internal static class GoldenLines
{
    /// <summary>The lines <paramref name="source"/> prints, with their line numbers; throws on a bad line or a failed run.</summary>
    public static IReadOnlyList<(int Number, string Key, ulong Value)> Load(string source)
    {
        using var program = GoldenCProgram.Compile(source);
        var run = program.Run();
        if (run.ExitCode != 0) throw new Xunit.Sdk.XunitException($"{source} exited with {run.ExitCode}:\n{run.Stderr}");
        var lines = new List<(int, string, ulong)>();
        int number = 0;
        foreach (string text in run.Stdout.Split('\n'))
        {
            number++;
            if (text.Length == 0) continue;
            int equals = text.IndexOf('=');
            if (equals <= 0 || !ulong.TryParse(text.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
                throw new Xunit.Sdk.XunitException($"{source} line {number} is not 'family.key=decimal': '{text}'");
            lines.Add((number, text[..equals], value));
        }
        return lines;
    }

    /// <summary>Asserts that every printed line has a counterpart of the same value, and that at least <paramref name="atLeast"/> lines came out.</summary>
    public static void AssertEveryLineMatches(IReadOnlyList<(int Number, string Key, ulong Value)> lines, IReadOnlyDictionary<string, ulong> counterparts, int atLeast)
    {
        var failures = lines
            .Where(l => !counterparts.TryGetValue(l.Key, out ulong ours) || ours != l.Value)
            .Select(l => counterparts.TryGetValue(l.Key, out ulong ours)
                ? $"line {l.Number}: {l.Key}: Linux {l.Value}, simulator {ours}"
                : $"line {l.Number}: {l.Key}={l.Value} has no simulator counterpart")
            .ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(lines.Count >= atLeast, $"only {lines.Count} golden lines: the C program's output looks truncated");
    }

    /// <summary>Asserts that every counterpart was printed, except those in <paramref name="newerThanSomeHeaders"/>.</summary>
    public static void AssertEveryCounterpartPrinted(
        IReadOnlyList<(int Number, string Key, ulong Value)> lines, IReadOnlyDictionary<string, ulong> counterparts, IReadOnlySet<string> newerThanSomeHeaders, string source)
    {
        var printed = lines.Select(l => l.Key).ToHashSet();
        var missing = counterparts.Keys.Where(k => !printed.Contains(k) && !newerThanSomeHeaders.Contains(k)).ToList();
        Assert.True(missing.Count == 0, $"not printed by {source}: " + string.Join(", ", missing));
    }
}
