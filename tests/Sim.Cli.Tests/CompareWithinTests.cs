using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Cli.Output;
using Sim.Cli.Tests.Output;
using Sim.Studies.Comparing;
using Sim.Studies;

namespace Sim.Cli.Tests;

/// <summary>A shortened quickstart run (100 ms), run once for the tests that compare inside it.</summary>
public sealed class QuickstartRun
{
    public QuickstartRun()
    {
        Directory = Path.Combine(CliHarness.TempDirectory(), "quickstart");
        var result = CliHarness.Run("run", Path.Combine(CliHarness.RepositoryRoot(), "scenarios", "quickstart.yaml"),
            "--out", Directory, "--quiet", "--set", "duration=100ms");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
    }

    /// <summary>The run's output directory (named quickstart).</summary>
    public string Directory { get; }
}

/// <summary>
/// <c>sim compare</c> inside one real run (the quickstart's two guests), by default, with <c>--within</c> and with
/// <c>#</c> selectors: one table, items as columns, every figure with its unit, honest about single samples, and at 80
/// columns never a figure split.
/// </summary>
public sealed class CompareWithinTests(QuickstartRun run) : IClassFixture<QuickstartRun>
{
    [Fact]
    public void A_run_alone_is_compared_within_by_its_guests_against_the_first()
    {
        var result = CliHarness.Run("compare", run.Directory);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Contains("comparing 2 item(s) of quickstart on 3 metric(s) under blk0/driver/; baseline: kvm-vhost-user", result.Output);
        Assert.Contains("kvm-vhost-user (baseline)", result.Output);
        Assert.Contains("xen-grants", result.Output);
        Assert.Matches(@"│ latency\.mean +│ +[0-9.]+ µs │ +[0-9.]+ µs \([+-][0-9.]+%\) │", result.Output);
        Assert.Matches(@"│ requests\.perSecond +│ +[0-9.]+ k/s │", result.Output);
        Assert.Contains("One sample each: no confidence interval", result.Output);
        Assert.DoesNotContain("differ significantly", result.Output);
    }

    [Fact]
    public void Within_devices_and_selectors_choose_the_items_and_the_baseline()
    {
        var devices = CliHarness.Run("compare", run.Directory, "--within", "devices", "--format", "csv");
        Assert.Equal(ExitCodes.Ok, devices.ExitCode);
        var lines = devices.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("metric,quickstart#kvm-vhost-user/blk0 (baseline),quickstart#xen-grants/blk0", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("driver/latency.mean,", StringComparison.Ordinal) && l.Contains(" µs"));

        var chosen = CliHarness.Run("compare", run.Directory + "#xen-grants,kvm-vhost-user", "--metric", "**/latency.p99");
        Assert.Equal(ExitCodes.Ok, chosen.ExitCode);
        Assert.Contains("on 1 metric(s) under blk0/driver/; baseline: xen-grants", chosen.Output);
        Assert.Contains("xen-grants (baseline)", chosen.Output);
    }

    [Fact]
    public void A_run_can_be_compared_with_a_part_of_itself_and_another_run_in_one_table()
    {
        var mixed = CliHarness.Run("compare", run.Directory + "#kvm-vhost-user", run.Directory + "#xen-grants/blk0", "--metric", "**/latency.mean");
        Assert.Equal(ExitCodes.Ok, mixed.ExitCode);
        // kvm-vhost-user's keys start with blk0/, the device's do not: each has the value the other lacks.
        Assert.Contains("blk0/driver/latency.mean", mixed.Output);
        Assert.Contains("driver/latency.mean", mixed.Output);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public void The_comparison_fits_the_width_without_splitting_a_figure(int width)
    {
        var arguments = new[] { ComparisonArgument.Parse(run.Directory) };
        var loaded = arguments.Select(a => ComparisonSource.Load(a, null, WithinLevel.Variants)).ToList();
        var all = Comparison.Build(ComparedItems.Distinct(loaded, arguments), new MetricSelection(["**/driver/*.*", "**/exposure.*"]), 0);
        string text = TableWidth.AssertFits(ComparisonTable.ForConsole(all), width, "quickstart within", itemsAsColumns: true);
        Assert.Contains("µs", text);
        var standard = Comparison.Build(ComparedItems.Distinct(loaded, arguments), new MetricSelection([]), 0);
        string one = TableWidth.AssertFits(ComparisonTable.ForConsole(standard), width, "quickstart within", itemsAsColumns: true);
        Assert.Equal(1, one.Split('\n').Count(l => l.StartsWith('╭'))); // the standard metrics: one table, both guests side by side
    }

    [Fact]
    public void Run_metrics_show_the_chosen_values_with_units_instead_of_the_scenarios_tables()
    {
        string scenario = Path.Combine(CliHarness.RepositoryRoot(), "scenarios", "quickstart.yaml");
        string outDir = Path.Combine(CliHarness.TempDirectory(), "m");
        var result = CliHarness.Run("run", scenario, "--out", outDir, "--set", "duration=60ms", "--metrics", "**/driver/latency.mean,**/bytes.perSecond", "--metrics", "**/nope");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Matches(@"│ kvm-vhost-user/blk0/driver/latency\.mean +│ +[0-9.]+ µs │", result.Output);
        Assert.Matches(@"│ xen-grants/blk0/driver/bytes\.perSecond +│ +[0-9.]+ MB/s │", result.Output);
        Assert.DoesNotContain("IOPS", result.Output);
        Assert.Contains("warning: --metrics '**/nope' matches no metric of this run", result.Output);

        var csv = CliHarness.Run("run", scenario, "--out", outDir, "--set", "duration=60ms", "--metrics", "**/driver/latency.p99", "--format", "csv");
        Assert.Equal(ExitCodes.Ok, csv.ExitCode);
        var lines = csv.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("metric,value", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.EndsWith(" µs", lines[1]);
    }
}
