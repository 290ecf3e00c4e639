using Sim.Scenarios.Claims;
using Sim.Studies.Claims;

namespace Sim.Scenarios.Tests.Claims;

/// <summary>
/// How a claim is decided: references resolved among a run's keys, and the outcome from the paired differences'
/// interval (holds, fails, undecided), issue 19.
/// </summary>
public sealed class ClaimEvaluatorTests
{
    private static readonly Dictionary<string, double> Run = new(StringComparer.Ordinal)
    {
        ["xen-grant-map/blk0/driver/latency.mean"] = 40e-6,
        ["xen-grant-persistent/blk0/driver/latency.mean"] = 30e-6,
        ["xen-grant-copy/blk0/driver/latency.mean"] = 35e-6,
        ["icc/vm1/display/deadlineMisses.count"] = 2,
        ["icc/vm2/display/deadlineMisses.count"] = 3,
        ["icc-greedy/vm1/display/deadlineMisses.count"] = 7,
        ["kvm-map/blk0/exposure.pagesMean"] = 1,
        ["xen-map/blk0/exposure.pagesMean"] = 2,
    };

    private static Claim C(string text) => ClaimParser.Parse("c", text, 1, 1);

    [Fact]
    public void A_world_is_named_exactly_or_by_the_end_of_its_name_and_matches_are_summed()
    {
        Assert.Equal(30e-6, ClaimReferences.Value(new MetricReference("latency.mean", "persistent", false), Run));
        Assert.Equal(5, ClaimReferences.Value(new MetricReference("deadlineMisses.count", "icc", false), Run));
        Assert.Equal(7, ClaimReferences.Value(new MetricReference("deadlineMisses.count", "greedy", false), Run));
        Assert.Equal(12, ClaimReferences.Value(new MetricReference("display/deadlineMisses.count", null, false), Run));
        Assert.Equal(5, ClaimReferences.Value(new MetricReference("icc/*/display/deadlineMisses.count", null, true), Run));
    }

    [Theory]
    [InlineData("exposure.pagesMean", "map", "could be any of kvm-map, xen-map")]
    [InlineData("latency.mean", "virtio", "no guest or variant named 'virtio'")]
    [InlineData("latency.p99", null, "no metric value is named latency.p99")]
    public void A_reference_that_finds_nothing_or_too_much_says_what_exists(string name, string? world, string expected)
    {
        var error = Assert.Throws<ClaimReferenceException>(() => ClaimReferences.Value(new MetricReference(name, world, false), Run));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("latency.mean[persistent] < latency.mean[map]", ClaimOutcome.Holds)]
    [InlineData("latency.mean[persistent] > latency.mean[map]", ClaimOutcome.Fails)]
    [InlineData("latency.mean[copy] == latency.mean[map] within 20%", ClaimOutcome.Holds)]
    [InlineData("latency.mean[copy] == latency.mean[map] within 10%", ClaimOutcome.Fails)]
    [InlineData("deadlineMisses.count[icc] <= 5", ClaimOutcome.Holds)]
    [InlineData("deadlineMisses.count[icc] < 5", ClaimOutcome.Fails)]
    public void One_run_decides_by_the_values(string text, ClaimOutcome expected)
    {
        Assert.Equal(expected, ClaimEvaluator.ForRun([C(text)], Run).Single().Outcome);
    }

    [Fact]
    public void A_claim_about_swept_points_is_left_to_the_study()
    {
        Assert.Empty(ClaimEvaluator.ForRun([C("latency.mean[copy] < 1 where vcpus >= 2")], Run));
    }
}
