using Sim.Core.Time;

namespace Sim.Core.Running;

/// <summary>
/// Something the modelled system did wrong (a rule broken by a modelled driver, device or backend), recorded as a
/// result of the run rather than thrown. <see cref="Sequence"/> counts the reporting actor's findings, so the list can
/// be put in one deterministic order (time, actor, sequence) whatever process found them.
/// </summary>
/// <param name="Time">When it was found.</param>
/// <param name="Actor">The path of the actor that found it.</param>
/// <param name="Sequence">The reporting actor's own finding counter, from 1.</param>
/// <param name="Rule">A short stable name of the rule, e.g. <c>descriptor-loop</c>.</param>
/// <param name="Detail">What happened, in words.</param>
/// <param name="Reference">Where the rule is written (spec section), if anywhere.</param>
public sealed record Finding(SimTime Time, string Actor, long Sequence, string Rule, string Detail, string? Reference)
{
    /// <summary>The deterministic order of findings: time, actor path (ordinal), sequence.</summary>
    public static int Compare(Finding a, Finding b)
    {
        int c = a.Time.CompareTo(b.Time);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Actor, b.Actor);
        return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
    }
}
