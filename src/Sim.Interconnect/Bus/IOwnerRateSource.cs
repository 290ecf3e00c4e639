namespace Sim.Interconnect.Bus;

/// <summary>Where a <see cref="BusAccounting"/> reads an owner's current rate when the bus has not written it out (see <see cref="OwnerRates"/>).</summary>
internal interface IOwnerRateSource
{
    /// <summary>The sum of the current rates of the flows of owner <paramref name="owner"/> (an owner index), B/s.</summary>
    double RateOf(int owner);
}
