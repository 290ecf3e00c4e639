using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Devices.Adversaries;

namespace Sim.Devices.Tests.Adversaries;

/// <summary>
/// A malicious driver writing random bytes into its own rings (a shorter run of <c>sim bench hostile</c>): the device
/// never throws, never hangs, never touches memory it was not given, and reports what it found.
/// </summary>
public sealed class HostileDriverTests
{
    [Theory]
    [InlineData(false, false, false, 1UL)]
    [InlineData(false, true, true, 2UL)]
    [InlineData(true, false, false, 3UL)]
    [InlineData(true, true, true, 4UL)]
    public void The_device_survives_a_hostile_driver_and_reports_findings(bool packed, bool eventIdx, bool indirect, ulong seed)
    {
        var report = HostileDriverRun.Run(packed, eventIdx, indirect, seed, steps: 40_000);
        Assert.True(report.BreachCount == 0, string.Join("\n", report.Breaches));
        Assert.True(report.Pops > 1_000, $"only {report.Pops} chains accepted");
        Assert.True(report.Resets > 10, $"only {report.Resets} resets");
        Assert.Equal(report.Resets, report.ViolationsByRule.Values.Sum() + report.DriverFaults, 0.5 * report.Resets);
        Assert.True(report.ViolationsByRule.Count >= 4, "few kinds of findings: " + string.Join(", ", report.ViolationsByRule.Keys));
    }

    [Fact]
    public void A_hostile_run_replays_exactly_from_its_seed()
    {
        var a = HostileDriverRun.Run(packed: true, eventIdx: true, indirect: true, seed: 9, steps: 5_000);
        var b = HostileDriverRun.Run(packed: true, eventIdx: true, indirect: true, seed: 9, steps: 5_000);
        Assert.Equal((a.Pops, a.Resets, a.DriverFaults), (b.Pops, b.Resets, b.DriverFaults));
        Assert.Equal(a.ViolationsByRule.OrderBy(kv => kv.Key), b.ViolationsByRule.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void A_driver_or_device_cannot_be_built_without_its_peer()
    {
        var setup = new HostileQueueSetup(packed: false, eventIdx: false, indirect: false);

        Assert.Equal("backend", Assert.Throws<ArgumentException>(() => new HostileDriver(setup, steps: 10, ActorRef.None)).ParamName);
        Assert.Equal("driver", Assert.Throws<ArgumentException>(() => new HostileTarget(setup, ActorRef.None)).ParamName);
    }
}
