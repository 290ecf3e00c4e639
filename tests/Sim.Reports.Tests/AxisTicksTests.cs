namespace Sim.Reports.Tests;

/// <summary>Tick selection: nice 1-2-5 steps on linear axes, decades on log axes, indices on categorical axes.</summary>
public sealed class AxisTicksTests
{
    private static double[] Values(AxisLayout layout) => layout.Ticks.Select(t => t.Value).ToArray();

    private static string[] Labels(AxisLayout layout) => layout.Ticks.Select(t => t.Label).ToArray();

    [Fact]
    public void Zero_to_97_gets_ticks_every_20_up_to_100()
    {
        var axis = AxisTicks.Linear(0, 97);
        Assert.Equal([0, 20, 40, 60, 80, 100], Values(axis));
        Assert.Equal(["0", "20", "40", "60", "80", "100"], Labels(axis));
        Assert.Equal((0.0, 100.0), (axis.Min, axis.Max));
    }

    [Fact]
    public void A_small_range_gets_exact_decimal_ticks_and_labels_that_tell_them_apart()
    {
        var axis = AxisTicks.Linear(0.0013, 0.0042);
        Assert.Equal([0.001, 0.0015, 0.002, 0.0025, 0.003, 0.0035, 0.004, 0.0045], Values(axis));
        Assert.Equal(["0.001", "0.0015", "0.002", "0.0025", "0.003", "0.0035", "0.004", "0.0045"], Labels(axis));
    }

    [Theory]
    [InlineData(5.0)]
    [InlineData(0.0)]
    [InlineData(-2e6)]
    public void Equal_values_are_padded_so_the_value_sits_strictly_inside_the_axis(double value)
    {
        var axis = AxisTicks.Linear(value, value);
        Assert.True(axis.Min < value && value < axis.Max, $"{axis.Min} < {value} < {axis.Max}");
        Assert.InRange(axis.Ticks.Count, 2, AxisTicks.MaxLinearTicks);
    }

    [Fact]
    public void Large_values_use_si_prefixes_with_enough_decimals()
    {
        Assert.Equal(["0", "500", "1k", "1.5k", "2k"], Labels(AxisTicks.Linear(0, 1900)));
        Assert.Equal(["0", "200", "400", "600", "800", "1k"], Labels(AxisTicks.Linear(0, 970)));
        Assert.Equal(["1M", "1.000002M", "1.000004M", "1.000006M", "1.000008M", "1.00001M"], Labels(AxisTicks.Linear(1_000_000, 1_000_010)));
    }

    [Fact]
    public void Tiny_values_use_scientific_labels()
    {
        var axis = AxisTicks.Linear(1e-6, 4.2e-6);
        Assert.Equal("1e-6", axis.Ticks.Single(t => Math.Abs(t.Value - 1e-6) < 1e-12).Label);
        Assert.All(axis.Ticks, t => Assert.Matches(@"^(0|-?\d(\.\d+)?e-\d+)$", t.Label));
    }

    [Fact]
    public void Compact_format_follows_its_rule()
    {
        Assert.Equal("0", NumberFormat.Compact(0));
        Assert.Equal("1.5k", NumberFormat.Compact(1500));
        Assert.Equal("2M", NumberFormat.Compact(2e6));
        Assert.Equal("3G", NumberFormat.Compact(3e9));
        Assert.Equal("0.001", NumberFormat.Compact(0.001));
        Assert.Equal("1e-6", NumberFormat.Compact(1e-6));
        Assert.Equal("-250", NumberFormat.Compact(-250));
        Assert.Equal("0.00", NumberFormat.Coord(-0.001));
        Assert.Equal("12.35", NumberFormat.Coord(12.345));
    }

    [Fact]
    public void Many_decades_get_ticks_at_powers_of_ten_only()
    {
        var axis = AxisTicks.Log(3, 4500);
        Assert.Equal([1, 10, 100, 1000, 10000], Values(axis));
        Assert.Equal(["1", "10", "100", "1k", "10k"], Labels(axis));
    }

    [Fact]
    public void Fewer_than_three_decades_get_1_2_5_ticks_and_tight_ends()
    {
        var axis = AxisTicks.Log(1.3, 42);
        Assert.Equal([1, 2, 5, 10, 20, 50], Values(axis));
        Assert.Equal((1.0, 50.0), (axis.Min, axis.Max));
        var small = AxisTicks.Log(0.0012, 0.03);
        Assert.Equal([0.001, 0.002, 0.005, 0.01, 0.02, 0.05], Values(small));
    }

    [Fact]
    public void A_log_axis_over_a_single_value_still_has_a_range()
    {
        var axis = AxisTicks.Log(10, 10);
        Assert.True(axis.Min <= 10 && 10 < axis.Max || axis.Min < 10 && 10 <= axis.Max);
        Assert.True(axis.Ticks.Count >= 2);
    }

    [Fact]
    public void Very_many_decades_are_thinned_to_at_most_nine_ticks()
    {
        var axis = AxisTicks.Log(1e-9, 1e12);
        Assert.InRange(axis.Ticks.Count, 2, AxisTicks.MaxLinearTicks + 1);
        Assert.True(axis.Min <= 1e-9 && axis.Max >= 1e12);
    }

    [Fact]
    public void Categories_are_evenly_spaced_with_half_a_step_of_padding()
    {
        var axis = AxisTicks.Categorical(["a", "b", "c", "d"]);
        var mapping = new AxisMapping(axis, 100, 500);
        Assert.Equal(["a", "b", "c", "d"], Labels(axis));
        Assert.Equal([150.0, 250.0, 350.0, 450.0], axis.Ticks.Select(t => mapping.Map(t.Value)).ToArray());
    }

    [Fact]
    public void A_log_mapping_puts_decades_evenly_and_a_vertical_mapping_runs_upward()
    {
        var mapping = new AxisMapping(AxisTicks.Log(1, 1000), 300, 0);
        Assert.Equal(300, mapping.Map(1), 9);
        Assert.Equal(200, mapping.Map(10), 9);
        Assert.Equal(100, mapping.Map(100), 9);
        Assert.Equal(0, mapping.Map(1000), 9);
    }

    [Theory]
    [InlineData(20, 100, 0)]    // 20 ≤ 30% of 100: zero is shown
    [InlineData(40, 100, 40)]   // 40 > 30%: the axis hugs the data
    [InlineData(-100, -25, -100)]
    public void The_value_axis_includes_zero_only_when_the_data_are_near_it(double min, double max, double expectedMin)
    {
        var axis = AxisDomain.Resolve(new Axis("y"), true, min, max, preferZero: true);
        Assert.Equal(expectedMin, axis.Min);
        if (max < 0) Assert.Equal(0, axis.Max);
    }

    [Fact]
    public void Non_positive_values_are_not_drawable_on_a_log_axis_nor_out_of_range_indices_on_a_categorical_one()
    {
        var log = new Axis("y", AxisScale.Log);
        Assert.False(AxisDomain.Accepts(log, 0));
        Assert.False(AxisDomain.Accepts(log, -1));
        Assert.True(AxisDomain.Accepts(log, 1e-300));
        var categorical = new Axis("x", Categories: ["a", "b"]);
        Assert.True(AxisDomain.Accepts(categorical, 1));
        Assert.False(AxisDomain.Accepts(categorical, 2));
        Assert.False(AxisDomain.Accepts(new Axis("x"), double.NaN));
        Assert.False(AxisDomain.Accepts(new Axis("x"), double.PositiveInfinity));
    }
}
