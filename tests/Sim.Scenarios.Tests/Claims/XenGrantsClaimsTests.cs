namespace Sim.Scenarios.Tests.Claims;

/// <summary>
/// <c>scenarios/sharing/xen-grants.yaml</c>'s claims, decided as <c>sim sweep</c> decides them, on the study cut to its
/// 4 KiB points and 3 replications (the claims, the backend vCPU sweep and their <c>where</c>s as written).
/// </summary>
public sealed class XenGrantsClaimsTests
{
    [Fact]
    public void Every_claim_of_the_study_holds_at_its_4KiB_points()
    {
        var summary = ShippedClaims.OfStudy("scenarios/sharing/xen-grants.yaml",
            text => text.Replace("replications: 10", "replications: 3").Replace("values: [4KiB, 16KiB, 64KiB]", "values: [4KiB]"));
        Assert.Equal(4, summary.Points.Count);
        Assert.Equal(8, summary.Claims.Count);
        Assert.Equal(3, summary.Claims.Single(c => c.Claim.Name == "map/unmap sends flush IPIs with other backend vCPUs").Points.Count);
        ShippedClaims.AllHold(summary.Claims);
    }
}
