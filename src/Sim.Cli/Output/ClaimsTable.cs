using Sim.Studies.Claims;
using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>
/// The scenario's claims after a run or a sweep (issue 19): a count line, then per claim its outcome, name and the
/// deciding point's figures (<see cref="ClaimRows.Figures"/>), wrapped to the output's width under a hanging indent
/// (claim names are sentences, too long for a table's cell at 80 columns); claims about swept points only (with a
/// <c>where</c>) are left to <c>sim sweep</c>, and a line says so.
/// </summary>
internal static class ClaimsTable
{
    private const int Indent = 12;

    /// <summary>Writes <paramref name="verdicts"/>, and a note for <paramref name="sweepOnly"/> claims; nothing when both are empty.</summary>
    public static void Write(TextWriter output, IReadOnlyList<ClaimVerdict> verdicts, int sweepOnly = 0)
    {
        var console = OutputConsole.For(output);
        int width = console.Profile.Width;
        if (verdicts.Count > 0)
        {
            console.WriteLine($"claims: {Count(verdicts, ClaimOutcome.Holds)} hold, {Count(verdicts, ClaimOutcome.Fails)} fail, " +
                $"{Count(verdicts, ClaimOutcome.Undecided)} undecided (figures in SI units: left OP right at the deciding point; " +
                "in a study, left - right with its confidence half-width)");
            foreach (var verdict in verdicts)
            {
                string outcome = ClaimVerdict.Name(verdict.Outcome);
                var lines = WrappedText.Lines($"{verdict.Claim.Name}: {ClaimRows.Figures(verdict)}", Math.Max(20, width - Indent));
                var style = verdict.Outcome switch
                {
                    ClaimOutcome.Holds => Style.Plain,
                    ClaimOutcome.Fails => new Style(Color.Red),
                    _ => new Style(Color.Yellow),
                };
                for (int i = 0; i < lines.Count; i++)
                {
                    string lead = i == 0 ? $"  {outcome,-10}" : new string(' ', Indent);
                    console.Write(new Text(lead, i == 0 ? style : Style.Plain));
                    console.WriteLine(lines[i]);
                }
            }
        }
        if (sweepOnly > 0)
            WrappedText.Write(console, $"{sweepOnly} claim(s) about swept points ('where', 'at some point') are decided by `sim sweep`, not by one run", width);
    }

    private static int Count(IReadOnlyList<ClaimVerdict> verdicts, ClaimOutcome outcome) => verdicts.Count(v => v.Outcome == outcome);
}
