using Sim.Worlds.Results;

namespace Sim.Cli.Output;

/// <summary>
/// The lines after a run's or a sweep's table that say how its findings stand against the scenario's
/// <c>expect.findings</c>, and so why the exit code is what it is (0: none, or only declared ones; 1: an undeclared one).
/// Nothing is printed for a scenario that declares nothing and reported nothing.
/// </summary>
internal static class FindingsVerdictText
{
    /// <summary>Writes the lines for <paramref name="verdict"/>, wrapped to the output's width.</summary>
    public static void Write(TextWriter output, FindingsVerdict verdict)
    {
        var console = OutputConsole.For(output);
        void Line(string text) => WrappedText.Write(console, text, console.Profile.Width);
        if (verdict.ExpectedSeen.Count > 0)
            Line($"expected findings (declared in expect.findings): {Counts(verdict.ExpectedSeen)}");
        foreach (string rule in verdict.ExpectedMissing)
            Line($"note: declared finding '{rule}' did not occur (expect.findings lists it; that is not an error)");
        if (verdict.Unexpected.Count > 0)
        {
            // The YAML to paste stays on one line (glued), so it can be copied as it is.
            string yaml = $"expect: {{ findings: [{string.Join(", ", verdict.Unexpected.Select(u => u.Key))}] }}".Replace(' ', WrappedText.Glue);
            Line($"unexpected findings: {Counts(verdict.Unexpected)}; exit 1 (a scenario that exists to show them declares them: {yaml})");
        }
    }

    private static string Counts(IEnumerable<KeyValuePair<string, int>> rules) => string.Join(", ", rules.Select(r => $"{r.Key} x{r.Value}"));
}
