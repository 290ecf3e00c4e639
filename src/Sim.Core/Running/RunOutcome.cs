using Sim.Core.Time;

namespace Sim.Core.Running;

/// <summary>Why a run stopped.</summary>
public enum StopReason
{
    /// <summary>Simulated time reached the end: a complete run.</summary>
    EndReached,
    /// <summary>No events were left before the end: a complete run (the clock is advanced to the end).</summary>
    NoMoreEvents,
    /// <summary>The event budget ran out first: partial results.</summary>
    EventBudget,
    /// <summary>Cancelled from outside (Ctrl+C): partial results.</summary>
    Cancelled,
}

/// <summary>How a run ended: the reason, the simulated time reached and the number of events delivered.</summary>
/// <param name="Reason">Why it stopped.</param>
/// <param name="SimulatedTime">The simulated time at which it stopped.</param>
/// <param name="Events">Events delivered, warm-up included (cancelled timers excluded).</param>
public sealed record RunOutcome(StopReason Reason, SimTime SimulatedTime, long Events)
{
    /// <summary>True when the run stopped before its end time, so its results cover less than was asked.</summary>
    public bool IsPartial => Reason is StopReason.EventBudget or StopReason.Cancelled;
}

/// <summary>A snapshot for progress displays, taken between batches of events.</summary>
/// <param name="Now">Simulated time reached.</param>
/// <param name="End">Simulated end time.</param>
/// <param name="Events">Events delivered so far.</param>
public readonly record struct RunProgress(SimTime Now, SimTime End, long Events)
{
    /// <summary>Fraction of simulated time done, in [0, 1].</summary>
    public double Fraction => End.Picoseconds <= 0 ? 1 : Math.Clamp(Now.Picoseconds / (double)End.Picoseconds, 0, 1);
}
