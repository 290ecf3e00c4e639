using Sim.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Time;

namespace Sim.Core.Tests.Time;

public sealed class SimTimeTests
{
    [Theory]
    [InlineData("250ns", 250_000L)]
    [InlineData("1.5us", 1_500_000L)]
    [InlineData("1.5µs", 1_500_000L)]
    [InlineData("10ms", 10_000_000_000L)]
    [InlineData("2s", 2_000_000_000_000L)]
    [InlineData("7ps", 7L)]
    [InlineData("0.001ns", 1L)]
    [InlineData("1min", 60_000_000_000_000L)]
    [InlineData(" 3 us ", 3_000_000L)]
    public void Parses_a_number_with_a_unit_exactly(string text, long picoseconds) =>
        Assert.Equal(picoseconds, SimTime.Parse(text).Picoseconds);

    [Theory]
    [InlineData("10", "has no unit")]
    [InlineData("10 parsecs", "is not a time unit")]
    [InlineData("10xs", "is not a time unit")]
    [InlineData("1.2.3ns", "is not a number")]
    [InlineData("0.5ps", "finer than one picosecond")]
    [InlineData("", "empty time")]
    [InlineData("1000000min", "too long")]
    public void Rejects_bad_text_saying_what_was_expected(string text, string phrase)
    {
        Assert.False(SimTime.TryParse(text, out _, out string error));
        Assert.Contains(phrase, error);
        Assert.Contains("ps, ns, us, ms, s or min", SimTime.TryParse("10", out _, out string e2) ? "" : e2);
    }

    [Theory]
    [InlineData(1_500_000L, "1.5us")]
    [InlineData(2_000_000_000_000L, "2s")]
    [InlineData(250_000L, "250ns")]
    [InlineData(7L, "7ps")]
    [InlineData(0L, "0s")]
    [InlineData(-3_000L, "-3ns")]
    public void Formats_in_the_largest_unit_that_reads_well(long picoseconds, string text) =>
        Assert.Equal(text, new SimTime(picoseconds).ToString());

    [Fact]
    public void Formatting_then_parsing_gives_back_the_same_time()
    {
        var property = Prop.ForAll(ArbMap.Default.ArbFor<long>(), ps =>
        {
            var time = new SimTime(ps);
            return SimTime.Parse(time.ToString()) == time;
        });
        Check.One(PropertyRuns.Config(500), property);
    }

    [Fact]
    public void Bytes_at_rate_is_exact_and_rounds_up()
    {
        Assert.Equal(2_500L, SimTime.ForBytesAtRate(64, 25_600_000_000).Picoseconds);
        Assert.Equal(1L, SimTime.ForBytesAtRate(1, 3_000_000_000_000).Picoseconds);
        Assert.Equal(334L, SimTime.ForBytesAtRate(1, 3_000_000_000).Picoseconds);
        Assert.Equal(0L, SimTime.ForBytesAtRate(0, 1).Picoseconds);
    }

    [Fact]
    public void Unit_helpers_and_arithmetic_agree()
    {
        Assert.Equal(SimTime.Parse("1.5us"), SimTime.FromMicroseconds(1.5));
        Assert.Equal(SimTime.Parse("10ms"), SimTime.FromMilliseconds(10));
        Assert.Equal(SimTime.Parse("2s"), SimTime.FromSeconds(2));
        Assert.Equal(SimTime.Parse("250ns"), SimTime.FromNanoseconds(250));
        Assert.Equal(SimTime.Parse("1.75us"), SimTime.Parse("1.5us") + SimTime.Parse("250ns"));
        Assert.True(SimTime.Parse("1ms") > SimTime.Parse("999us"));
        Assert.Throws<OverflowException>(() => SimTime.MaxValue + new SimTime(1));
    }
}
