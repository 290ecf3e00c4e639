using Sim.Core.Time;

namespace Sim.Core.Running;

/// <summary>
/// When a run stops and what it counts: events strictly before <see cref="End"/> are delivered; statistics gathered
/// before <see cref="Warmup"/> are discarded; <see cref="MaxEvents"/> is an event budget (the run stops early, partial).
/// </summary>
/// <param name="End">The end of simulated time (exclusive).</param>
/// <param name="Warmup">Statistics are reset at this time; zero for none.</param>
/// <param name="MaxEvents">Stop after this many delivered events; null for no budget.</param>
public sealed record RunLimits(SimTime End, SimTime Warmup, long? MaxEvents = null)
{
    /// <summary>Checks the limits are coherent; throws <see cref="ArgumentException"/> otherwise.</summary>
    public void Validate()
    {
        if (End <= SimTime.Zero) throw new ArgumentException($"end time must be positive, was {End}");
        if (Warmup < SimTime.Zero || Warmup >= End) throw new ArgumentException($"warm-up {Warmup} must be in [0, {End})");
        if (MaxEvents is <= 0) throw new ArgumentException($"event budget must be positive, was {MaxEvents}");
    }
}
