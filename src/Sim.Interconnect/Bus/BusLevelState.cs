namespace Sim.Interconnect.Bus;

/// <summary>The lifecycle of a bus level change (see <see cref="BusLevelController"/> for the transitions).</summary>
public enum BusLevelState
{
    /// <summary>A level is in force and no change is under way. A request for another level moves to <see cref="Transitioning"/>.</summary>
    Steady,

    /// <summary>A change is under way; the old level stays in force until it ends, then the state is <see cref="Steady"/> again (or a queued change begins).</summary>
    Transitioning,
}
