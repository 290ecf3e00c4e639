namespace Sim.Cli;

/// <summary>The process exit codes of <c>sim</c>, the same for every command.</summary>
public static class ExitCodes
{
    /// <summary>Done, nothing wrong found.</summary>
    public const int Ok = 0;
    /// <summary>The run completed and reported findings (the modelled system broke a rule).</summary>
    public const int Findings = 1;
    /// <summary>Bad input: a malformed scenario, a missing file, a bad option.</summary>
    public const int BadInput = 2;
    /// <summary>The simulator itself failed (a bug in model code): the message names the actor and time.</summary>
    public const int InternalError = 3;
    /// <summary>The run or study completed without unexpected findings, but a claim of the scenario fails (<c>claims:</c>).</summary>
    public const int ClaimsFail = 4;
    /// <summary>Cancelled by the user (Ctrl+C); partial results were written and marked partial.</summary>
    public const int Cancelled = 130;
}
