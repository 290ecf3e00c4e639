using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Core.Tests.Statistics;

public sealed class TimeIntegralTests
{
    [Fact]
    public void The_total_is_the_rate_held_times_the_seconds_it_was_held_and_restarts_at_reset()
    {
        var energy = new TimeIntegral("bus/energy", "J", initialRate: 0.5);
        energy.SetRate(SimTime.Parse("2ms"), 1.5);                     // 0.5 W for 2 ms = 1 mJ
        Assert.Equal(1e-3 + 1.5 * 3e-3, energy.TotalAt(SimTime.Parse("5ms")), 15);

        energy.Reset(SimTime.Parse("5ms"));                           // a warm-up ends: the rate is kept
        var summary = energy.Summarize(SimTime.Parse("7ms"));
        Assert.Equal(MetricKind.Integral, summary.Kind);
        Assert.Equal(3e-3, summary.Get("total"), 15);
        Assert.Equal(1.5, summary.Get("rate"));
        Assert.Equal("J", summary.Unit);
    }

    [Fact]
    public void Time_going_backwards_and_rates_that_are_not_finite_are_refused()
    {
        var energy = new TimeIntegral("bus/energy", "J");
        energy.SetRate(SimTime.Parse("1ms"), 2);
        Assert.Contains("time went backwards", Assert.Throws<ArgumentException>(() => energy.SetRate(SimTime.Parse("0.5ms"), 1)).Message);
        Assert.Throws<ArgumentException>(() => energy.SetRate(SimTime.Parse("2ms"), double.NaN));
    }
}
