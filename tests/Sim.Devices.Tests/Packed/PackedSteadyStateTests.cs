using Sim.Devices.Tests.Packed.Support;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Queues;
using static Sim.Devices.Tests.Packed.Support.PackedWorld;

namespace Sim.Devices.Tests.Packed;

/// <summary>
/// Once warm, a full round trip (add, kick decision, pop, read, write, publish, interrupt decision, reclaim) allocates
/// nothing, with and without indirect tables and in-order batches: <c>sim bench virtqueue</c> depends on it.
/// </summary>
public sealed class PackedSteadyStateTests
{
    [Theory]
    [InlineData(0ul, 0)]
    [InlineData(VirtioFeatures.EventIdx, 0)]
    [InlineData(VirtioFeatures.EventIdx | VirtioFeatures.IndirectDesc, 4)]
    [InlineData(VirtioFeatures.EventIdx | VirtioFeatures.InOrder, 0)]
    public void Round_trips_allocate_nothing(ulong features, int maxIndirect)
    {
        var world = Create(5, features, keepEveryAccess: false);
        var driver = world.Driver(maxIndirect);
        var device = world.Device;
        var chain = new DescriptorChain();
        var readable = new[] { new BufferSpec(Data, 64) };
        var writable = new[] { new BufferSpec(Data + 0x100, 256), new BufferSpec(Data + 0x200, 256) };
        var request = new byte[64];
        var response = new byte[512];
        bool inOrder = VirtioFeatures.Has(features, VirtioFeatures.InOrder);

        int failures = 0;
        void RoundTrips(int count)
        {
            // No Assert inside the loop: xunit's comparers may allocate.
            for (int i = 0; i < count; i++)
            {
                if (!driver.TryAdd(readable, writable, i)) failures++;
                driver.KickNeeded();
                if (!device.TryPop(chain)) failures++;
                chain.Read(world.DeviceMemory, 0, request);
                long written = chain.Write(world.DeviceMemory, 0, response);
                if (inOrder) device.PushUsedBatch(chain.Id, chain.DescriptorCount, (uint)written);
                else device.PushUsed(chain.Id, chain.DescriptorCount, (uint)written);
                device.InterruptNeeded();
                if (!driver.TryReclaim(out long token, out uint length) || token != i || length != 512) failures++;
                if (!driver.EnableInterrupts() || !device.EnableNotifications()) failures++;
            }
        }

        RoundTrips(2_000);
        // The least of three measured runs: a run can catch the JIT's one-time work (tier-up, on-stack replacement) on
        // this thread when the machine is loaded; an allocation per round trip would show in every run.
        long allocated = long.MaxValue;
        for (int run = 0; run < 3 && allocated > 0; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            RoundTrips(20_000);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
    }
}
