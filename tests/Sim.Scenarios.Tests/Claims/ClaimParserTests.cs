using Sim.Scenarios.Claims;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Tests.Loading;

namespace Sim.Scenarios.Tests.Claims;

/// <summary>The claim grammar (issue 19): what a claim says, and located errors for what it cannot say.</summary>
public sealed class ClaimParserTests
{
    private const string Queue = SmallScenarios.Queue;

    private static Claim Parse(string text) => ClaimParser.Parse("c", text, 1, 1);

    [Fact]
    public void A_comparison_of_two_worlds_values_with_a_where_reads_into_its_parts()
    {
        var claim = Parse("latency.mean[persistent] < latency.mean[map] where backendVcpus >= 4 and requestSize == 4KiB");
        Assert.Equal(ClaimRelation.Less, claim.Comparison.Relation);
        Assert.Equal(new MetricReference("latency.mean", "persistent", false), claim.Comparison.Left);
        Assert.Equal(new MetricReference("latency.mean", "map", false), claim.Comparison.Right);
        Assert.Equal([new PointCondition("backendVcpus", ">=", "4"), new PointCondition("requestSize", "==", "4KiB")], claim.Where);
    }

    [Fact]
    public void Arithmetic_keeps_precedence_and_names_may_hold_dashes_and_slashes()
    {
        var claim = Parse("bus/energy.total[icc-greedy] < 0.6 * bus/energy.total[top] + -(2 - 1) / 4");
        double Value(MetricReference r) => r.World == "icc-greedy" ? 1 : 10;
        Assert.Equal(1, claim.Comparison.Left.Evaluate(Value));
        Assert.Equal(0.6 * 10 + -(2.0 - 1) / 4, claim.Comparison.Right.Evaluate(Value), 12);
        Assert.Equal(["bus/energy.total[icc-greedy]", "bus/energy.total[top]"], claim.References.Select(r => r.ToString()));
    }

    [Fact]
    public void A_tolerance_is_a_percentage_of_the_right_side_and_a_quoted_pattern_is_a_full_key()
    {
        var claim = Parse("'icc/**/deadlineMisses.count' == 2.5e1 within 5%");
        Assert.Equal(ClaimRelation.Equal, claim.Comparison.Relation);
        Assert.Equal(0.05, claim.Comparison.Tolerance, 12);
        Assert.Equal(new MetricReference("icc/**/deadlineMisses.count", null, true), claim.Comparison.Left);
        Assert.Equal(new NumberTerm(25), claim.Comparison.Right);
    }

    [Theory]
    [InlineData("latency.mean[a] latency.mean[b]", 16, "expected a comparison")]
    [InlineData("latency.mean[a] < latency.mean[b] within 5%", 34, "'==' only")]
    [InlineData("latency.mean[a] < 50us", 18, "SI units")]
    [InlineData("latency.mean[a] < latency.mean[b", 32, "expected ']'")]
    [InlineData("latency.mean[a] < latency.mean[b] where x", 41, "expected a comparison")]
    [InlineData("a/ < b", 0, "operators with spaces")]
    [InlineData("x < y z", 6, "expected 'at some point', 'where', 'and' or the end")]
    [InlineData("x < y at most 2", 6, "expected 'at some point' or 'at every point'")]
    public void A_mistake_names_the_character_and_what_was_expected(string text, int offset, string expected)
    {
        var error = Assert.Throws<ClaimSyntaxException>(() => Parse(text));
        Assert.Equal(offset, error.Offset);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void In_a_scenario_a_mistake_is_located_at_its_character_in_the_file()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(Queue + "claims:\n  quick: s/sojourn.mean < 50us\n", "s.yaml"));
        Assert.Equal(9, error.Line);
        Assert.Equal(10 + "s/sojourn.mean < ".Length, error.Column);
        Assert.Contains("claim 'quick'", error.Message);
    }

    [Fact]
    public void A_where_on_a_parameter_the_scenario_does_not_sweep_is_an_error_at_the_claim()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(Queue + "claims:\n  quick: s/sojourn.mean < 1 where depth >= 4\n", "s.yaml"));
        Assert.Equal((9, 10), (error.Line, error.Column));
        Assert.Contains("names no swept parameter", error.Message);
    }

    [Fact]
    public void Claims_are_read_in_file_order_with_their_place()
    {
        var model = ScenarioLoader.LoadText(Queue + "claims:\n  first: s/sojourn.mean < 1\n  second: \"'k/**' >= 0\"\n", "s.yaml");
        Assert.Equal(["first", "second"], model.Claims.Select(c => c.Name));
        Assert.Equal((10, 11), (model.Claims[1].Line, model.Claims[1].Column));
    }
}
