using Sim.Core.Actors;
using Sim.Core.Costs;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Devices.Common;
using Sim.Devices.Gpio;
using Sim.Devices.Tests.Blk;
using Sim.Devices.Tests.Common;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;

namespace Sim.Devices.Tests.Gpio;

/// <summary>
/// The virtio-gpio driver, backend and line signals as actors over virtio-mmio (virtio 1.2, 5.18): the probe and set-up
/// complete without an error and every edge of a door switch is delivered, latched or missed; a 4-byte request is a
/// finding and the device needs a reset.
/// </summary>
public sealed class GpioActorTests
{
    private const string Driver = "vm/gpio0/driver", Backend = "vm/gpio0/backend";
    private static readonly GpioCosts Costs = new(CostItem.Of("gpio.backend.request", SimTime.FromMicroseconds(2)), CostItem.Of("gpio.backend.irq", SimTime.FromMicroseconds(4)),
        CostItem.Of("gpio.guest.request", SimTime.FromMicroseconds(1)), CostItem.Of("gpio.guest.irq", SimTime.FromMicroseconds(2)));

    private static ulong Offered => VirtioFeatures.Version1 | VirtioFeatures.AccessPlatform | 1UL << GpioLayout.FeatureIrq;

    [Fact]
    public void A_door_switch_s_edges_are_delivered_latched_or_missed_and_nothing_is_an_error()
    {
        var simulation = new Simulation(5);
        var fast = new Sim.Core.Randomness.ExponentialDelay(SimTime.FromMicroseconds(300));
        var workload = new GpioWorkload([
            new GpioLineSpec("door", GpioLineRole.Input, GpioLayout.IrqTypeEdgeBoth, fast, fast),
            new GpioLineSpec("light", GpioLineRole.Output),
            new GpioLineSpec("", GpioLineRole.Unused),
        ], new Sim.Core.Randomness.ConstantDelay(SimTime.FromMilliseconds(1)));
        var layout = GpioGuestLayout.For(16, 4, 3, workload.NamesSize, 0x1000);
        var memory = new GuestMemory("vm", layout.End);
        var platform = new BlkTestPlatform(memory, layout.SlotArea);
        var chip = new GpioChip([.. workload.Lines.Select(l => l.Name)]);
        var transport = VirtioTransport.Mmio(GpioLayout.DeviceId, BlkWorld.VendorId, Offered, [16, 16], chip.Config(), BlkWorld.FindingsOf(simulation, Backend));
        var backend = simulation.Add(Backend, new GpioBackend(platform, chip, BlkWorld.Costs, Costs, transport.ForBackend(simulation.Reserve(Driver))));
        simulation.Add(Driver, new GpioDriver(memory, transport.ForDriver(backend.Ref), platform, 0, layout, workload, BlkWorld.Costs, Costs));
        simulation.Add("vm/gpio0/lines", new GpioLineSource(workload, backend.Ref));
        Assert.False(simulation.Run(new RunLimits(SimTime.FromMilliseconds(50), SimTime.Zero)).IsPartial);
        var metrics = simulation.Metrics.SummarizeAll(simulation.Now).ToDictionary(m => m.Key, m => m.Value);
        double Count(string path) => metrics[path].Get("count");
        Assert.Empty(simulation.Findings);
        Assert.Equal(0, Count($"{Driver}/errors"));
        Assert.Equal(0, Count($"{Backend}/errors"));
        Assert.True(Count($"{Driver}/irqs") > 20, $"{Count($"{Driver}/irqs")} irqs");
        Assert.Equal(Count($"{Backend}/irqs"), Count($"{Driver}/irqs"));
        // Every edge after the interrupt was enabled is delivered (at once or latched) or missed; at most one is still latched.
        double accounted = Count($"{Backend}/irqs") + Count($"{Backend}/irqsMissed");
        double edges = Count("vm/gpio0/lines/edges");
        Assert.InRange(edges - accounted, 0, 4);
        Assert.Equal(Count($"{Driver}/irqs"), metrics[$"{Driver}/irqLatency"].Get("count"));
    }

    [Fact]
    public void A_request_of_four_bytes_is_a_finding_and_the_device_needs_a_reset()
    {
        var simulation = new Simulation(1);
        var memory = new GuestMemory("vm", 0x100000);
        var platform = new BlkTestPlatform(memory, 0x10000) { Clock = () => simulation.Now };
        var chip = new GpioChip(["a"]);
        var transport = VirtioTransport.Mmio(GpioLayout.DeviceId, BlkWorld.VendorId, Offered, [16, 16], chip.Config(), BlkWorld.FindingsOf(simulation, Backend));
        var backend = simulation.Add(Backend, new GpioBackend(platform, chip, BlkWorld.Costs, Costs, transport.ForBackend(simulation.Reserve(Driver))));
        simulation.Add(Driver, new OneChainSender(transport, Offered, [new QueueSetup(0, 16, 0x1000, 0x1100, 0x1200), new QueueSetup(1, 16, 0x2000, 0x2100, 0x2200)],
            memory, backend.Ref, queue =>
            {
                var r = platform.Map(0x20000, 4, DmaDirection.ToDevice).Buffer;
                var s = platform.Map(0x20100, 2, DmaDirection.FromDevice).Buffer;
                Assert.True(queue.TryAdd([new(r.DmaAddress, r.Length)], [new(s.DmaAddress, s.Length)], 0));
            }));
        simulation.Run(new RunLimits(SimTime.FromMilliseconds(1), SimTime.Zero));
        var finding = Assert.Single(simulation.Findings);
        Assert.Equal("gpio-malformed-request", finding.Rule);
        Assert.Equal("virtio 1.2, 5.18.6", finding.Reference);
        Assert.True((((MmioDevice)transport.Device).Status & DeviceStatus.DeviceNeedsReset) != 0);
    }
}
