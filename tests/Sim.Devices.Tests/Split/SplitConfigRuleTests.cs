using Sim.Devices.Tests.Split.Support;
using Sim.Devices.Virtio.Queues;
using Sim.Devices.Virtio.Split;
using static Sim.Devices.Tests.Split.Support.SplitWorld;

namespace Sim.Devices.Tests.Split;

/// <summary>
/// The device's checks on a split queue's configuration (virtio 1.2, 2.7 and 4.2.2.2): size, ring alignment, rings
/// inside guest memory. A refused configuration yields no queue, one finding, and no access but the ring probes.
/// </summary>
public sealed class SplitConfigRuleTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(12)]
    [InlineData(32769)]
    [InlineData(49152)]
    [InlineData(65535)]
    public void Size_zero_not_a_power_of_two_or_above_32768_is_invalid(int size)
    {
        var world = SplitWorld.Create((ushort)size);
        string detail = world.AssertRefused(QueueRule.InvalidQueueSize);
        Assert.Contains($"queue size {size}", detail);
        Assert.Empty(world.Log.Accesses);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(256)]
    [InlineData(32768)]
    public void Powers_of_two_up_to_32768_are_valid(int size)
    {
        var world = SplitWorld.Create((ushort)size);
        Assert.NotNull(world.TryCreateDevice());
        Assert.Empty(world.Sink.Violations);
        world.AssertAccessesWithin();
    }

    [Theory]
    [InlineData(Table + 8, Avail, Used, "descriptor table")]
    [InlineData(Table + 2, Avail, Used, "descriptor table")]
    [InlineData(Table, Avail + 1, Used, "available ring")]
    [InlineData(Table, Avail, Used + 2, "used ring")]
    [InlineData(Table, Avail, Used + 1, "used ring")]
    public void Misaligned_rings_are_refused(ulong table, ulong avail, ulong used, string which)
    {
        var world = new SplitWorld(new QueueConfig(8, table, avail, used, 0));
        string detail = world.AssertRefused(QueueRule.MisalignedRing);
        Assert.Contains(which, detail);
    }

    [Fact]
    public void Odd_but_allowed_alignments_are_accepted()
    {
        var world = new SplitWorld(new QueueConfig(8, Table + 16, Avail + 2, Used + 4, 0));
        Assert.NotNull(world.TryCreateDevice());
    }

    [Theory]
    [InlineData(MemorySize, Avail, Used, "descriptor table")]
    [InlineData(MemorySize - 64, Avail, Used, "descriptor table")]   // starts inside, ends outside
    [InlineData(Table, MemorySize - 10, Used, "available ring")]      // 6 + 2·8 = 22 bytes do not fit
    [InlineData(Table, Avail, MemorySize - 68, "used ring")]          // 6 + 8·8 = 70 bytes do not fit
    [InlineData(Table, ulong.MaxValue - 1, Used, "available ring")]   // wraps past 2^64
    public void Rings_outside_guest_memory_are_refused(ulong table, ulong avail, ulong used, string which)
    {
        var world = new SplitWorld(new QueueConfig(8, table, avail, used, 0));
        string detail = world.AssertRefused(QueueRule.RingOutsideMemory);
        Assert.Contains(which, detail);
    }

    [Theory]
    [InlineData(MemorySize - 128, Avail, Used)]
    [InlineData(Table, MemorySize - 22, Used)]
    [InlineData(Table, Avail, MemorySize - 72)]
    public void Rings_ending_at_the_end_of_memory_are_accepted(ulong table, ulong avail, ulong used)
    {
        var world = new SplitWorld(new QueueConfig(8, table, avail, used, 0));
        Assert.NotNull(world.TryCreateDevice());
        world.AssertAccessesWithin();
    }

    [Fact]
    public void The_check_reads_only_the_first_and_last_byte_of_each_ring()
    {
        var world = SplitWorld.Create(8);
        world.TryCreateDevice();
        var probes = world.Log.Accesses.Select(a => (a.Address, a.Length)).ToArray();
        Assert.Equal(new (ulong, uint)[]
        {
            (Table, 1), (Table + 127, 1),
            (Avail, 1), (Avail + 21, 1),
            (Used, 1), (Used + 69, 1),
        }, probes);
    }
}
