using Sim.Scenarios.Results;

namespace Sim.Cli.Output;

/// <summary>
/// The lines after a run's or a sweep's table that say how its findings stand against the scenario's
/// <c>expect.findings</c>, and so why the exit code is what it is (0: none, or only declared ones; 1: an undeclared one).
/// Nothing is printed for a scenario that declares nothing and reported nothing.
/// </summary>
internal static class FindingsVerdictText
{
    public static void Write(TextWriter output, FindingsVerdict verdict)
    {
        if (verdict.ExpectedSeen.Count > 0)
            output.WriteLine($"expected findings (declared in expect.findings): {Counts(verdict.ExpectedSeen)}");
        foreach (string rule in verdict.ExpectedMissing)
            output.WriteLine($"note: declared finding '{rule}' did not occur (expect.findings lists it; that is not an error)");
        if (verdict.Unexpected.Count > 0)
            output.WriteLine($"unexpected findings: {Counts(verdict.Unexpected)}; exit 1 (a scenario that exists to show them declares them: expect: {{ findings: [{string.Join(", ", verdict.Unexpected.Select(u => u.Key))}] }})");
    }

    private static string Counts(IEnumerable<KeyValuePair<string, int>> rules) => string.Join(", ", rules.Select(r => $"{r.Key} x{r.Value}"));
}
