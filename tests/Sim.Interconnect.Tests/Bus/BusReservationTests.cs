using Sim.Core.Time;
using Sim.Interconnect.Bus;

namespace Sim.Interconnect.Tests.Bus;

/// <summary>Known cases of <see cref="FluidBus.Reserve"/> and of binned <see cref="BusSeries"/>.</summary>
public sealed class BusReservationTests
{
    private static readonly SimTime T0 = SimTime.Zero;

    [Fact]
    public void A_reserved_owner_gets_its_rate_first_and_the_others_share_the_rest_fairly()
    {
        var bus = new FluidBus(1000);
        bus.Start(T0, 1, 10_000, "safety");
        for (int i = 2; i <= 5; i++) bus.Start(T0, i, 10_000, "media");
        Assert.Equal(200, bus.RateOf(1), 9);              // max-min: 1000 / 5 each
        bus.Reserve(T0, "safety", 600);
        Assert.Equal(600 + 400.0 / 5, bus.RateOf(1), 9);  // 600 reserved, then an equal share of the 400 left
        Assert.Equal(400.0 / 5, bus.RateOf(2), 9);
        Assert.Equal(600, bus.ReservedFor("safety"));
        bus.Reserve(T0, "safety", 0);
        Assert.Equal(200, bus.RateOf(1), 9);
    }

    [Fact]
    public void A_reservation_above_the_owners_own_cap_leaves_the_rest_to_the_others()
    {
        var bus = new FluidBus(1000);
        bus.Reserve(T0, "safety", 900);
        bus.Start(T0, 1, 10_000, "safety", rateCap: 100);
        bus.Start(T0, 2, 10_000, "media");
        Assert.Equal(100, bus.RateOf(1), 9);
        Assert.Equal(900, bus.RateOf(2), 9);             // work-conserving: the unused reservation goes to the others
    }

    [Fact]
    public void Binned_rates_are_bin_means_that_conserve_the_bytes_moved()
    {
        var series = new BusSeries(1000, SimTime.Parse("1ms"));
        var bus = new FluidBus(1e9);
        bus.Start(T0, 1, 1_500_000, "vm1");                                   // 1.5 MB at 1 GB/s: 1.5 ms
        series.AddOwnerRates(T0, bus.Accounting);
        bus.Advance(SimTime.Parse("1.5ms"));
        series.AddOwnerRates(SimTime.Parse("1.5ms"), bus.Accounting);
        series.AddOwnerRates(SimTime.Parse("5.2ms"), bus.Accounting);         // closes bin [1, 2) ms; idle bins after it write nothing
        Assert.Equal([new OwnerRatePoint(T0, "vm1", 1e9), new OwnerRatePoint(SimTime.Parse("1ms"), "vm1", 0.5e9)], series.OwnerRates);
        Assert.Equal(1_500_000, series.OwnerRates.Sum(p => p.BytesPerSecond * 1e-3), 6);
    }
}
