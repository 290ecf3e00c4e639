using Sim.Core.Costs;
using Sim.Hypervisors.Costs;
using Sim.Devices.Common;
using System.Buffers.Binary;
using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Blk;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Blk;

/// <summary>
/// A one-disk world for actor tests, wired as the scenario builder does: guest memory, the virtio-mmio register file
/// (device ID 2, blk config space), the driver on its vCPU at <c>vm/blk0/driver</c> and the device on its backend thread
/// at <c>vm/blk0/backend</c>, both on one <see cref="BlkTestPlatform"/>.
/// </summary>
internal sealed class BlkWorld
{
    public const string Driver = "vm/blk0/driver";
    public const string Backend = "vm/blk0/backend";
    public const uint VendorId = 0x4D495356;

    /// <summary>Every feature the device offers: both ring formats' options, ACCESS_PLATFORM and FLUSH.</summary>
    public const ulong DeviceFeatures = VirtioFeatures.Version1 | VirtioFeatures.RingPacked | VirtioFeatures.EventIdx
        | VirtioFeatures.IndirectDesc | VirtioFeatures.AccessPlatform | BlkFeatures.Flush;

    public static readonly RingCosts Costs = new(
        CostItem.Of("vcpu.addChain", SimTime.FromNanoseconds(200)), CostItem.Of("vcpu.reclaimChain", SimTime.FromNanoseconds(100)),
        CostItem.Of("backend.popChain", SimTime.FromNanoseconds(300)), CostItem.Of("backend.pushUsed", SimTime.FromNanoseconds(100)),
        CostRate.Of("cpu.memcpy", 10e9));

    /// <summary>The guest I/O stack's work per request in these tests.</summary>
    public static readonly CostItem GuestRequest = CostItem.Of("guest.blk.request", SimTime.FromNanoseconds(500));

    public BlkWorld(BlkWorkload workload, bool packed, ulong seed = 1, bool eventIdx = false, bool indirect = false,
        ushort queueSize = 128, bool keepsContent = true, Func<GuestMemory, BlkGuestLayout, BlkTestPlatform>? platform = null)
    {
        Workload = workload;
        Simulation = new Simulation(seed);
        Layout = BlkGuestLayout.For(queueSize, workload.QueueDepth, workload.RequestBytes);
        Memory = new GuestMemory("vm", Layout.End);
        Platform = platform?.Invoke(Memory, Layout) ?? new BlkTestPlatform(Memory, Layout.BufferArea);
        Storage = new BlkStorage(workload.SectorSpan, BlkTestTiming.Example, keepsContent);
        Transport = VirtioTransport.Mmio(BlkDriver.DeviceId, VendorId, DeviceFeatures, [queueSize], ConfigSpace(workload.SectorSpan), FindingsOf(Simulation, Backend));
        BackendActor = Simulation.Add(Backend, new BlkBackend(Platform, Storage, workload.StorageChannels, Costs, Transport.ForBackend(Simulation.Reserve(Driver))));
        Registers = (MmioDevice)Transport.Device;
        ulong ring = (packed ? VirtioFeatures.RingPacked : 0) | (eventIdx ? VirtioFeatures.EventIdx : 0) | (indirect ? VirtioFeatures.IndirectDesc : 0);
        DriverActor = Simulation.Add(Driver, new BlkDriver(Memory, Transport.ForDriver(BackendActor.Ref), Platform, ring, queueSize, Layout, workload, RequestArrivals.Loop(workload.Interarrival), Costs, GuestRequest));
    }

    /// <summary>Where a register file built before its backend at <paramref name="backend"/> reports driver misuse: that backend's findings.</summary>
    public static TransportFindings FindingsOf(Simulation simulation, string backend) => new(simulation.FindingsOf(simulation.Reserve(backend)));

    public BlkWorkload Workload { get; }
    public Simulation Simulation { get; }
    public BlkGuestLayout Layout { get; }
    public GuestMemory Memory { get; }
    public BlkTestPlatform Platform { get; }
    public BlkStorage Storage { get; }
    public VirtioTransport Transport { get; }
    public MmioDevice Registers { get; }
    public BlkDriver DriverActor { get; }
    public BlkBackend BackendActor { get; }
    public Dictionary<string, MetricSummary> Metrics { get; private set; } = new();

    public IReadOnlyList<Finding> Findings => Simulation.Findings;

    /// <summary>Runs to <paramref name="end"/> (metrics reset at <paramref name="warmup"/>) and keeps the summaries.</summary>
    public BlkWorld Run(SimTime end, SimTime warmup = default)
    {
        var outcome = Simulation.Run(new RunLimits(end, warmup));
        Assert.False(outcome.IsPartial);
        Metrics = Simulation.Metrics.SummarizeAll(Simulation.Now).ToDictionary(m => m.Key, m => m.Value);
        return this;
    }

    public double DriverMetric(string name, string value = "count") => Metrics[$"{Driver}/{name}"].Get(value);

    public double BackendMetric(string name, string value = "count") => Metrics[$"{Backend}/{name}"].Get(value);

    public string FindingsText => string.Join("\n", Findings.Select(f => $"{f.Time} {f.Actor} {f.Rule}: {f.Detail}"));

    /// <summary>
    /// <c>struct virtio_blk_config</c> built independently of <see cref="BlkConfigSpace"/>: 72 bytes, capacity at 0
    /// (virtio 1.2, 5.2.4), every other field zero.
    /// </summary>
    public static byte[] ConfigSpace(ulong capacitySectors)
    {
        var bytes = new byte[72];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, capacitySectors);
        return bytes;
    }
}
