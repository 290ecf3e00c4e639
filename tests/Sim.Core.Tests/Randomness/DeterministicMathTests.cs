using Sim.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Randomness;

namespace Sim.Core.Tests.Randomness;

public sealed class DeterministicMathTests
{
    [Fact]
    public void Log_is_within_four_ulps_of_the_platform_log_over_the_whole_positive_range()
    {
        var positive = ArbMap.Default.ArbFor<double>().Filter(x => x > 0 && double.IsFinite(x));
        var property = Prop.ForAll(positive, x =>
        {
            double expected = Math.Log(x);
            double actual = DeterministicMath.Log(x);
            double ulps = Math.Abs(actual - expected) / Math.Max(Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected), double.Epsilon);
            return (ulps <= 4 || Math.Abs(actual - expected) < 1e-300).Label($"x={x:R} log={expected:R} ours={actual:R} ulps={ulps}");
        });
        Check.One(PropertyRuns.Config(2000), property);
    }

    [Fact]
    public void Log_of_unit_interval_draws_is_within_four_ulps_of_the_platform_log()
    {
        var random = new ActorRandom(3);
        for (int i = 0; i < 100_000; i++)
        {
            double u = random.NextOpenClosed();
            double expected = Math.Log(u);
            Assert.InRange(DeterministicMath.Log(u), expected - 4 * Ulp(expected), expected + 4 * Ulp(expected));
        }
    }

    private static double Ulp(double x) => Math.BitIncrement(Math.Abs(x)) - Math.Abs(x);

    [Fact]
    public void Log_edge_cases()
    {
        Assert.Equal(0.0, DeterministicMath.Log(1.0));
        Assert.Equal(double.NegativeInfinity, DeterministicMath.Log(0.0));
        Assert.True(double.IsNaN(DeterministicMath.Log(-1.0)));
        Assert.Equal(double.PositiveInfinity, DeterministicMath.Log(double.PositiveInfinity));
        Assert.Equal(Math.Log(double.Epsilon), DeterministicMath.Log(double.Epsilon), 10);
        Assert.Equal(Math.Log(2), DeterministicMath.Log(2), 15);
    }
}
