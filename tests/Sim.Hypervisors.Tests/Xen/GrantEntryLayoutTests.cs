using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Xen;

namespace Sim.Hypervisors.Tests.Xen;

/// <summary>
/// The v1 grant entry in guest memory, byte for byte (grant_table.h, struct grant_entry_v1: flags u16 @0, domid u16
/// @2, frame u32 @4, little-endian), the flag values, the table geometry, and the in-use bits Xen writes.
/// </summary>
public sealed class GrantEntryLayoutTests
{
    [Fact]
    public void Flag_values_match_grant_table_h()
    {
        Assert.Equal(0, (int)GrantFlags.Invalid);
        Assert.Equal(1, (int)GrantFlags.PermitAccess);
        Assert.Equal(2, (int)GrantFlags.AcceptTransfer);
        Assert.Equal(3, (int)GrantFlags.TypeMask);
        Assert.Equal(0x4, (int)GrantFlags.ReadOnly);
        Assert.Equal(0x8, (int)GrantFlags.Reading);
        Assert.Equal(0x10, (int)GrantFlags.Writing);
        Assert.Equal((0x20, 0x40, 0x80), ((int)GrantFlags.Pwt, (int)GrantFlags.Pcd, (int)GrantFlags.Pat));
        Assert.Equal((8, 0, 2, 4, 512), (GrantEntryV1.Size, GrantEntryV1.FlagsOffset, GrantEntryV1.DomidOffset, GrantEntryV1.FrameOffset, GrantEntryV1.EntriesPerFrame));
    }

    [Fact]
    public void Status_codes_match_grant_table_h()
    {
        short[] expected = [0, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -13];
        GrantStatus[] actual =
        [
            GrantStatus.Okay, GrantStatus.GeneralError, GrantStatus.BadDomain, GrantStatus.BadGntref, GrantStatus.BadHandle,
            GrantStatus.BadVirtAddr, GrantStatus.BadDevAddr, GrantStatus.NoDeviceSpace, GrantStatus.PermissionDenied,
            GrantStatus.BadPage, GrantStatus.BadCopyArg, GrantStatus.AddressTooBig, GrantStatus.Eagain, GrantStatus.NoSpace,
        ];
        Assert.Equal(expected, actual.Select(s => (short)s));
    }

    [Fact]
    public void Default_table_is_64_frames_of_512_refs()
    {
        var memory = new GuestMemory("vm1", 128 * (ulong)GuestMemory.PageSize);
        var table = new GrantTable(memory, 1, baseAddress: 0x10000);
        Assert.Equal((64, 32768), (table.MaxFrames, table.Capacity));
        Assert.Equal(0x10000UL + 8 * 513, table.EntryAddress(513));
    }

    [Fact]
    public void Grant_writes_exact_bytes_of_a_read_only_entry()
    {
        var memory = new GuestMemory("vm1", 16 * (ulong)GuestMemory.PageSize);
        var table = new GrantTable(memory, 1, baseAddress: 2 * (ulong)GuestMemory.PageSize, maxFrames: 1);

        Assert.Equal(GrantStatus.Okay, table.TryGrantAccess(0x0102, 0x0A0B0C0D, readOnly: true, out uint first));
        Assert.Equal(GrantStatus.Okay, table.TryGrantAccess(0x0003, 0x5, readOnly: false, out uint second));

        var bytes = new byte[16];
        memory.Read(2 * (ulong)GuestMemory.PageSize, bytes);
        Assert.Equal((0u, 1u), (first, second));
        Assert.Equal(new byte[]
        {
            0x05, 0x00, 0x02, 0x01, 0x0D, 0x0C, 0x0B, 0x0A, // permit_access|readonly, domid 0x0102, frame 0x0A0B0C0D
            0x01, 0x00, 0x03, 0x00, 0x05, 0x00, 0x00, 0x00, // permit_access, domid 3, frame 5
        }, bytes);
        Assert.Equal(new GrantEntryV1(GrantFlags.PermitAccess | GrantFlags.ReadOnly, 0x0102, 0x0A0B0C0D), table.ReadEntry(first));
    }

    [Fact]
    public void Map_sets_reading_and_writing_bytes_and_unmap_clears_them()
    {
        var world = new GrantWorld();
        uint gref = world.Grant(3);
        ulong flagsAt = world.Table.EntryAddress(gref);

        var handle = world.Map(gref, writable: true);
        Assert.Equal(0x19, world.Memory.ReadUInt16(flagsAt)); // permit_access | reading | writing
        Assert.Equal(GrantStatus.Okay, world.Mapper.Unmap(handle));
        Assert.Equal(0x01, world.Memory.ReadUInt16(flagsAt));

        Assert.Equal(GrantStatus.Okay, world.Table.EndAccess(gref));
        var bytes = new byte[8];
        world.Memory.Read(flagsAt, bytes);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 3, 0, 0, 0 }, bytes); // flags invalid; domid and frame left as they were
    }

    [Fact]
    public void Reading_stays_until_the_last_mapping_and_writing_until_the_last_writable_one()
    {
        var world = new GrantWorld();
        uint gref = world.Grant(3);
        var reader = world.Map(gref, writable: false);
        var writer = world.Map(gref, writable: true);
        Assert.Equal(GrantFlags.PermitAccess | GrantFlags.Reading | GrantFlags.Writing, world.Flags(gref));

        world.Mapper.Unmap(writer);
        Assert.Equal(GrantFlags.PermitAccess | GrantFlags.Reading, world.Flags(gref));
        world.Mapper.Unmap(reader);
        Assert.Equal(GrantFlags.PermitAccess, world.Flags(gref));
    }

    [Fact]
    public void Table_that_does_not_fit_in_guest_memory_is_a_configuration_error()
    {
        var memory = new GuestMemory("vm1", 4 * (ulong)GuestMemory.PageSize);
        var error = Assert.Throws<ArgumentException>(() => new GrantTable(memory, 1, baseAddress: 0, maxFrames: 64));
        Assert.Contains("vm1", error.Message);
        Assert.Throws<ArgumentException>(() => new GrantTable(memory, 1, baseAddress: 100, maxFrames: 1));
    }
}
