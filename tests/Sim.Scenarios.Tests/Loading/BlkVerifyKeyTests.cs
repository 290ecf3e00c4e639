using Sim.Devices.Blk;
using Sim.Scenarios.Loading;
using Sim.Worlds.Results;
using Sim.Worlds.Running;

namespace Sim.Scenarios.Tests.Loading;

/// <summary>
/// A blk workload's <c>verify</c> key: <c>full</c> (the default), <c>none</c> or <c>{ sample: FRACTION }</c>; a run
/// that does not check every read reports <c>driver/unverifiedReads</c> beside <c>driver/verifiedReads</c>; bad values
/// are located errors naming what was expected.
/// </summary>
public sealed class BlkVerifyKeyTests
{
    /// <summary>A KVM guest with one blk device; <paramref name="verify"/> is the workload's verify line (line 16, value at column 19).</summary>
    private static string Scenario(string? verify) => $"""
        name: t
        seed: 1
        duration: 4ms
        costs: kvm-x86
        guests:
          - name: g
            platform: kvm
            memory: 16MiB
            devices:
              - name: blk0
                type: blk
                workload:
                  requestSize: 4KiB
                  queueDepth: 4
                  span: 64KiB
        {(verify is null ? "" : $"          verify: {verify}")}
        """;

    private static BlkVerification Loaded(string? verify) =>
        ScenarioLoader.LoadText(Scenario(verify), "s.yaml").Transport!.Guests[0].Blk[0].Workload.Verification;

    [Fact]
    public void Full_is_the_default()
    {
        Assert.Same(BlkVerification.Full, Loaded(null));
        Assert.Same(BlkVerification.Full, Loaded("full"));
    }

    [Fact]
    public void None_and_a_sample_are_read()
    {
        Assert.Same(BlkVerification.None, Loaded("none"));
        Assert.Equal(0.25, Loaded("{ sample: 0.25 }").Fraction);
        Assert.Same(BlkVerification.Full, Loaded("{ sample: 1 }"));
    }

    [Fact]
    public void A_grid_over_request_sizes_keeps_the_verification()
    {
        string yaml = Scenario("none") + "\n    grid: { requestSize: [4KiB, 16KiB] }";
        var guests = ScenarioLoader.LoadText(yaml, "s.yaml").Transport!.Guests;
        Assert.Equal(2, guests.Count);
        Assert.All(guests, g => Assert.Same(BlkVerification.None, g.Blk[0].Workload.Verification));
    }

    [Fact]
    public void A_sampled_run_reports_the_reads_it_did_not_check_and_a_full_one_does_not()
    {
        static Dictionary<string, double> Counts(string? verify) => ScenarioRunner.Run(ScenarioLoader.LoadText(Scenario(verify), "s.yaml")).Metrics
            .Where(m => m.Key.EndsWith("Reads", StringComparison.Ordinal))
            .ToDictionary(m => m.Key, m => m.Value.Values.First(v => v.Key == "count").Value, StringComparer.Ordinal);
        var full = Counts(null);
        var sampled = Counts("{ sample: 0.5 }");
        Assert.DoesNotContain("g/blk0/driver/unverifiedReads", full.Keys);
        Assert.True(full["g/blk0/driver/verifiedReads"] > 20);
        Assert.Equal(full["g/blk0/driver/verifiedReads"], sampled["g/blk0/driver/verifiedReads"] + sampled["g/blk0/driver/unverifiedReads"]);
        Assert.Equal(sampled, Counts("{ sample: 0.5 }"));
        Assert.Equal(0, Counts("none")["g/blk0/driver/verifiedReads"]);
    }

    [Fact]
    public void The_skipped_reads_metric_is_described()
    {
        var entry = Assert.Single(MetricCatalog.Of(ScenarioLoader.LoadText(Scenario("none"), "s.yaml")), e => e.Path.EndsWith("/unverifiedReads", StringComparison.Ordinal));
        Assert.Contains("could have checked", entry.Description);
    }

    [Fact]
    public void An_unknown_mode_is_located_and_names_the_choices() =>
        ScenarioAssert.RejectedAt(Scenario("partial"), 16, 19, "workload.verify", "expected full, none or { sample: FRACTION }", "found 'partial'");

    [Fact]
    public void A_sample_above_one_is_located_at_the_fraction() =>
        ScenarioAssert.RejectedAt(Scenario("{ sample: 1.5 }"), 16, 29, "expected a fraction of reads between 0 and 1", "found '1.5'");

    [Fact]
    public void A_sample_that_is_not_a_number_is_located_at_the_fraction() =>
        ScenarioAssert.RejectedAt(Scenario("{ sample: often }"), 16, 29, "expected a number", "found 'often'");

    [Fact]
    public void A_misspelt_sample_key_gets_a_suggestion() =>
        ScenarioAssert.RejectedAt(Scenario("{ sampel: 0.1 }"), 16, 21, "did you mean 'sample'");

    [Fact]
    public void A_list_is_refused_at_the_key() =>
        ScenarioAssert.RejectedAt(Scenario("[full]"), 16, 19, "expected full, none or { sample: FRACTION }", "found a sequence");
}
