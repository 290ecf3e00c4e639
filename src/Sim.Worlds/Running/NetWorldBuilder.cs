using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Devices.Net;
using Sim.Platform.Network;
using Sim.Platform.Network.TrafficControl;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Hypervisors.Costs;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Scenarios.Model;
using Sim.Scenarios.Planning;

namespace Sim.Worlds.Running;

/// <summary>
/// Turns a guest's virtio-net devices into actors (virtio 1.2, 5.1): per device the driver at <c>guest/device/driver</c>,
/// the backend at <c>guest/device/backend</c> and its platform (<see cref="DevicePlatformBuilder"/>), placed in guest
/// memory from a given address; and, with a host path, the STR-68 set-up in front of it: host1's sample application
/// (<c>guest/device/host1/sample</c>), netperf-like flows (<c>host1/netperfN</c>) and link (<c>host1/link</c>, or with a
/// <c>sender</c> its qdiscs, NIC and wire, <c>host1/port</c>: <see cref="TransmitPort"/>), and
/// host2's stages as the scenario declares them (<c>host2/KIND</c>, from its NIC on), ending in the backend, or for a
/// path whose last stage is a <c>socket</c> or <c>vfio</c> in a receiving application at <c>guest/device/app</c>; or,
/// with <c>inbound</c>, a generator at
/// <c>guest/device/inbound</c> writing straight into the backend. TCP-like flows (<see cref="TcpFlowSource"/>)
/// hear of drops from the link and every stage, and of delivery from the last stage (<see cref="FlowFeedback"/>,
/// <c>net.host.tcp.ackDelay</c>). Every cost comes from the profile
/// (<c>net.backend.*</c>, a backend kind's own <c>net.backend.KIND.*</c> where it has them, <c>net.host.*</c>).
/// </summary>
public static class NetWorldBuilder
{
    /// <summary>Adds <paramref name="guest"/>'s net devices from guest address <paramref name="start"/>; returns where the next device may start.</summary>
    public static ulong Build(Simulation simulation, GuestModel guest, GuestMemory memory, PlatformCosts costs, AccessLog accessLog, BusPort? bus, ulong start)
    {
        ulong next = start;
        foreach (var device in guest.Net)
        {
            string path = $"{guest.Name}/{device.Name}";
            ActorRef receiver;
            if (device.IsVirtio)
            {
                receiver = BuildDevice(simulation, guest, device, path, memory, costs, accessLog, bus, next);
                next = GuestAddressPlan.End(device, next);
            }
            else receiver = simulation.Add($"{path}/app", new LatencySink { ReadsNicTimestamp = device.Host?.RxTimestamp == SampleRxTimestamp.Nic }).Ref;
            if (device.Host is { } host) BuildHostPath(simulation, path, host, costs.Profile, receiver);
            if (device.Inbound is { } inbound)
                simulation.Add($"{path}/inbound", new BulkFlowSource(0, inbound.FrameBytes, inbound.FramesPerSecond * inbound.FrameBytes, receiver));
        }
        return next;
    }

    private static ActorRef BuildDevice(Simulation simulation, GuestModel guest, NetDeviceModel device, string path, GuestMemory memory,
        PlatformCosts costs, AccessLog accessLog, BusPort? bus, ulong start)
    {
        var layout = GuestAddressPlan.NetLayout(device, start);
        if (layout.End > memory.Size)
            throw new InvalidOperationException($"guest '{guest.Name}' needs at least {layout.End} bytes of memory for device '{device.Name}'");
        var platform = DevicePlatformBuilder.Build(simulation, guest.Platform, path, device.Sharing, memory, costs, accessLog,
            layout.RingStart, layout.RxBufferArea - layout.RingStart, layout.End);
        var ringCosts = RingCosts.From(costs.Profile);
        ulong offered = VirtioFeatures.Version1 | VirtioFeatures.RingPacked | VirtioFeatures.EventIdx | VirtioFeatures.IndirectDesc
            | VirtioFeatures.AccessPlatform | NetFeatures.MrgRxbuf | NetFeatures.Status | (device.Pairs > 1 ? NetFeatures.Mq | NetFeatures.CtrlVq : 0);
        var transport = VirtioTransport.Create(DevicePlatformBuilder.TransportOf(device.Sharing, costs), NetDriver.DeviceId, TransportWorldBuilder.VendorId, offered,
            Enumerable.Repeat(device.QueueSize, NetQueues.QueueCount(device.Pairs, controlQueue: device.Pairs > 1)).ToList(), NetConfigSpace.Build(maxVirtqueuePairs: (ushort)device.Pairs),
            DevicePlatformBuilder.BackendFindings(simulation, path));
        var backend = simulation.Add($"{path}/backend",
            new NetBackend(platform, ringCosts, NetCosts.From(costs.Profile, device.BackendCostKind), transport.ForBackend(simulation.Reserve($"{path}/driver"), bus), device.Pairs)
            {
                FrameQueueLimit = device.Inbound?.QueueLimit ?? int.MaxValue,
            });
        ulong ring = (device.Packed ? VirtioFeatures.RingPacked : 0) | (device.EventIdx ? VirtioFeatures.EventIdx : 0);
        var arrivals = device.Workload.Transmits ? RequestArrivals.Loop(device.Workload.Interarrival) : RequestArrivals.ReceiveOnly();
        var driver = simulation.Add($"{path}/driver", new NetDriver(memory, transport.ForDriver(backend.Ref), platform, ring, layout, device.Workload, arrivals, ringCosts, device.Mergeable)
        {
            ReceiveStack = device.RxStack ? costs.Profile.CostOf(NetDeviceModel.ReceiveStackCost) : null,
            StampsAtStackEntry = device.Host?.RxTimestamp == SampleRxTimestamp.Kernel,
        });
        simulation.Metrics.Register(new AccessMetric($"{path}/backend/memory", accessLog.For($"{path}/backend")));
        DevicePlatformBuilder.PlaceBackend(simulation, path, device.Sharing, backend);
        return backend.Ref;
    }

