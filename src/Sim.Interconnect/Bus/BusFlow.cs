namespace Sim.Interconnect.Bus;

/// <summary>
/// One transfer on a <see cref="FluidBus"/>, as the bus keeps it between events: what it must move, its owner and cap,
/// and where it is kept: in a <see cref="RateClass"/> (its place in the class's heap; its remaining bytes follow from
/// the class's virtual clock) or, when it runs at a rate of its own (at its cap), individually, with its remaining
/// bytes, rate and finishing time here. A mutable struct the bus updates in place.
/// </summary>
internal struct BusFlow
{
    /// <summary>The caller's flow id.</summary>
    public long Id;
    /// <summary>The size, whole bytes.</summary>
    public long Bytes;
    /// <summary>The owner, as its index in <see cref="BusAccounting.Owners"/>.</summary>
    public int Owner;
    /// <summary>The rate cap, B/s (<see cref="double.PositiveInfinity"/> for none).</summary>
    public double Cap;
    /// <summary>When it started, picoseconds.</summary>
    public long StartedAt;
    /// <summary>The class it is in (an index of the bus's classes), or <see cref="FlowTable.Individual"/>.</summary>
    public int Class;
    /// <summary>Its place in its class's heap, or in the list of individual flows.</summary>
    public int HeapPosition;
    /// <summary>Bytes still to move: individually, now; in a class, as of class step <see cref="SyncStep"/>.</summary>
    public double Remaining;
    /// <summary>In a class: the step of its log <see cref="Remaining"/> was counted down to.</summary>
    public long SyncStep;
    /// <summary>Individually: the current rate, B/s.</summary>
    public double Rate;
    /// <summary>Individually: when it completes at <see cref="Rate"/>, picoseconds (<see cref="long.MaxValue"/>: beyond the horizon).</summary>
    public long FinishAt;
    /// <summary>Its place in the order of arrival the flow-by-flow sums keep (<see cref="FlowTable.InOrder"/>).</summary>
    public int OrderPosition;
    /// <summary>The next and previous flow of the same owner (-1: none).</summary>
    public int NextOfOwner, PreviousOfOwner;
    /// <summary>The division (a counter of the bus) that last found it at its cap.</summary>
    public long AtCapIn;
}
