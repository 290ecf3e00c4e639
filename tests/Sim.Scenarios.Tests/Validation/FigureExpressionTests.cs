using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Hypervisors.Platform;
using Sim.Worlds.Results;
using Sim.Studies.Validation;

namespace Sim.Scenarios.Tests.Validation;

/// <summary>
/// How an experiment reads a simulated figure from a run (<see cref="FigureExpression"/>): arithmetic with the usual
/// precedence, globs that sum every match, the measured window, summary values, a path that matches nothing as an
/// error naming it, and syntax errors that say at which character they are. Evaluated over a hand-built run whose
/// every figure is known: 30 ms simulated after 10 ms of warm-up, so a measured window of 20 ms.
/// </summary>
public sealed class FigureExpressionTests
{
    private static readonly RunResults Run = HandBuiltRun();

    private static double Evaluate(string text) => FigureExpression.Parse(text).Evaluate(Run);

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("10 - 4 - 3", 3)]
    [InlineData("8 / 4 / 2", 1)]
    [InlineData("2 * 3 + 12 / 4", 9)]
    [InlineData("-2 * 3", -6)]
    [InlineData("2 - -3", 5)]
    [InlineData("((2))", 2)]
    [InlineData("1.5e-3 * 1e3", 1.5)]
    [InlineData("  6/3  ", 2)]
    public void Arithmetic_binds_products_before_sums_and_runs_left_to_right(string text, double expected) =>
        Assert.Equal(expected, Evaluate(text), 12);

    [Fact]
    public void Window_is_the_simulated_time_after_the_warm_up_in_seconds() =>
        Assert.Equal(0.020, Evaluate("window()"), 15);

    [Fact]
    public void Rate_sums_the_counts_of_every_match_per_second_of_the_window()
    {
        // 300 + 100 frames in 20 ms.
        Assert.Equal(20_000, Evaluate("rate('vm*/net0/driver/rxPackets')"), 9);
        Assert.Equal(15_000, Evaluate("rate('vm1/net0/driver/rxPackets')"), 9);
        // A '*' spans slashes.
        Assert.Equal(20_000, Evaluate("rate('*rxPackets')"), 9);
        Assert.Equal(400, Evaluate("rate('vm*/net0/driver/rxPackets') * window()"), 9);
    }

    [Fact]
    public void Iops_sums_the_completed_requests_per_second_of_every_matching_device()
    {
        // 500 and 1,500 requests in 20 ms.
        Assert.Equal(25_000, Evaluate("iops('vm1/blk0')"), 9);
        Assert.Equal(100_000, Evaluate("iops('vm*/blk0')"), 9);
        Assert.Equal(3, Evaluate("iops('vm2/blk0') / iops('vm1/blk0')"), 12);
    }

    [Fact]
    public void Value_reads_the_named_statistic_summed_over_the_matches()
    {
        Assert.Equal(40, Evaluate("value('vm1/net0/driver/rxLatency', 'mean') * 1e6"), 9);
        Assert.Equal(2, Evaluate("value('vm1/net0/driver/rxLatency', 'stddev') * 1e6"), 9);
        Assert.Equal(100, Evaluate("value('vm*/net0/driver/rxLatency', 'mean') * 1e6"), 9);
        Assert.Equal(1_500, Evaluate("value('vm2/blk0/driver/requests', 'count')"), 12);
    }

    [Theory]
    [InlineData("value('vm1/net0/driver/rxLatency', 'avg')", "'avg'")]
    public void A_statistic_the_metric_does_not_have_is_an_error_of_the_figure_not_a_crash(string text, string stat)
    {
        // A typo in one experiment must become that figure's problem row (InvalidOperationException), naming the metric
        // and what it has, not a KeyNotFoundException that stops the whole suite.
        var error = Assert.Throws<InvalidOperationException>(() => FigureExpression.Parse(text).Evaluate(Run));
        Assert.Contains("vm1/net0/driver/rxLatency", error.Message);
        Assert.Contains($"has no value {stat}", error.Message);
        Assert.Contains("it has: ", error.Message);
    }

    [Theory]
    [InlineData("rate('vm3/net0/driver/rxPackets')", "vm3/net0/driver/rxPackets")]
    [InlineData("iops('vm*/blk9')", "vm*/blk9")]
    [InlineData("value('vm1/net0/driver/txLatency', 'mean')", "vm1/net0/driver/txLatency")]
    [InlineData("1 + rate('VM1/net0/driver/rxPackets')", "VM1/net0/driver/rxPackets")]
    public void A_path_that_matches_nothing_is_an_error_naming_the_path(string text, string path)
    {
        var expression = FigureExpression.Parse(text);
        var error = Assert.Throws<InvalidOperationException>(() => expression.Evaluate(Run));
        Assert.Contains($"'{path}'", error.Message);
    }

    [Theory]
    [InlineData("", 1, "expected a number, a function or '(', found the end")]
    [InlineData("1 +", 4, "found the end")]
    [InlineData("2 3", 3, "expected an operator or the end, found '3'")]
    [InlineData("2 * #", 5, "found '#'")]
    [InlineData("(1 + 2", 7, "expected ')'")]
    [InlineData("rate(vm/x)", 6, "expected a quoted path")]
    [InlineData("rate('vm/x", 6, "no closing quote")]
    [InlineData("speed('x')", 1, "unknown function 'speed'; expected one of window, rate, iops, value")]
    [InlineData("value('x')", 10, "expected ','")]
    [InlineData("window(1)", 8, "expected ')'")]
    [InlineData("1.2.3", 1, "'1.2.3' is not a number")]
    public void A_syntax_error_is_a_format_exception_saying_at_which_character(string text, int character, string phrase)
    {
        var error = Assert.Throws<FormatException>(() => FigureExpression.Parse(text));
        Assert.StartsWith($"at character {character} of '{text}': ", error.Message);
        Assert.Contains(phrase, error.Message);
    }

    [Fact]
    public void The_expression_keeps_its_text_as_written()
    {
        const string text = "iops('vm2/blk0')  /  iops('vm1/blk0')";
        var expression = FigureExpression.Parse(text);
        Assert.Equal(text, expression.Text);
        Assert.Equal(text, expression.ToString());
    }

    /// <summary>
    /// Two guests, each with a net device (received frames and their latency) and a blk device (its platform and
    /// completed requests), measured over 20 ms.
    /// </summary>
    private static RunResults HandBuiltRun()
    {
        var metrics = new SortedDictionary<string, MetricSummary>(StringComparer.Ordinal)
        {
            ["vm1/net0/driver/rxPackets"] = Counter(300),
            ["vm2/net0/driver/rxPackets"] = Counter(100),
            ["vm1/net0/driver/rxLatency"] = Histogram(count: 300, mean: 40e-6, stddev: 2e-6),
            ["vm2/net0/driver/rxLatency"] = Histogram(count: 100, mean: 60e-6, stddev: 5e-6),
            ["vm1/blk0/driver/requests"] = Counter(500),
            ["vm1/blk0/platform"] = Platform(500),
            ["vm2/blk0/driver/requests"] = Counter(1_500),
            ["vm2/blk0/platform"] = Platform(1_500),
        };
        var end = SimTime.FromMilliseconds(30);
        return new RunResults("hand-built", 1, end, SimTime.FromMilliseconds(10), new RunOutcome(StopReason.EndReached, end, 10_000),
            metrics.ToList(), []);
    }

    private static MetricSummary Counter(double count) => new(MetricKind.Counter, "", [KeyValuePair.Create("count", count)]);

    private static MetricSummary Histogram(double count, double mean, double stddev) => new(MetricKind.Histogram, "s",
    [
        KeyValuePair.Create("count", count), KeyValuePair.Create("mean", mean), KeyValuePair.Create("p50", mean),
        KeyValuePair.Create("p90", mean), KeyValuePair.Create("p99", mean), KeyValuePair.Create("max", mean),
        KeyValuePair.Create("min", mean), KeyValuePair.Create("stddev", stddev),
    ]);

    private static MetricSummary Platform(long requests) =>
        new PlatformCounters("platform") { Requests = requests, Exits = requests }.Summarize(SimTime.Zero);
}
