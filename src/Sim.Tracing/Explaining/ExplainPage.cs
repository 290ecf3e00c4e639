namespace Sim.Tracing.Explaining;

/// <summary>
/// Writes an <see cref="ExplainedRun"/> as one self-contained HTML page (inline CSS and script, no network): a
/// timeline with one lane per actor and arrows for messages; Next / Previous / jump-to-time controls and keyboard
/// shortcuts; a memory panel showing each region as hex and decoded fields, highlighting what the current step changed;
/// running counters.
/// </summary>
public static class ExplainPage
{
    /// <summary>The page for <paramref name="run"/>; the same run gives the same bytes.</summary>
    public static string Write(ExplainedRun run) => throw new NotImplementedException();
}
