using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Time;
using Sim.Devices.Input;
using Sim.Tests.Shared;

namespace Sim.Devices.Tests.Input;

/// <summary>
/// How reports reach the guest (virtio 1.2, 5.8.6.1): whole or not at all, in order, one event per posted buffer; a
/// report needing more buffers than the driver keeps posted is dropped whole; events the device did not declare are
/// the driver's finding.
/// </summary>
public sealed class InputDeliveryTests
{
    private static InputEvent[] Report(int events, int timestampMicros)
    {
        var report = new InputEvent[events];
        for (int i = 0; i < events - 2; i++) report[i] = new InputEvent(InputCodes.EvRel, InputCodes.RelDial, i % 2 == 0 ? 1 : -1);
        report[events - 2] = new InputEvent(InputCodes.EvMsc, InputCodes.MscTimestamp, timestampMicros);
        report[events - 1] = InputEvent.SynReport;
        return report;
    }

    [Fact]
    public void A_report_is_dropped_exactly_when_it_needs_more_buffers_than_are_posted_and_the_rest_arrive_whole()
    {
        var gen = from buffers in Gen.Choose(2, 16)
                  from sizes in Gen.Choose(2, 20).ArrayOf().Where(a => a.Length is > 0 and <= 40)
                  select (buffers, sizes);
        Check.One(PropertyRuns.Config(40), Prop.ForAll(Arb.From(gen), c =>
        {
            // Reports 1 ms apart, each on a whole microsecond: the driver has re-posted every buffer before the next.
            var reports = c.sizes.Select((n, i) => (SimTime.FromMilliseconds(i + 1), Report(n, (i + 1) * 1000))).ToList();
            var rig = new InputRig(InputDeviceProfile.Rotary(), c.buffers, reports).Run(SimTime.FromMilliseconds(c.sizes.Length + 2));
            Assert.Empty(rig.Findings);
            int delivered = c.sizes.Count(n => n <= c.buffers), dropped = c.sizes.Length - delivered;
            Assert.Equal(delivered, rig.Metric(InputRig.Backend + "/reports"));
            Assert.Equal(dropped, rig.Metric(InputRig.Backend + "/reportsDropped"));
            Assert.Equal(c.sizes.Where(n => n > c.buffers).Sum(), rig.Metric(InputRig.Backend + "/eventsDropped"));
            Assert.Equal(delivered, rig.Metric(InputRig.Driver + "/reports"));
            Assert.Equal(c.sizes.Where(n => n <= c.buffers).Sum(), rig.Metric(InputRig.Driver + "/events"));
            Assert.Equal(delivered, rig.Metric(InputRig.Driver + "/reportLatency"));
        }));
    }

    [Fact]
    public void An_event_the_device_did_not_declare_is_a_finding_once_and_counted_every_time()
    {
        var reports = Enumerable.Range(1, 5).Select(i => (SimTime.FromMilliseconds(i), Report(3, i * 1000))).ToList();
        var rig = new InputRig(InputDeviceProfile.Touchscreen(800, 480), 64, reports).Run(SimTime.FromMilliseconds(10));
        var finding = Assert.Single(rig.Findings);
        Assert.Equal("input-event-undeclared", finding.Rule);
        Assert.Equal(5, rig.Metric(InputRig.Driver + "/eventsUndeclared"));
        Assert.Equal(5, rig.Metric(InputRig.Driver + "/reports"));
    }

    [Fact]
    public void The_driver_learns_the_device_from_its_configuration()
    {
        var rig = new InputRig(InputDeviceProfile.Touchscreen(800, 480), 64, []).Run(SimTime.FromMilliseconds(1));
        var device = rig.DriverActor.Device!;
        Assert.Equal("VirtioSim touchscreen", device.Name);
        Assert.Equal(InputCodes.BusVirtual, device.Bustype);
        Assert.Equal([InputCodes.InputPropDirect], device.Properties);
        Assert.Contains(new InputAxis(InputCodes.AbsMtPositionX, 0, 799), device.Axes);
        Assert.True(device.Declares(InputCodes.EvKey, InputCodes.BtnTouch));
        Assert.False(device.Declares(InputCodes.EvRel, InputCodes.RelDial));
    }
}
