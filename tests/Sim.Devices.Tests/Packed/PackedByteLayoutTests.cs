using Sim.Devices.Tests.Packed.Support;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Packed;
using Sim.Devices.Virtio.Queues;
using static Sim.Devices.Tests.Packed.Support.PackedWorld;

namespace Sim.Devices.Tests.Packed;

/// <summary>
/// The exact bytes both halves leave in guest memory (virtio 1.2, 2.8: descriptor addr u64 @0, len u32 @8, id u16 @12,
/// flags u16 @14; AVAIL bit 7, USED bit 15; event suppression off_wrap u16 @0, flags u16 @2; all little-endian).
/// </summary>
public sealed class PackedByteLayoutTests
{
    private static readonly BufferSpec[] None = [];

    private static byte[] Slot(PackedWorld world, int slot) => world.Bytes(RingBase + (ulong)slot * 16, 16);

    [Fact]
    public void An_available_descriptor_in_the_first_lap_has_avail_set_and_used_clear()
    {
        var world = Create(4);
        var driver = world.Driver();
        Assert.True(driver.TryAdd([new BufferSpec(0x00AB_CDEF_0123, 0x200)], None, token: 1));
        Assert.Equal(new byte[]
        {
            0x23, 0x01, 0xEF, 0xCD, 0xAB, 0x00, 0x00, 0x00, // addr
            0x00, 0x02, 0x00, 0x00,                         // len
            0x00, 0x00,                                     // id 0
            0x80, 0x00,                                     // flags: AVAIL (wrap 1), USED clear
        }, Slot(world, 0));
    }

    [Fact]
    public void Every_descriptor_of_a_chain_carries_the_id_and_all_but_the_last_have_next()
    {
        var world = Create(8);
        var driver = world.Driver();
        Assert.True(driver.TryAdd([new BufferSpec(Data, 1)], None, 0)); // takes id 0
        Assert.True(driver.TryAdd([new BufferSpec(Data + 0x10, 0x10)], [new BufferSpec(Data + 0x20, 0x20), new BufferSpec(Data + 0x40, 0x30)], 1));
        Assert.Equal(new byte[] { 0x01, 0x00, 0x81, 0x00 }, Slot(world, 1)[12..]); // id 1, NEXT | AVAIL
        Assert.Equal(new byte[] { 0x01, 0x00, 0x83, 0x00 }, Slot(world, 2)[12..]); // id 1, NEXT | WRITE | AVAIL
        Assert.Equal(new byte[] { 0x01, 0x00, 0x82, 0x00 }, Slot(world, 3)[12..]); // id 1, WRITE | AVAIL
        Assert.Equal(new byte[] { 0x30, 0x00, 0x00, 0x00 }, Slot(world, 3)[8..12]);
        Assert.Equal(new byte[16], Slot(world, 4));
    }