    private static void BuildHostPath(Simulation simulation, string path, NetHostPathModel host, CostProfile profile, ActorRef receiver)
    {
        long perByte = profile.Time("net.host.link.perByte").Picoseconds;
        if (perByte <= 0) throw new InvalidOperationException("cost 'net.host.link.perByte' must be a positive time");
        // TCP-like flows hear of their losses (any drop on the way) and of delivery (frames leaving the last stage).
        var sources = new Dictionary<int, ActorRef>();
        if (host.Tcp is not null)
            for (int flow = 1; flow <= host.BackgroundFlows; flow++) sources[flow] = simulation.Reserve(FlowPath(path, flow));
        var feedback = sources.Count > 0 ? new FlowFeedback(sources, profile.Time("net.host.tcp.ackDelay")) : FlowFeedback.None;
        var planned = NetHostPathPlan.Stages(path, host);
        long bytesPerSecond = SimTime.PicosPerSecond / perByte;
        var firstStage = simulation.Reserve(NetHostPathPlan.Entry(path, host));
        var link = host.Sender is { } sender
            ? simulation.Add($"{path}/host1/port", new TransmitPort(sender.Qdisc,
                new NicTransmitSpec(sender.TxQueues, sender.RingFrames, profile.Time("net.host.nic.txDmaFetch"), sender.Arbitration),
                bytesPerSecond, profile.Time("net.host.linkLatency"), firstStage, feedback)).Ref
            : simulation.Add($"{path}/host1/link", new EthernetLink(bytesPerSecond, profile.Time("net.host.linkLatency"), host.QueueLimit, firstStage, feedback)).Ref;
        simulation.Add($"{path}/host1/sample", new TimedSender(host.SamplePeriod, host.SampleBytes, profile.Time("net.host.txStack"), link)
        {
            Socket = host.Sender?.Sample ?? SocketOptions.None,
            Phase = host.SamplePhase,
        });
        int priority = host.Sender?.BackgroundPriority ?? 0;
        for (int flow = 1; flow <= host.BackgroundFlows; flow++)
        {
            if (host.Tcp is { } tcp)
                simulation.Add(FlowPath(path, flow), new TcpFlowSource(flow, host.BackgroundFrameBytes, host.BackgroundBytesPerSecond, tcp, link) { Priority = priority });
            else simulation.Add(FlowPath(path, flow), new BulkFlowSource(flow, host.BackgroundFrameBytes, host.BackgroundBytesPerSecond, link) { Priority = priority });
        }
        if (host.Stages[0].Queues > 1)
        {
            var queues = planned.Where(p => p.Stage == host.Stages[0]).Select(p => simulation.Reserve(p.Actor)).ToArray();
            simulation.Add(NetHostPathPlan.SteeringPath(path), new RxSteering(queues, host.Stages[0].Steering ?? []));
        }
        foreach (var stage in planned)
        {
            var next = stage.Next is { } nextPath ? simulation.Reserve(nextPath) : receiver;
            var stageCosts = HostStageCosts.From(profile, stage.Stage.CostPrefix);
            // The stage that takes the NIC's interrupts (a nic stage, or a native XDP or AF_XDP one, which include the
            // receive) pays the NIC's cost for each.
            if (stage.Stage.Moderation is not null && profile.Has(NicInterruptCost))
                stageCosts = stageCosts with { Interrupt = profile.Time(NicInterruptCost) };
            simulation.Add(stage.Actor, new HostStage(stageCosts, stage.Stage.QueueLimit, next, feedback, acknowledgesDelivery: stage.Next is null)
            {
                Batch = stage.Stage.Batch,
                Moderation = stage.Stage.Moderation,
                StampsTimedArrivals = stage.Stage == host.Stages[0] && host.RxTimestamp == SampleRxTimestamp.Nic,
            });
        }
    }

    private const string NicInterruptCost = "net.host.nic.interrupt";

    private static string FlowPath(string device, int flow) => $"{device}/host1/netperf{flow}";
}
