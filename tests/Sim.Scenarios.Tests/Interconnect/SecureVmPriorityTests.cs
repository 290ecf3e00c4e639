namespace Sim.Scenarios.Tests.Interconnect;

/// <summary>
/// What issue 5 says <c>scenarios/interconnect/secure-vm-priority.yaml</c> must show, as the scenario's own claims
/// (issue 19), decided as <c>sim sweep</c> decides them on the study cut to media queue depths 4 and 32, one
/// replication, 200 ms after the warm-up: the safety VM's display keeps its deadlines under priority at every depth,
/// and misses them under every other policy once the media VMs saturate the bus.
/// </summary>
public sealed class SecureVmPriorityTests
{
    [Fact]
    public void Every_claim_of_the_study_holds_at_a_light_and_a_saturating_media_load()
    {
        var summary = Claims.ShippedClaims.OfStudy("scenarios/interconnect/secure-vm-priority.yaml",
            text => text.Replace("duration: 1s", "duration: 300ms").Replace("replications: 2", "replications: 1").Replace("values: [4, 8, 16, 32]", "values: [4, 32]"));
        Assert.Equal(8, summary.Claims.Count);
        Assert.Equal(2, summary.Claims[0].Points.Count);
        Assert.Single(summary.Claims[^1].Points);
        Claims.ShippedClaims.AllHold(summary.Claims);
    }
}
