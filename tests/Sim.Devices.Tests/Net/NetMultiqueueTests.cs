using Sim.Core.Time;
using Sim.Devices.Net;
using Sim.Devices.Tests.Blk;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Devices.Tests.Net;

/// <summary>
/// Multiqueue virtio-net (virtio 1.2, 5.1.6.5 control virtqueue, 5.1.6.5.5 VQ_PAIRS_SET and automatic receive
/// steering): the driver asks for pairs on the control queue and uses them only after VIRTIO_NET_OK.
/// </summary>
public sealed class NetMultiqueueTests
{
    private static readonly SimTime Ms2 = SimTime.FromMilliseconds(2);

    /// <summary>Frames of flows 0..7 in turn, from 400 us on (after the control command is acked, at about 200 us on this platform).</summary>
    private static List<(SimTime, NetFrame)> Flows(int count) =>
        Enumerable.Range(1, count).Select(i => (SimTime.FromMicroseconds(400 + 20 * i), new NetFrame(600, SimTime.Zero, i, Flow: i % 8))).ToList();

    private static NetDriver Driver(NetRig rig) => (NetDriver)rig.DriverActor;

    [Fact]
    public void The_vq_pairs_set_chain_the_device_reads_is_the_encoded_command_and_it_is_acked_ok()
    {
        var rig = new NetRig(NetWorkload.ReceiveOnly, [], pairs: 4).Run(Ms2);
        Assert.True(rig.Findings.Count == 0, rig.FindingsText);
        Assert.Equal(new NetMqCommand(4).Encode(), rig.BackendActor.LastControlCommand);
        Assert.Equal(NetLayout.Control.AckOk, Driver(rig).LastAck);
        Assert.Equal(NetDriver.Control.Applied, Driver(rig).ControlState);
        Assert.Equal(4, Driver(rig).ActivePairs);
        Assert.Equal(4, rig.BackendActor.ActivePairs);
        Assert.Equal(1, rig.Metric($"{NetRig.Driver}/ctrlAcks"));
        Assert.Equal(1, rig.Metric($"{NetRig.Backend}/ctrlCommands"));
        Assert.Equal(0, rig.Metric($"{NetRig.Backend}/ctrlErrors"));
    }

    [Fact]
    public void After_the_ack_frames_arrive_on_several_receive_queues_and_transmit_uses_several_transmit_queues()
    {
        var rig = new NetRig(new NetWorkload(256, 4, null), Flows(40), pairs: 4).Run(Ms2);
        Assert.True(rig.Findings.Count == 0, rig.FindingsText);
        var perPair = Driver(rig).RxPacketsPerPair;
        Assert.Equal(40, perPair.Sum());
        Assert.All(perPair, n => Assert.Equal(10, n));   // flow mod 4 over 4 active pairs
        Assert.Equal(40, rig.Metric($"{NetRig.Driver}/rxVerified"));
        var flows = rig.Wire.Frames.Select(f => f.Flow).Distinct().Order().ToList();
        Assert.Equal([0, 1, 2, 3], flows);   // the driver stamps each transmit queue's frames with its pair
        Assert.True(rig.Metric($"{NetRig.Driver}/txOtherPairs") > 0);
        foreach (int flow in flows)   // every queue's frames reach the wire in order
        {
            var sequences = rig.Wire.Frames.Where(f => f.Flow == flow).Select(f => f.Sequence).ToList();
            Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        }
    }

    [Theory]
    [InlineData(0)]   // below VQ_PAIRS_MIN
    [InlineData(5)]   // above max_virtqueue_pairs
    public void A_refused_vq_pairs_set_is_acked_err_and_only_pair_0_is_used(int requested)
    {
        var rig = new NetRig(new NetWorkload(256, 4, null), Flows(40), pairs: 4, requestedPairs: requested).Run(Ms2);
        Assert.True(rig.Findings.Count == 0, rig.FindingsText);
        Assert.Equal(new NetMqCommand((ushort)requested).Encode(), rig.BackendActor.LastControlCommand);
        Assert.Equal(NetLayout.Control.AckError, Driver(rig).LastAck);
        Assert.Equal(NetDriver.Control.Refused, Driver(rig).ControlState);
        Assert.Equal(1, Driver(rig).ActivePairs);
        Assert.Equal(1, rig.BackendActor.ActivePairs);
        Assert.Equal(1, rig.Metric($"{NetRig.Backend}/ctrlErrors"));
        Assert.Equal(1, rig.Metric($"{NetRig.Driver}/ctrlRefused"));
        Assert.Equal([40L, 0, 0, 0], Driver(rig).RxPacketsPerPair);
        Assert.All(rig.Wire.Frames, f => Assert.Equal(0, f.Flow));
        Assert.True(rig.Wire.Frames.Count > 10);
        Assert.Equal(0, rig.Metric($"{NetRig.Driver}/txOtherPairs"));
    }

