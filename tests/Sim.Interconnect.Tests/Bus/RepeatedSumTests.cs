using FsCheck;
using FsCheck.Fluent;
using Sim.Interconnect.Bus;
using Sim.Tests.Shared;

namespace Sim.Interconnect.Tests.Bus;

/// <summary><see cref="RepeatedSum"/> gives bit for bit what adding one rate n times from zero gives.</summary>
public sealed class RepeatedSumTests
{
    [Fact]
    public void The_sum_of_n_copies_is_the_loops_bit_for_bit()
    {
        var rates = Gen.Frequency(
            (3, Gen.Choose(1, int.MaxValue).Select(m => m * 1e-3 / 7)),
            (2, from capacity in Gen.Choose(1, 1000) from n in Gen.Choose(1, 6000) select capacity * 1e7 / n),
            (1, Gen.Elements(0.5, 1.0, 3.0, 1e9 / 3, 6.4e9 / 5120, 0.1, 1e-300)));
        var cases = from rate in rates from n in Gen.Frequency((3, Gen.Choose(0, 100)), (2, Gen.Choose(0, 20_000))) select (Rate: rate, N: n);
        Check.One(PropertyRuns.Config(2000), Prop.ForAll(Arb.From(cases), c =>
        {
            double loop = 0;
            for (int i = 0; i < c.N; i++) loop += c.Rate;
            double fast = RepeatedSum.Of(c.Rate, c.N);
            return (BitConverter.DoubleToInt64Bits(fast) == BitConverter.DoubleToInt64Bits(loop)).Label($"{c.N} x {c.Rate:R}: {fast:R}, loop {loop:R}");
        }));
    }
}
