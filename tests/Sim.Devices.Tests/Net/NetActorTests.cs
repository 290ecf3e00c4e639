using Sim.Core.Actors;
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
using Sim.Interconnect;
using Sim.Interconnect.Bus;

namespace Sim.Devices.Tests.Net;

/// <summary>The virtio-net driver and device actors (virtio 1.2, 5.1) on the test-double platform.</summary>
public sealed class NetActorTests
{
    private static readonly SimTime Ms2 = SimTime.FromMilliseconds(2);

    private static List<(SimTime, NetFrame)> Frames(int count, long bytes, double everyUs = 20) =>
        Enumerable.Range(1, count).Select(i => (SimTime.FromMicroseconds(100 + everyUs * i), new NetFrame(bytes, SimTime.Zero, i, 0, Timed: true))).ToList();

    [Fact]
    public void Transmitted_frames_reach_the_wire_with_their_stamps_and_received_frames_are_verified_in_the_guest()
    {
        var rig = new NetRig(new NetWorkload(256, 4, null), Frames(50, 1000)).Run(Ms2);
        Assert.True(rig.Findings.Count == 0, rig.FindingsText);
        Assert.True(rig.Wire.Frames.Count > 20, $"{rig.Wire.Frames.Count} frames on the wire");
        Assert.Equal(Enumerable.Range(1, rig.Wire.Frames.Count).Select(i => (long)i), rig.Wire.Frames.Select(f => f.Sequence));
        Assert.All(rig.Wire.Frames, f => Assert.Equal(256, f.Bytes));
        Assert.Equal(50, rig.Metric($"{NetRig.Driver}/rxPackets"));
        Assert.Equal(50, rig.Metric($"{NetRig.Driver}/rxVerified"));
        Assert.Equal(50 * 1000, rig.Metric($"{NetRig.Driver}/rxBytes"));
        Assert.Equal(50, rig.Metric($"{NetRig.Driver}/rxBuffers"));
        Assert.Equal(50, rig.Metric($"{NetRig.Driver}/rxLatency"));
        Assert.True(rig.Metric($"{NetRig.Driver}/rxLatency", "min") > 0);
    }

    [Theory]
    [InlineData(5000, 2)]
    [InlineData(9000, 3)]
    public void A_frame_larger_than_one_page_spans_num_buffers_mergeable_buffers_and_is_reassembled(long bytes, int buffers)
    {
        var rig = new NetRig(NetWorkload.ReceiveOnly, Frames(10, bytes)).Run(Ms2);
        Assert.True(rig.Findings.Count == 0, rig.FindingsText);
        Assert.Equal(10, rig.Metric($"{NetRig.Driver}/rxPackets"));
        Assert.Equal(10, rig.Metric($"{NetRig.Driver}/rxVerified"));
        Assert.Equal(10 * bytes, rig.Metric($"{NetRig.Driver}/rxBytes"));
        Assert.Equal(10 * buffers, rig.Metric($"{NetRig.Driver}/rxBuffers"));
        Assert.Equal(10 * buffers, rig.Metric($"{NetRig.Backend}/rxBuffersUsed"));
    }

    [Fact]
    public void Without_mergeable_buffers_a_frame_larger_than_a_buffer_is_a_finding_and_a_drop()
    {
        var rig = new NetRig(NetWorkload.ReceiveOnly, Frames(3, 5000), mergeable: false).Run(Ms2);
        Assert.Contains(rig.Findings, f => f.Rule == "net-rx-buffers-too-small" && f.Actor == NetRig.Backend);
        Assert.Equal(3, rig.Metric($"{NetRig.Backend}/rxDropped"));
        Assert.Equal(0, rig.Metric($"{NetRig.Driver}/rxPackets"));
    }

    [Fact]
    public void Frames_with_no_receive_buffer_posted_are_counted_as_drops()
    {
        // No mapping can be made, so the driver posts no receive buffer.
        var rig = new NetRig(NetWorkload.ReceiveOnly, Frames(20, 500), maxMapped: 0).Run(Ms2);
        Assert.Equal(20, rig.Metric($"{NetRig.Backend}/rxDropped"));
        Assert.Equal(0, rig.Metric($"{NetRig.Backend}/rxFrames"));
        Assert.Equal(0, rig.Metric($"{NetRig.Driver}/rxPackets"));
    }

