using Sim.Core.Actors;
using Sim.Core.Costs;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Devices.Common;
using Sim.Devices.I2c;
using Sim.Devices.Tests.Blk;
using Sim.Devices.Tests.Common;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Devices.Tests.I2c;

/// <summary>
/// The virtio-i2c driver and backend as actors over virtio-mmio (virtio 1.2, 5.16): polls of a present sensor
/// complete with their transfer latency above the bus time; polls of an absent address NACK and fail; a chain whose
/// buffer direction contradicts VIRTIO_I2C_FLAGS_M_RD is a finding and the device needs a reset.
/// </summary>
public sealed class I2cActorTests
{
    private const string Driver = "vm/i2c0/driver", Backend = "vm/i2c0/backend";
    private static readonly I2cCosts Costs = new(CostItem.Of("i2c.backend.request", SimTime.FromMicroseconds(3)), CostItem.Of("i2c.guest.transfer", SimTime.FromMicroseconds(1)));

    private static (Simulation Simulation, Dictionary<string, Sim.Core.Statistics.MetricSummary> Metrics) Run(byte polled, double milliseconds = 50)
    {
        var simulation = new Simulation(3);
        var layout = I2cGuestLayout.For(16, 2, 2, 0x1000);
        var memory = new GuestMemory("vm", layout.End);
        var platform = new BlkTestPlatform(memory, layout.SlotArea);
        ulong offered = VirtioFeatures.Version1 | VirtioFeatures.AccessPlatform | 1UL << I2cLayout.FeatureZeroLengthRequest;
        var transport = VirtioTransport.Mmio(I2cLayout.DeviceId, BlkWorld.VendorId, offered, [16], [], BlkWorld.FindingsOf(simulation, Backend));
        var bus = new I2cBus(I2cBusSpeed.Standard, [new I2cTemperatureSensor(0x48)]);
        var backend = simulation.Add(Backend, new I2cBackend(platform, bus, BlkWorld.Costs, Costs, transport.ForBackend(simulation.Reserve(Driver))));
        var workload = new I2cWorkload(polled, 0, 2, new Sim.Core.Randomness.ConstantDelay(SimTime.FromMilliseconds(5)));
        simulation.Add(Driver, new I2cDriver(memory, transport.ForDriver(backend.Ref), platform, 0, layout, workload, BlkWorld.Costs, Costs));
        Assert.False(simulation.Run(new RunLimits(SimTime.FromMilliseconds(milliseconds), SimTime.Zero)).IsPartial);
        return (simulation, simulation.Metrics.SummarizeAll(simulation.Now).ToDictionary(m => m.Key, m => m.Value));
    }

    [Fact]
    public void Polls_of_a_present_sensor_complete_and_take_at_least_the_bus_time()
    {
        var (simulation, metrics) = Run(0x48);
        Assert.Empty(simulation.Findings);
        Assert.Equal(9, metrics[$"{Driver}/transfers"].Get("count"));
        Assert.Equal(0, metrics[$"{Driver}/failedTransfers"].Get("count"));
        Assert.Equal(18, metrics[$"{Backend}/requests"].Get("count"));
        Assert.True(metrics[$"{Driver}/transferLatency"].Get("min") >= 471.4e-6, $"{metrics[$"{Driver}/transferLatency"].Get("min")}");
    }

    [Fact]
    public void Polls_of_an_absent_address_nack_and_fail_the_rest_of_the_group()
    {
        var (simulation, metrics) = Run(0x40);
        Assert.Empty(simulation.Findings);
        Assert.Equal(0, metrics[$"{Driver}/transfers"].Get("count"));
        Assert.Equal(9, metrics[$"{Driver}/failedTransfers"].Get("count"));
        Assert.Equal(9, metrics[$"{Backend}/nacks"].Get("count"));
        Assert.Equal(9, metrics[$"{Backend}/failedInGroup"].Get("count"));
    }

    [Fact]
    public void A_read_whose_buffer_is_device_readable_is_a_finding_and_the_device_needs_a_reset()
    {
        var simulation = new Simulation(1);
        var memory = new GuestMemory("vm", 0x100000);
        var platform = new BlkTestPlatform(memory, 0x10000) { Clock = () => simulation.Now };
        ulong offered = VirtioFeatures.Version1 | VirtioFeatures.AccessPlatform | 1UL << I2cLayout.FeatureZeroLengthRequest;
        var transport = VirtioTransport.Mmio(I2cLayout.DeviceId, BlkWorld.VendorId, offered, [16], [], BlkWorld.FindingsOf(simulation, Backend));
        var bus = new I2cBus(I2cBusSpeed.Standard, [new I2cTemperatureSensor(0x48)]);
        var backend = simulation.Add(Backend, new I2cBackend(platform, bus, BlkWorld.Costs, Costs, transport.ForBackend(simulation.Reserve(Driver))));
        simulation.Add(Driver, new OneChainSender(transport, offered, [new QueueSetup(0, 16, 0x1000, 0x1100, 0x1200)], memory, backend.Ref, queue =>
        {
            var header = new byte[I2cLayout.OutHdr.Size];
            I2cRequest.WriteHeader(header, 0x48, I2cLayout.FlagMRd);
            memory.Write(0x20000, header);
            var h = platform.Map(0x20000, I2cLayout.OutHdr.Size, DmaDirection.ToDevice).Buffer;
            var b = platform.Map(0x20100, 2, DmaDirection.ToDevice).Buffer;
            var s = platform.Map(0x20200, 1, DmaDirection.FromDevice).Buffer;
            Assert.True(queue.TryAdd([new(h.DmaAddress, h.Length), new(b.DmaAddress, b.Length)], [new(s.DmaAddress, s.Length)], 0));
        }));
        simulation.Run(new RunLimits(SimTime.FromMilliseconds(1), SimTime.Zero));
        var finding = Assert.Single(simulation.Findings);
        Assert.Equal("i2c-malformed-request", finding.Rule);
        Assert.Equal("virtio 1.2, 5.16.6.3", finding.Reference);
        Assert.True((((MmioDevice)transport.Device).Status & DeviceStatus.DeviceNeedsReset) != 0);
    }
}
