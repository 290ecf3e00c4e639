using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Queues;
using Sim.Devices.Virtio.Split;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Split;

/// <summary>
/// One full round trip, as <c>sim bench virtqueue</c> counts it: driver add, kick decision, device pop, response
/// write, used push, interrupt decision, driver reclaim. In steady state it allocates nothing. Its rate is measured
/// by <c>sim bench virtqueue</c>, never by a timed test.
/// </summary>
public sealed class SplitRoundTripAllocationTests
{
    private sealed class RoundTrip
    {
        private readonly SplitDriverQueue _driver;
        private readonly SplitDeviceQueue _device;
        private readonly DirectDeviceMemory _deviceMemory;
        private readonly DescriptorChain _chain = new();
        private readonly BufferSpec[] _readable = [new(0x200000, 64)];
        private readonly BufferSpec[] _writable;
        private readonly byte[] _request = new byte[64];
        private readonly byte[] _response = new byte[16];
        private long _token;

        public RoundTrip(bool indirect)
        {
            var memory = new GuestMemory("vm1", 4UL << 20);
            _deviceMemory = new DirectDeviceMemory(memory, "vm1/virtio-blk", new AccessLog());
            ulong features = VirtioFeatures.EventIdx | (indirect ? VirtioFeatures.IndirectDesc : 0);
            var config = new QueueConfig(256, 0x10000, 0x20000, 0x30000, features);
            _driver = new SplitDriverQueue(memory, config, indirect ? 0x100000UL : 0, indirect ? 4 : 0);
            _device = SplitDeviceQueue.TryCreate(_deviceMemory, config, new ThrowingSink()) ?? throw new InvalidOperationException();
            _writable = indirect ? [new(0x201000, 512), new(0x202000, 1)] : [new(0x201000, 512)];
        }

        public long Interrupts { get; private set; }

        public void Run(int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (!_driver.TryAdd(_readable, _writable, ++_token)) throw new InvalidOperationException("ring full");
                _driver.KickNeeded();
                if (!_device.TryPop(_chain)) throw new InvalidOperationException("nothing popped");
                _chain.Read(_deviceMemory, 0, _request);
                long written = _chain.Write(_deviceMemory, 0, _response);
                _device.PushUsed(_chain.Id, _chain.DescriptorCount, (uint)written);
                if (_device.InterruptNeeded()) Interrupts++;
                if (!_driver.TryReclaim(out long token, out _) || token != _token) throw new InvalidOperationException("lost buffer");
            }
        }
    }

    private sealed class ThrowingSink : IQueueViolationSink
    {
        public void Violation(QueueRule rule, string detail) => throw new InvalidOperationException($"{rule}: {detail}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_round_trip_allocates_nothing_in_steady_state(bool indirect)
    {
        var trip = new RoundTrip(indirect);
        trip.Run(70_000); // warm up, and cross the 65535 → 0 wrap
        long before = GC.GetAllocatedBytesForCurrentThread();
        trip.Run(100_000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(170_000, trip.Interrupts); // EVENT_IDX with the driver reclaiming every buffer: one interrupt each
    }
}
