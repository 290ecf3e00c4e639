using Sim.Worlds.Results;

namespace Sim.Scenarios.Tests.Interconnect;

/// <summary>
/// What issue 5 says <c>scenarios/interconnect/secure-vm-priority.yaml</c> must show (shortened to 200 ms after the
/// warm-up): the safety VM's display keeps its deadlines while three media VMs saturate the bus only under priority.
/// </summary>
public sealed class SecureVmPriorityTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, InterconnectComparison>> Variants =
        new(() => InterconnectRuns.Run("scenarios/interconnect/secure-vm-priority.yaml", 200).Variants);

    private static VmBandwidth Safety(string variant) => Variants.Value[variant].Vms.Single(v => v.Vm == "safety");

    [Theory]
    [InlineData("priority")]
    [InlineData("priority-caps")]
    public void Under_priority_the_safety_display_misses_nothing(string variant)
    {
        Assert.True(Safety(variant).Frames > 0);
        Assert.Equal(0, Safety(variant).DeadlineMisses);
        Assert.True(Variants.Value[variant].Utilization > 0.95, "the media VMs still fill the rest of the bus");
    }

    [Theory]
    [InlineData("top")]
    [InlineData("icc")]
    [InlineData("max-of-levels")]
    [InlineData("last-writer-wins")]
    [InlineData("caps")]
    public void Under_every_other_policy_the_saturated_bus_makes_the_safety_display_miss(string variant)
    {
        Assert.True(Safety(variant).DeadlineMisses > 0, $"{variant}: {Safety(variant).DeadlineMisses} misses");
        Assert.True(Variants.Value[variant].Utilization > 0.95, $"{variant}: the bus is saturated");
    }
}
