using Sim.Worlds.Results;

namespace Sim.Scenarios.Tests.Running;

/// <summary>Reading a run's metrics in tests: one value of the summary of the metric at a path.</summary>
internal static class RunValues
{
    /// <summary>The value <paramref name="value"/> (by default <c>count</c>) of the metric at <paramref name="path"/>; the test fails when either is missing.</summary>
    public static double Value(this RunResults results, string path, string value = "count") =>
        results.Metrics.Single(m => m.Key == path).Value.Get(value);
}