    [Fact]
    public void Before_the_ack_only_pair_0_is_used()
    {
        // Runs ever longer until the command is with the device but not yet acked (the run is deterministic).
        for (long ns = 250; ns < 200_000; ns += 250)
        {
            var rig = new NetRig(new NetWorkload(256, 4, null), [], pairs: 4);
            rig.Simulation.Run(new Sim.Core.Running.RunLimits(SimTime.FromNanoseconds(ns), SimTime.Zero, null));
            if (Driver(rig).ControlState != NetDriver.Control.Sent) continue;
            Assert.Equal(1, Driver(rig).ActivePairs);
            Assert.Equal(1, rig.BackendActor.ActivePairs);
            Assert.Equal(0, rig.Metric($"{NetRig.Driver}/txOtherPairs"));
            Assert.All(rig.Wire.Frames, f => Assert.Equal(0, f.Flow));
            return;
        }
        Assert.Fail("the driver never had VQ_PAIRS_SET in flight");
    }

    [Fact]
    public void Another_class_is_acked_err_and_a_control_chain_without_an_ack_byte_is_a_queue_violation()
    {
        var rig = new NetRig(NetWorkload.ReceiveOnly, [], pairs: 2,
            driver: (memory, registers, platform, layout) => new ControlDriver(memory, registers, platform, layout)).Run(Ms2);
        Assert.Equal(2, rig.Metric($"{NetRig.Backend}/ctrlCommands"));
        Assert.Equal(2, rig.Metric($"{NetRig.Backend}/ctrlErrors"));
        Assert.Equal(1, rig.BackendActor.ActivePairs);
        var finding = Assert.Single(rig.Findings, f => f.Actor == NetRig.Backend);
        Assert.Equal("net-ctrl-malformed-chain", finding.Rule);
        Assert.True((rig.Registers.Status & DeviceStatus.DeviceNeedsReset) != 0, "DEVICE_NEEDS_RESET is set");
    }

    [Fact]
    public void A_one_pair_layout_has_no_control_queue()
    {
        var one = NetGuestLayout.For(1, 64, 4, 1500);
        Assert.Null(one.ControlRings);
        Assert.Equal(2, one.AllRings.Count);
        var four = NetGuestLayout.For(4, 64, 4, 1500);
        Assert.Equal(9, four.AllRings.Count);
        Assert.True(four.ControlRings!.DeviceArea < four.RxBufferArea, "the control ring is in the ring region");
        Assert.True(four.ControlAck + 1 <= four.End);
    }

    /// <summary>
    /// Sends two control chains: VIRTIO_NET_CTRL_RX (class 0) with an ack byte, then a VQ_PAIRS_SET with no
    /// device-writable ack, which breaks the control chain's shape (5.1.6.5).
    /// </summary>
    private sealed class ControlDriver(GuestMemory memory, DriverWiring registers, IDriverPlatform platform, NetGuestLayout layout)
        : VirtioDriver(memory, registers, platform, BlkWorld.Costs, 1, RequestArrivals.ReceiveOnly(), requestQueue: 1)
    {
        protected override bool InitialiseDevice() =>
            StartTransport(VirtioFeatures.Version1 | NetFeatures.Mq | NetFeatures.CtrlVq, VirtioFeatures.Version1,
                layout.AllRings.Select((r, q) => new QueueSetup((ushort)q, layout.QueueSize, r.DescriptorArea, r.DriverArea, r.DeviceArea)).ToList(),
                layout.IndirectArea, layout.MaxIndirectEntries);

        protected override void OnTransportReady()
        {
            int control = NetQueues.ControlQueue(layout.Pairs);
            Memory.Write(layout.ControlArea, [0, 0, 1]);   // VIRTIO_NET_CTRL_RX, PROMISC, on
            TryMap(layout.ControlArea, 3, DmaDirection.ToDevice, out var rx);
            TryMap(layout.ControlAck, 1, DmaDirection.FromDevice, out var ack);
            Queues[control].TryAdd([new BufferSpec(rx.DmaAddress, 3)], [new BufferSpec(ack.DmaAddress, 1)], 0);
            var command = new NetMqCommand(2).Encode();
            Memory.Write(layout.ControlArea + 8, command);
            TryMap(layout.ControlArea + 8, (uint)command.Length, DmaDirection.ToDevice, out var pairsSet);
            Queues[control].TryAdd([new BufferSpec(pairsSet.DmaAddress, (uint)command.Length)], [], 1);
            KickIfNeeded(control);
        }

        protected override void Prepare(int slot) { }

        protected override Submit TrySubmit(int slot) => Submit.Stalled;

        protected override void Complete(int slot, uint written) { }
    }
}
