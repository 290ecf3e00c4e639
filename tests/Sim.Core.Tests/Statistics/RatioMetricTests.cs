using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Core.Tests.Statistics;

public sealed class RatioMetricTests
{
    [Fact]
    public void Divides_the_counters_over_the_same_window_and_is_zero_when_empty()
    {
        var kicks = new Counter("d/kicks");
        var requests = new Counter("d/requests");
        var ratio = new RatioMetric("d/kicksPerRequest", kicks, requests);
        Assert.Equal(0, ratio.Value);
        kicks.Add(3);
        requests.Add(12);
        var summary = ratio.Summarize(SimTime.Zero);
        Assert.Equal("ratio", summary.Kind);
        Assert.Equal(0.25, summary.Get("value"));
        Assert.Equal(3, summary.Get("numerator"));
        Assert.Equal(12, summary.Get("denominator"));
        kicks.Reset(SimTime.Zero);
        requests.Reset(SimTime.Zero);
        Assert.Equal(0, ratio.Value);
    }
}
