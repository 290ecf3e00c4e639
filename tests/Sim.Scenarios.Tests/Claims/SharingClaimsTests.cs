namespace Sim.Scenarios.Tests.Claims;

/// <summary>
/// The sharing comparisons' conclusions (README, "The sharing comparisons") are their scenario files' claims, decided on
/// a run of each as written (issue 19): lazy invalidation traps less and leaves stale exposure, strict none; the bounce
/// window copies every byte and cuts exposure to the window.
/// </summary>
public sealed class SharingClaimsTests
{
    [Theory]
    [InlineData("scenarios/sharing/iommu-strict-vs-lazy.yaml", 9)]
    [InlineData("scenarios/sharing/window-vs-full.yaml", 5)]
    public void Every_claim_of_the_scenario_holds(string scenario, int claims)
    {
        var verdicts = ShippedClaims.OfRun(scenario);
        Assert.Equal(claims, verdicts.Count);
        ShippedClaims.AllHold(verdicts);
    }
}
