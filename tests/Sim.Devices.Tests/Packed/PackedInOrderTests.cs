using Sim.Devices.Tests.Packed.Support;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Queues;
using static Sim.Devices.Tests.Packed.Support.PackedWorld;

namespace Sim.Devices.Tests.Packed;

/// <summary>
/// VIRTIO_F_IN_ORDER (virtio 1.2, 2.8.8): the device may write one used descriptor for a batch, naming the batch's
/// last buffer id, and skip the batch's slots; the driver hands back every chain of the batch in order, the earlier
/// ones as fully written (Linux <c>virtqueue_get_buf_ctx_packed_in_order</c>).
/// </summary>
public sealed class PackedInOrderTests
{
    private static readonly BufferSpec[] Request = [new BufferSpec(Data, 16)];

    private static BufferSpec[] Response(int i) => [new BufferSpec(Data + 0x100 + (ulong)i * 0x100, 0x40 + (uint)i)];

    [Fact]
    public void One_used_descriptor_returns_a_whole_batch_in_order()
    {
        var world = Create(8, VirtioFeatures.InOrder | VirtioFeatures.EventIdx);
        var driver = world.Driver();
        var device = world.Device;
        for (int i = 0; i < 3; i++) Assert.True(driver.TryAdd(Request, Response(i), 100 + i));
        var ids = new List<ushort>();
        for (int i = 0; i < 3; i++)
        {
            Assert.True(world.Pop());
            ids.Add(world.Chain.Id);
        }
        Assert.True(driver.EnableInterrupts()); // event: slot 0
        device.PushUsedBatch(ids[^1], totalDescriptors: 6, writtenLength: 5);
        Assert.True(device.InterruptNeeded());
        Assert.Equal(new byte[] { 0x05, 0, 0, 0, (byte)ids[^1], 0, 0x80, 0x80 }, world.Bytes(RingBase + 8, 8));
        Assert.Equal(new byte[] { 0x81, 0x00 }, world.Bytes(RingBase + 2 * 16 + 14, 2)); // slot 2 (chain 2's head) untouched: NEXT | AVAIL

        Assert.False(driver.EnableInterrupts()); // a batch is pending
        var back = new List<(long, uint)>();
        while (driver.TryReclaim(out long token, out uint written))
        {
            back.Add((token, written));
            if (back.Count == 1) Assert.False(driver.EnableInterrupts()); // mid-batch: still pending
        }
        Assert.Equal(new[] { (100L, 0x40u), (101L, 0x41u), (102L, 5u) }, back);
        Assert.Equal(8, driver.FreeDescriptors);
        Assert.True(driver.EnableInterrupts());
        Assert.Empty(world.Sink.Violations);
    }

    [Fact]
    public void A_batch_may_cross_the_end_of_the_ring()
    {
        var world = Create(3, VirtioFeatures.InOrder);
        var driver = world.Driver();
        var device = world.Device;
        Assert.True(driver.TryAdd(Request, None, 1)); // slot 0
        Assert.True(world.Pop());
        device.PushUsed(world.Chain.Id, 1, 0);
        Assert.True(driver.TryReclaim(out _, out _));
        Assert.True(driver.TryAdd(Request, Response(0), 2)); // slots 1-2
        Assert.True(driver.TryAdd(Request, None, 3));        // slot 0, lap 2
        Assert.True(world.Pop());
        Assert.True(world.Pop());
        device.PushUsedBatch(world.Chain.Id, 3, 0);
        Assert.True(driver.TryReclaim(out long first, out uint firstLength));
        Assert.True(driver.TryReclaim(out long second, out _));
        Assert.False(driver.TryReclaim(out _, out _));
        Assert.Equal((2L, 0x40u, 3L), (first, firstLength, second));
        Assert.True(driver.TryAdd(Request, None, 4)); // slot 1, lap 2
        Assert.True(world.Pop());
        Assert.Equal(1, world.Chain.DescriptorCount);
    }

    [Fact]
    public void A_batch_without_in_order_is_a_device_model_error()
    {
        var world = Create(4);
        world.Ring.Avail(0, Data, 8, id: 0);
        Assert.True(world.Pop());
        Assert.Throws<InvalidOperationException>(() => world.Device.PushUsedBatch(0, 1, 0));
    }

    [Fact]
    public void Publishing_more_slots_than_were_popped_is_a_device_model_error()
    {
        var world = Create(4, VirtioFeatures.InOrder);
        world.Ring.Avail(0, Data, 8, id: 0);
        Assert.True(world.Pop());
        Assert.Throws<ArgumentOutOfRangeException>(() => world.Device.PushUsedBatch(0, 2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => world.Device.PushUsed(4, 1, 0));
        world.Device.PushUsed(0, 1, 0);
    }

    private static readonly BufferSpec[] None = [];
}
