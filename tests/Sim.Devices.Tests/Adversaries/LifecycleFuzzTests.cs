using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Adversaries;
using Sim.Tests.Shared;

namespace Sim.Devices.Tests.Adversaries;

/// <summary>
/// The device side through its whole lifecycle (a shorter run of the campaign in <c>sim bench hostile</c>): a driver
/// writing registers in every state, resetting the device and its queue, setting queues up on other rings, adding and
/// scribbling chains and kicking, against the real virtio-blk backend; no access the reference model
/// (<see cref="LifecycleReference"/>, from the driver's side) does not allow, no exception, no hang, and every request
/// the device opens closed once.
/// </summary>
public sealed class LifecycleFuzzTests
{
    [Theory]
    [InlineData("mmio", 21UL)]
    [InlineData("pci", 22UL)]
    public void The_device_touches_nothing_outside_a_live_enabled_queue_whatever_the_driver_does(string transport, ulong seed)
    {
        var report = LifecycleFuzzRun.Run(transport, seed, steps: 60_000);

        Assert.True(report.BreachCount == 0, string.Join("\n", report.Breaches));
        Assert.True(report.Completed, "the run did not reach its end");
        Assert.Equal(60_000, report.Steps);
        Assert.Equal(0, report.BadRequestEnds);
        // The campaign reaches every state it is meant to: requests served, resets that found the device serving,
        // kicks the device had to ignore, and many kinds of misuse reported.
        Assert.True(report.Served > 500, $"only {report.Served} requests served");
        Assert.True(report.DeviceResets > 200, $"only {report.DeviceResets} resets of a serving device");
        Assert.True(report.KicksIgnored > 100, $"only {report.KicksIgnored} kicks ignored");
        Assert.True(report.ViolationsByRule.Count >= 6, "few kinds of findings: " + string.Join(", ", report.ViolationsByRule.Keys));
    }

    [Fact]
    public void A_campaign_replays_exactly_from_its_seed()
    {
        var a = LifecycleFuzzRun.Run("mmio", 5, steps: 5_000);
        var b = LifecycleFuzzRun.Run("mmio", 5, steps: 5_000);
        Assert.Equal((a.Served, a.DeviceResets, a.KicksIgnored, a.Accesses), (b.Served, b.DeviceResets, b.KicksIgnored, b.Accesses));
        Assert.Equal(a.ViolationsByRule.OrderBy(kv => kv.Key), b.ViolationsByRule.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void Any_sequence_of_lifecycle_actions_keeps_the_device_within_what_the_reference_allows()
    {
        // FsCheck draws the actions (and shrinks a failing sequence to the fewest steps); the parameters of each come
        // from the driver's stream.
        var scripts = Arb.From(Gen.NonEmptyListOf(Gen.Choose(0, 99)).Select(list => list.ToArray()));
        var property = Prop.ForAll(scripts, script =>
        {
            foreach (string transport in new[] { "mmio", "pci" })
            {
                var report = LifecycleFuzzRun.Run(transport, 3, script);
                if (report.BreachCount != 0 || !report.Completed || report.BadRequestEnds != 0)
                    return false.Label($"{transport}: {report.BreachCount} breaches ({string.Join("; ", report.Breaches)}), completed {report.Completed}");
            }
            return true.ToProperty();
        });
        Check.One(PropertyRuns.Config(200), property);
    }
}
