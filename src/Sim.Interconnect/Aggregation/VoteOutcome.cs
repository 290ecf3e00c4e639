namespace Sim.Interconnect.Aggregation;

/// <summary>What became of a vote.</summary>
public enum VoteVerdict
{
    /// <summary>Taken as asked.</summary>
    Accepted,
    /// <summary>Taken, but reduced (to a cap); the SCMI answer is still SUCCESS.</summary>
    Clipped,
    /// <summary>Not taken; the SCMI answer is an error status.</summary>
    Refused,
}

/// <summary>A policy's answer to one vote: the verdict, the SCMI status the server replies with, and why.</summary>
/// <param name="Verdict">Accepted, clipped or refused.</param>
/// <param name="Status">The SCMI status code of the reply (<see cref="ScmiStatus.Success"/> unless refused).</param>
/// <param name="Reason">Why it was clipped or refused; empty when accepted.</param>
public readonly record struct VoteOutcome(VoteVerdict Verdict, ScmiStatus Status, string Reason)
{
    /// <summary>Taken as asked.</summary>
    public static VoteOutcome Accepted { get; } = new(VoteVerdict.Accepted, ScmiStatus.Success, "");

    /// <summary>Taken but reduced, because of <paramref name="reason"/>.</summary>
    public static VoteOutcome Clipped(string reason) => new(VoteVerdict.Clipped, ScmiStatus.Success, reason);

    /// <summary>Refused with <paramref name="status"/> because of <paramref name="reason"/>.</summary>
    public static VoteOutcome Refused(ScmiStatus status, string reason) => new(VoteVerdict.Refused, status, reason);

    /// <summary>Whether the vote was taken (accepted or clipped).</summary>
    public bool Taken => Verdict != VoteVerdict.Refused;

    /// <inheritdoc />
    public override string ToString() => Reason.Length == 0 ? $"{Verdict} ({Status})" : $"{Verdict} ({Status}): {Reason}";
}