    [Fact]
    public void Used_descriptors_and_second_lap_descriptors_follow_the_wrap_counters()
    {
        var world = Create(3);
        var driver = world.Driver();
        var device = world.Device;
        // Lap 1: a two-slot chain at slots 0-1, used with len 0x1234 (flags AVAIL | USED = 0x8080).
        Assert.True(driver.TryAdd([new BufferSpec(Data, 8)], [new BufferSpec(Data + 8, 0x2000)], 7));
        Assert.True(world.Pop());
        device.PushUsed(world.Chain.Id, world.Chain.DescriptorCount, 0x1234);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x34, 0x12, 0x00, 0x00, 0x00, 0x00, 0x80, 0x80 }, Slot(world, 0));
        Assert.True(driver.TryReclaim(out long token, out uint written));
        Assert.Equal((7L, 0x1234u), (token, written));
        // A chain crossing the end: slot 2 in lap 1 (AVAIL), slot 0 in lap 2 (USED bit set, AVAIL clear).
        Assert.True(driver.TryAdd([new BufferSpec(Data, 8)], [new BufferSpec(Data + 8, 8)], 8));
        Assert.Equal(new byte[] { 0x00, 0x00, 0x81, 0x00 }, Slot(world, 2)[12..]);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x02, 0x80 }, Slot(world, 0)[12..]);
        Assert.True(world.Pop());
        Assert.Equal(2, world.Chain.DescriptorCount);
        device.PushUsed(world.Chain.Id, 2, 5); // used slot 2, still lap 1: 0x8080
        Assert.Equal(new byte[] { 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x80 }, Slot(world, 2)[8..]);
        Assert.True(driver.TryReclaim(out _, out _));
        // Slot 1 in lap 2: available as 0x8000, then used by a device in lap 2 as 0x0000.
        Assert.True(driver.TryAdd([new BufferSpec(Data, 4)], None, 9));
        Assert.Equal(new byte[] { 0x00, 0x80 }, Slot(world, 1)[14..]);
        Assert.True(world.Pop());
        device.PushUsed(world.Chain.Id, 1, 0);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 }, Slot(world, 1)[8..]);
        Assert.True(driver.TryReclaim(out token, out _));
        Assert.Equal(9, token);
    }

    [Fact]
    public void An_indirect_chain_is_one_ring_descriptor_pointing_to_a_table_of_write_flags_only()
    {
        var world = Create(8, VirtioFeatures.IndirectDesc);
        var driver = world.Driver(maxIndirect: 4);
        Assert.True(driver.TryAdd([new BufferSpec(0x1111, 0x10)], None, 0)); // one buffer: never indirect; id 0
        Assert.True(driver.TryAdd([new BufferSpec(0x2222, 0x10)], [new BufferSpec(0x3333, 0x20), new BufferSpec(0x4444, 0x30)], 1));
        ulong table = IndirectArea + 1 * 4 * 16; // id 1, 4 entries of 16 bytes per id
        Assert.Equal(new byte[] { 0x22, 0x22, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0x00, 0x00 }, world.Bytes(table, 16));
        Assert.Equal(new byte[] { 0x33, 0x33, 0, 0, 0, 0, 0, 0, 0x20, 0, 0, 0, 0, 0, 0x02, 0x00 }, world.Bytes(table + 16, 16));
        Assert.Equal(new byte[] { 0x44, 0x44, 0, 0, 0, 0, 0, 0, 0x30, 0, 0, 0, 0, 0, 0x02, 0x00 }, world.Bytes(table + 32, 16));
        var ring = Slot(world, 1);
        Assert.Equal(table, BitConverter.ToUInt64(ring, 0));
        Assert.Equal(new byte[] { 0x30, 0, 0, 0, 0x01, 0x00, 0x84, 0x00 }, ring[8..]); // len 48, id 1, INDIRECT | AVAIL
        Assert.Equal(6, driver.FreeDescriptors);
        Assert.True(driver.TryAdd([new BufferSpec(0x5555, 1), new BufferSpec(0x5556, 1), new BufferSpec(0x5557, 1)], [new BufferSpec(0x6666, 1), new BufferSpec(0x6667, 1)], 2));
        Assert.Equal(1, FlagsOf(Slot(world, 2)) & PackedLayout.FlagNext); // five buffers > 4 entries: a direct chain
        Assert.Equal(1, driver.FreeDescriptors);
    }

    [Fact]
    public void Event_suppression_structures_hold_off_wrap_then_flags()
    {
        var world = Create(4, VirtioFeatures.EventIdx);
        var driver = world.Driver();
        var device = world.Device;
        Assert.Equal(new byte[4], world.Bytes(DriverArea, 4)); // zeroed: ENABLE
        driver.DisableInterrupts();
        Assert.Equal(new byte[] { 0x00, 0x00, 0x01, 0x00 }, world.Bytes(DriverArea, 4));
        Assert.True(driver.EnableInterrupts());
        Assert.Equal(new byte[] { 0x00, 0x80, 0x02, 0x00 }, world.Bytes(DriverArea, 4)); // offset 0, wrap 1, DESC
        for (int i = 0; i < 2; i++) Assert.True(driver.TryAdd([new BufferSpec(Data, 4)], [new BufferSpec(Data + 8, 4)], i)); // slots 0-1, 2-3
        for (int i = 0; i < 2; i++)
        {
            Assert.True(world.Pop());
            device.PushUsed(world.Chain.Id, world.Chain.DescriptorCount, 0);
            Assert.True(driver.TryReclaim(out _, out _));
        }
        Assert.True(driver.EnableInterrupts());
        Assert.Equal(new byte[] { 0x00, 0x00, 0x02, 0x00 }, world.Bytes(DriverArea, 4)); // slot 0 of lap 2: wrap 0
        Assert.True(driver.TryAdd([new BufferSpec(Data, 4)], None, 2));
        Assert.False(device.EnableNotifications()); // that chain already waits at slot 0 of lap 2
        Assert.Equal(new byte[] { 0x00, 0x00, 0x02, 0x00 }, world.Bytes(DeviceArea, 4));
        Assert.True(world.Pop());
        Assert.True(device.EnableNotifications());
        Assert.Equal(new byte[] { 0x01, 0x00, 0x02, 0x00 }, world.Bytes(DeviceArea, 4)); // offset 1, wrap 0, DESC
        device.DisableNotifications();
        Assert.Equal(new byte[] { 0x01, 0x00, 0x01, 0x00 }, world.Bytes(DeviceArea, 4)); // off_wrap left alone
    }

    [Fact]
    public void Without_event_idx_enabling_writes_only_the_flags()
    {
        var world = Create(4);
        var driver = world.Driver();
        world.Ring.DriverEvent(0x1234, PackedLayout.EventFlagDisable).DeviceEvent(0x4321, PackedLayout.EventFlagDisable);
        Assert.True(driver.EnableInterrupts());
        Assert.True(world.Device.EnableNotifications());
        Assert.Equal(new byte[] { 0x34, 0x12, 0x00, 0x00 }, world.Bytes(DriverArea, 4));
        Assert.Equal(new byte[] { 0x21, 0x43, 0x00, 0x00 }, world.Bytes(DeviceArea, 4));
    }

    private static int FlagsOf(byte[] slot) => BitConverter.ToUInt16(slot, 14);
}
