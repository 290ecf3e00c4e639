using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Gpio;
using Sim.Tests.Shared;

namespace Sim.Devices.Tests.Gpio;

/// <summary>
/// The edge-interrupt accounting of one GPIO line (virtio 1.2, 5.18.6 and 5.18.7): over any sequence of level changes
/// and driver re-arms, every edge the trigger type selects is delivered exactly once (at once, or latched and delivered
/// at the next re-arm, or still latched at the end) or counted missed; a re-arm delivers at most one interrupt; a level
/// trigger never latches.
/// </summary>
public sealed class GpioIrqPropertyTests
{
    private static readonly Arbitrary<(uint Type, bool[] Steps)> Cases = Arb.From(
        from type in Gen.Elements(GpioLayout.IrqTypeEdgeRising, GpioLayout.IrqTypeEdgeFalling, GpioLayout.IrqTypeEdgeBoth)
        from steps in Gen.Choose(0, 60).SelectMany(n => Gen.ArrayOf(Gen.Elements(true, false), n))
        select (type, steps));

    [Fact]
    public void Every_selected_edge_is_delivered_once_or_counted_missed()
    {
        var property = Prop.ForAll(Cases, c =>
        {
            var irq = new GpioIrqLine();
            irq.SetType(c.Type);
            int selected = 0, delivered = 0, latched = 0, missed = 0, deliveredAtArm = 0;
            foreach (bool toggle in c.Steps)
            {
                if (toggle)
                {
                    bool high = !irq.High;
                    if ((c.Type & (high ? GpioLayout.IrqTypeEdgeRising : GpioLayout.IrqTypeEdgeFalling)) != 0) selected++;
                    switch (irq.Change(high))
                    {
                        case GpioEdgeOutcome.Delivered: delivered++; break;
                        case GpioEdgeOutcome.Latched: latched++; break;
                        case GpioEdgeOutcome.Missed: missed++; break;
                    }
                }
                else if (!irq.Armed && irq.Arm()) deliveredAtArm++;
            }
            int pending = irq.Latched ? 1 : 0;
            return (selected == delivered + latched + missed && latched == deliveredAtArm + pending)
                .Label($"selected {selected}, delivered {delivered}, latched {latched} (at arm {deliveredAtArm}, pending {pending}), missed {missed}");
        });
        Check.One(PropertyRuns.Config(300), property);
    }

    [Fact]
    public void A_level_interrupt_is_not_latched_and_fires_on_unmask_only_while_active()
    {
        var irq = new GpioIrqLine();
        irq.SetType(GpioLayout.IrqTypeLevelHigh);
        Assert.Equal(GpioEdgeOutcome.None, irq.Change(true));   // masked: not latched
        Assert.False(irq.Latched);
        Assert.True(irq.Arm());                                 // still high: delivered on unmask
        Assert.Equal(GpioEdgeOutcome.None, irq.Change(false));
        Assert.False(irq.Arm());                                // low: waits
        Assert.Equal(GpioEdgeOutcome.Delivered, irq.Change(true));
    }
}
