using Sim.Core.Costs;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Devices.Common;
using Sim.Devices.Sound;
using Sim.Devices.Tests.Blk;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Sound;

/// <summary>A one-guest virtio-snd world over virtio-mmio on the test-double platform: the driver (or a given one) and the backend.</summary>
internal sealed class SoundRig
{
    public const string Driver = "vm/snd0/driver";
    public const string Backend = "vm/snd0/backend";

    public static readonly SoundCosts Costs = new(CostItem.Of("sound.backend.period", SimTime.FromMicroseconds(10)), CostItem.Of("sound.guest.period", SimTime.FromMicroseconds(8)));

    public Simulation Simulation { get; } = new(11);
    public SoundBackend BackendActor { get; }
    public MmioDevice Registers { get; }

    public SoundRig(SoundWorkload workload, SoundCosts? costs = null,
        Func<GuestMemory, DriverWiring, BlkTestPlatform, SoundGuestLayout, VirtioDriver>? driver = null, ulong ringFeatures = 0)
    {
        var memory = new GuestMemory("vm", 16UL << 20);
        var layout = SoundGuestLayout.For(64, workload.TotalStreams, workload.Slots, workload.PeriodBytes, 0x10000, workload.CaptureSlots, workload.CapturePeriodBytes);
        var platform = new BlkTestPlatform(memory, layout.EventBufferArea);
        var transport = VirtioTransport.Mmio(SoundLayout.DeviceId, 0x4D495356, VirtioFeatures.Version1 | VirtioFeatures.AccessPlatform | VirtioFeatures.EventIdx,
            Enumerable.Repeat((ushort)64, SoundLayout.QueueCount).ToList(), SoundLayout.ConfigBytes((uint)workload.JackList.Count, (uint)workload.TotalStreams, (uint)workload.ChannelMapList.Count), BlkWorld.FindingsOf(Simulation, Backend));
        Registers = (MmioDevice)transport.Device;
        BackendActor = Simulation.Add(Backend, new SoundBackend(platform, workload.StreamInfos, BlkWorld.Costs, costs ?? Costs, transport.ForBackend(Simulation.Reserve(Driver), null),
            workload.JackList, workload.ChannelMapList, workload.JackEvents));
        var registers = transport.ForDriver(BackendActor.Ref);
        VirtioDriver guest = driver?.Invoke(memory, registers, platform, layout)
            ?? new SoundDriver(memory, registers, platform, ringFeatures, layout, workload, RequestArrivals.OnDemand(), BlkWorld.Costs, costs ?? Costs);
        Simulation.Add(Driver, guest);
    }

    public SoundRig Run(SimTime end)
    {
        Simulation.Run(new RunLimits(end, SimTime.Zero, null));
        return this;
    }

    public IReadOnlyList<Finding> Findings => Simulation.Findings;

    public string FindingsText => string.Join("; ", Findings.Select(f => $"{f.Rule}: {f.Detail}"));

    public double Metric(string path, string value = "count") =>
        Simulation.Metrics.SummarizeAll(Simulation.Now).Single(p => p.Key == path).Value.Get(value);
}
