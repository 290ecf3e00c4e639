namespace Sim.Interconnect.Tests.Bus.Reference;

/// <summary>
/// The allocator as it was before issue 21 (a verbatim copy, renamed, kept as the reference the randomized comparison
/// in <c>FluidBusComparisonTests</c> checks the processor-sharing bus against).
/// One transfer on a <see cref="ReferenceFluidBus"/>, as the bus keeps it between events: what it must move, what it still
/// has to move as a fluid quantity, the rate the last division gave it and the picosecond that rate finishes it at.
/// A mutable struct the bus updates in place.
/// </summary>
internal struct ReferenceBusFlow
{
    /// <summary>The caller's flow id.</summary>
    public long Id;
    /// <summary>The size, whole bytes.</summary>
    public long Bytes;
    /// <summary>The owner, as its index in <see cref="ReferenceBusAccounting.Owners"/>.</summary>
    public int Owner;
    /// <summary>The rate cap, B/s (<see cref="double.PositiveInfinity"/> for none).</summary>
    public double Cap;
    /// <summary>Bytes still to move.</summary>
    public double Remaining;
    /// <summary>The current rate, B/s.</summary>
    public double Rate;
    /// <summary>When it completes at <see cref="Rate"/>, picoseconds (<see cref="long.MaxValue"/>: beyond the horizon).</summary>
    public long FinishAt;
    /// <summary>When it started, picoseconds.</summary>
    public long StartedAt;
}