    [Fact]
    public void A_malformed_transmit_chain_is_a_queue_violation_and_the_device_needs_reset()
    {
        var rig = new NetRig(new NetWorkload(100, 1, null), [],
            driver: (memory, registers, platform, layout) => new BadTransmitDriver(memory, registers, platform, layout)).Run(Ms2);
        var finding = Assert.Single(rig.Findings, f => f.Actor == NetRig.Backend);
        Assert.Equal("net-tx-num-buffers-not-zero", finding.Rule);
        Assert.Equal(NetRules.Describe(NetRule.TxNumBuffersNotZero).Section, finding.Reference);
        Assert.True((rig.Registers.Status & DeviceStatus.DeviceNeedsReset) != 0, "DEVICE_NEEDS_RESET is set");
        Assert.Equal(1, rig.Metric($"{NetRig.Backend}/txErrors"));
        Assert.Equal(0, rig.Metric($"{NetRig.Backend}/txFrames"));
        Assert.Empty(rig.Wire.Frames);
        Assert.Equal(0, rig.Metric($"{NetRig.Driver}/requests"));   // the device stopped: the chain is never used
    }

    [Fact]
    public void With_a_bus_frames_complete_only_after_their_transfer_is_done()
    {
        // A slow bus: 10 MB/s, so 1012 bytes take ~100 us, far longer than any CPU cost here.
        BusActor? bus = null;
        var rig = new NetRig(NetWorkload.ReceiveOnly, Frames(5, 1000, everyUs: 300), bus: r =>
        {
            bus = r.Simulation.Add("bus", new BusActor(new OppTable([new OperatingPoint(10e6, 1, SimTime.FromMicroseconds(10))])));
            return new BusPort(bus.Ref, "vm");
        }).Run(Ms2);
        Assert.True(rig.Findings.Count == 0, rig.FindingsText);
        Assert.Equal(5, rig.Metric($"{NetRig.Driver}/rxPackets"));
        Assert.Equal(5, rig.Metric("bus/transfers"));
        // Every frame waited for its ~101 us transfer before the guest saw it.
        Assert.True(rig.Metric($"{NetRig.Driver}/rxLatency", "min") >= 1012 / 10e6, $"min latency {rig.Metric($"{NetRig.Driver}/rxLatency", "min")}");
    }

    /// <summary>A driver whose transmit headers set num_buffers, which 5.1.6.2.1 forbids.</summary>
    private sealed class BadTransmitDriver(GuestMemory memory, DriverWiring registers, IDriverPlatform platform, NetGuestLayout layout)
        : VirtioDriver(memory, registers, platform, BlkWorld.Costs, 1, RequestArrivals.ClosedLoop(), requestQueue: 1)
    {
        private DmaBuffer _buffer;

        protected override bool InitialiseDevice() =>
            StartTransport(VirtioFeatures.Version1, VirtioFeatures.Version1,
                layout.Rings.Select((r, q) => new QueueSetup((ushort)q, layout.QueueSize, r.DescriptorArea, r.DriverArea, r.DeviceArea)).ToList(),
                layout.IndirectArea, layout.MaxIndirectEntries);

        protected override void Prepare(int slot)
        {
            var bytes = new byte[NetLayout.HeaderSize + 100];
            new NetHeader(0, NetLayout.GsoNone, 0, 0, 0, 0, 5).EncodeInto(bytes);
            Memory.Write(layout.TxSlot(slot), bytes);
        }

        protected override Submit TrySubmit(int slot)
        {
            var status = TryMap(layout.TxSlot(slot), NetLayout.HeaderSize + 100, DmaDirection.ToDevice, out _buffer);
            if (status != DmaMapStatus.Mapped) return Failed(status);
            return AddChain(slot, [new BufferSpec(_buffer.DmaAddress, NetLayout.HeaderSize + 100)], [], _buffer);
        }

        protected override void Complete(int slot, uint written) => Unmap(_buffer);
    }
}
