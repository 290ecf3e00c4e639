using Sim.Core.Costs;
using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Devices.Net;
using Sim.Devices.Tests.Blk;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Net;

/// <summary>Sends given frames to a target at given times (the host side of a virtio-net backend in tests).</summary>
internal sealed class FrameInjector(IReadOnlyList<(SimTime At, NetFrame Frame)> frames, ActorRef target) : Actor
{
    protected override void OnStart()
    {
        foreach (var (at, frame) in frames) Send(Self, frame, at);
    }

    protected override void Receive(object message, ActorRef sender)
    {
        if (message is NetFrame frame) Send(target, frame with { SentAt = Now });
    }
}

/// <summary>Collects what a backend transmits.</summary>
internal sealed class FrameCollector : Actor
{
    public List<NetFrame> Frames { get; } = [];

    protected override void Receive(object message, ActorRef sender)
    {
        if (message is NetFrame frame) Frames.Add(frame);
    }
}

/// <summary>A one-guest virtio-net world on the test-double platform: driver, backend, a frame injector and collector.</summary>
internal sealed class NetRig
{
    public const string Driver = "vm/net0/driver";
    public const string Backend = "vm/net0/backend";

    public Simulation Simulation { get; } = new(7);
    public NetBackend BackendActor { get; }
    public FrameCollector Wire { get; }
    public BlkTestPlatform Platform { get; }
    public MmioDevice Registers { get; }
    public VirtioDriver DriverActor { get; }

    /// <summary>
    /// A rig of <paramref name="pairs"/> queue pairs; with more than one the device offers VIRTIO_NET_F_MQ and
    /// VIRTIO_NET_F_CTRL_VQ, max_virtqueue_pairs = <paramref name="pairs"/>, and the control queue; the driver asks for
    /// <paramref name="requestedPairs"/> (default: all).
    /// </summary>
    public NetRig(NetWorkload workload, IReadOnlyList<(SimTime, NetFrame)> inbound, bool mergeable = true, int maxMapped = int.MaxValue,
        Func<NetRig, Sim.Devices.Common.BusPort?>? bus = null, Func<GuestMemory, DriverWiring, BlkTestPlatform, NetGuestLayout, VirtioDriver>? driver = null,
        int pairs = 1, int? requestedPairs = null)
    {
        var memory = new GuestMemory("vm", 16UL << 20);
        var layout = NetGuestLayout.For(pairs, 64, workload.Outstanding, workload.FrameBytes);
        Platform = new BlkTestPlatform(memory, layout.RxBufferArea, maxMapped: maxMapped);
        var costs = BlkWorld.Costs;
        ulong multiqueue = pairs > 1 ? NetFeatures.Mq | NetFeatures.CtrlVq : 0;
        var queueSizes = Enumerable.Repeat((ushort)64, NetQueues.QueueCount(pairs, controlQueue: pairs > 1)).ToList();
        var transport = VirtioTransport.Mmio(NetDriver.DeviceId, 0x4D495356,
            VirtioFeatures.Version1 | VirtioFeatures.AccessPlatform | VirtioFeatures.EventIdx | NetFeatures.MrgRxbuf | multiqueue, queueSizes,
            NetConfigSpace.Build(maxVirtqueuePairs: (ushort)pairs), BlkWorld.FindingsOf(Simulation, Backend));
        Registers = (MmioDevice)transport.Device;
        BackendActor = Simulation.Add(Backend, new NetBackend(Platform, costs,
            new NetCosts(CostItem.Of("net.backend.txPacket", SimTime.FromNanoseconds(700)), CostItem.Of("net.backend.rxPacket", SimTime.FromNanoseconds(700))),
            transport.ForBackend(Simulation.Reserve(Driver), bus?.Invoke(this)), pairs, wire: Simulation.Reserve("host/wire")));
        var registers = transport.ForDriver(BackendActor.Ref);
        VirtioDriver guest = driver?.Invoke(memory, registers, Platform, layout)
            ?? new NetDriver(memory, registers, Platform, 0, layout, workload,
                workload.Transmits ? RequestArrivals.Loop(workload.Interarrival) : RequestArrivals.ReceiveOnly(), costs, mergeable, requestedPairs);
        DriverActor = guest;
        Simulation.Add(Driver, guest);
        Wire = Simulation.Add("host/wire", new FrameCollector());
        Simulation.Add("host/injector", new FrameInjector(inbound, BackendActor.Ref));
    }

    public NetRig Run(SimTime end)
    {
        Simulation.Run(new RunLimits(end, SimTime.Zero, null));
        return this;
    }

    public IReadOnlyList<Finding> Findings => Simulation.Findings;

    public string FindingsText => string.Join("; ", Findings.Select(f => $"{f.Rule}: {f.Detail}"));

    public double Metric(string path, string value = "count") =>
        Simulation.Metrics.SummarizeAll(Simulation.Now).Single(p => p.Key == path).Value.Get(value);
}
