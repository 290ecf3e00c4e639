using Sim.Devices.Tests.Packed.Support;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Packed;
using Sim.Devices.Virtio.Queues;
using static Sim.Devices.Tests.Packed.Support.PackedWorld;

namespace Sim.Devices.Tests.Packed;

/// <summary>
/// The checks a packed device makes when the queue is configured (virtio 1.2, 2.8 and 4.2.2.2; alignment table of
/// 2.7): size, alignment of the ring and event structures, and that all three are reachable through the access path.
/// Each refused configuration yields exactly one finding and no queue; the probes stay inside the configured ranges.
/// </summary>
public sealed class PackedConfigRuleTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(32769)]
    [InlineData(65535)]
    public void A_size_outside_1_to_32768_is_refused(int size)
    {
        var world = new PackedWorld(new QueueConfig((ushort)size, RingBase, DriverArea, DeviceArea, VirtioFeatures.RingPacked));
        Assert.Null(world.TryCreateDevice());
        var violation = Assert.Single(world.Sink.Violations);
        Assert.Equal(QueueRule.InvalidQueueSize, violation.Rule);
        Assert.Contains($"size {size}", violation.Detail);
        Assert.Empty(world.Log.Accesses);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(32768)]
    public void Sizes_need_not_be_powers_of_two(int size)
    {
        var world = Create((ushort)size);
        Assert.NotNull(world.TryCreateDevice());
        Assert.Empty(world.Sink.Violations);
        world.AssertAccessesWithin();
    }

    [Theory]
    [InlineData(RingBase + 8, DriverArea, DeviceArea, "descriptor ring")]
    [InlineData(RingBase, DriverArea + 2, DeviceArea, "driver event")]
    [InlineData(RingBase, DriverArea, DeviceArea + 1, "device event")]
    public void A_misaligned_ring_or_event_area_is_refused(ulong ring, ulong driverArea, ulong deviceArea, string what)
    {
        var world = new PackedWorld(new QueueConfig(8, ring, driverArea, deviceArea, VirtioFeatures.RingPacked));
        Assert.Null(world.TryCreateDevice());
        var violation = Assert.Single(world.Sink.Violations);
        Assert.Equal(QueueRule.MisalignedRing, violation.Rule);
        Assert.Contains(what, violation.Detail);
        Assert.Empty(world.Log.Accesses);
    }

    [Theory]
    [InlineData(MemorySize - 0x70, DriverArea, DeviceArea, "descriptor ring")] // 8 slots = 0x80 bytes, 16 past the end
    [InlineData(MemorySize, DriverArea, DeviceArea, "descriptor ring")]
    [InlineData(0xFFFF_FFFF_FFFF_FFF0, DriverArea, DeviceArea, "descriptor ring")] // wraps around
    [InlineData(RingBase, MemorySize, DeviceArea, "driver event")]
    [InlineData(RingBase, DriverArea, MemorySize + 4, "device event")]
    public void A_ring_or_event_area_outside_memory_is_refused(ulong ring, ulong driverArea, ulong deviceArea, string what)
    {
        var world = new PackedWorld(new QueueConfig(8, ring, driverArea, deviceArea, VirtioFeatures.RingPacked));
        Assert.Null(world.TryCreateDevice());
        var violation = Assert.Single(world.Sink.Violations);
        Assert.Equal(QueueRule.RingOutsideMemory, violation.Rule);
        Assert.Contains(what, violation.Detail);
        world.AssertAccessesWithin();
        Assert.All(world.Log.Accesses, a => Assert.Equal(1u, a.Length));
    }

    [Fact]
    public void A_ring_the_access_path_refuses_is_refused()
    {
        var world = Create(8);
        var memory = new RevocableDeviceMemory(world.DeviceMemory);
        memory.Revoke(RingBase + PackedLayout.RingBytes(8) - 1, 1);
        Assert.Null(world.TryCreateDevice(memory));
        Assert.Equal(QueueRule.RingOutsideMemory, Assert.Single(world.Sink.Violations).Rule);
    }

    [Fact]
    public void A_split_configuration_is_a_wiring_error_not_a_finding()
    {
        var world = new PackedWorld(new QueueConfig(8, RingBase, DriverArea, DeviceArea, 0));
        Assert.Throws<ArgumentException>(() => world.TryCreateDevice());
        Assert.Throws<ArgumentException>(() => world.Driver());
        Assert.Empty(world.Sink.Violations);
    }
}
