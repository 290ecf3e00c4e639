using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Blk;
using Sim.Devices.Tests.Blk;
using Sim.Devices.Common;
using Sim.Devices.Virtio.Pci;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Pci;

/// <summary>
/// virtio-blk driven through <see cref="VirtioTransport.Pci"/> by its actors, as a scenario would wire it: the same
/// driver and device models as over virtio-mmio, only the transport changes. With MSI-X each interrupt is taken without
/// a register access; with INTx# each one reads the ISR.
/// </summary>
public sealed class PciBlkWorldTests
{
    private sealed class World
    {
        public World(bool useMsix, int depth)
        {
            var workload = new BlkWorkload(4096, 0.5, depth, 64 * 8);
            Simulation = new Simulation(7);
            var layout = BlkGuestLayout.For(128, depth, 4096);
            var memory = new GuestMemory("vm", layout.End);
            Platform = new BlkTestPlatform(memory, layout.BufferArea);
            Transport = VirtioTransport.Pci(BlkDriver.DeviceId, 0x1af4, BlkWorld.DeviceFeatures, [128], BlkWorld.ConfigSpace(workload.SectorSpan),
                BlkWorld.FindingsOf(Simulation, BlkWorld.Backend), useMsix);
            var backend = Simulation.Add(BlkWorld.Backend, new BlkBackend(Platform, new BlkStorage(workload.SectorSpan, BlkTestTiming.Example), workload.StorageChannels, BlkWorld.Costs,
                Transport.ForBackend(Simulation.Reserve(BlkWorld.Driver))));
            Simulation.Add(BlkWorld.Driver, new BlkDriver(memory, Transport.ForDriver(backend.Ref), Platform, 0, 128, layout, workload, RequestArrivals.Loop(workload.Interarrival), BlkWorld.Costs, BlkWorld.GuestRequest));
        }

        public Simulation Simulation { get; }
        public BlkTestPlatform Platform { get; }
        public VirtioTransport Transport { get; }
        public PciDevice Device => (PciDevice)Transport.Device;
        public Dictionary<string, MetricSummary> Metrics { get; private set; } = [];

        public World Run()
        {
            Assert.False(Simulation.Run(new RunLimits(SimTime.FromMilliseconds(10), default)).IsPartial);
            Metrics = Simulation.Metrics.SummarizeAll(Simulation.Now).ToDictionary(m => m.Key, m => m.Value);
            return this;
        }

        public double Metric(string actor, string name) => Metrics[$"{actor}/{name}"].Get("count");
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 1)]
    [InlineData(true, 8)]
    [InlineData(false, 8)]
    public void Requests_complete_over_pci_with_msix_and_with_intx(bool useMsix, int depth)
    {
        var world = new World(useMsix, depth).Run();
        Assert.True(world.Simulation.Findings.Count == 0, string.Join("\n", world.Simulation.Findings.Select(f => $"{f.Rule}: {f.Detail}")));
        Assert.Equal("pci", world.Transport.Driver.Name);
        Assert.Equal(useMsix, world.Transport.Driver.MessageSignalled);
        Assert.Equal(useMsix, world.Device.MsixEnabled);
        Assert.True(world.Metric(BlkWorld.Driver, "requests") > 20);
        Assert.Equal(world.Metric(BlkWorld.Driver, "kicks"), world.Metric(BlkWorld.Backend, "kicks"));
        Assert.True(world.Metric(BlkWorld.Driver, "interrupts") > 0);
    }

    [Fact]
    public void Msix_interrupts_cost_no_register_access_and_intx_ones_cost_one_isr_read()
    {
        var msix = new World(useMsix: true, depth: 1).Run();
        var intx = new World(useMsix: false, depth: 1).Run();
        double msixInterrupts = msix.Metric(BlkWorld.Driver, "interrupts"), intxInterrupts = intx.Metric(BlkWorld.Driver, "interrupts");
        double msixKicks = msix.Metric(BlkWorld.Driver, "kicks"), intxKicks = intx.Metric(BlkWorld.Driver, "kicks");
        long msixInit = InitAccesses(useMsix: true), intxInit = InitAccesses(useMsix: false);

        // The platform charges initialisation and, with INTx#, one ISR read per interrupt (a kick's notify write is charged as the kick).
        Assert.Equal(msixInit, msix.Platform.RegisterAccessCount);
        Assert.Equal(intxInit + intxInterrupts, intx.Platform.RegisterAccessCount);
        Assert.Equal(msixInit + msixKicks, msix.Transport.Driver.Accesses);
        Assert.Equal(intxInit + intxKicks + intxInterrupts, intx.Transport.Driver.Accesses);
        Assert.True(msixInterrupts > 20 && intxInterrupts > 20);
    }

    private static long InitAccesses(bool useMsix)
    {
        var world = new World(useMsix, 1);
        world.Simulation.Run(new RunLimits(SimTime.FromNanoseconds(1), default));
        return world.Platform.RegisterAccessCount; // by then the driver has initialised the device and kicked, nothing more
    }
}
