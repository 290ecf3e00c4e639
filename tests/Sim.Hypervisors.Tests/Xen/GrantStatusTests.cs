using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Xen;

namespace Sim.Hypervisors.Tests.Xen;

/// <summary>
/// One negative test per status the grant model returns, each checking that the refused operation changed nothing
/// and was counted; plus the success paths they guard (free-list reuse, counters, flush IPIs).
/// </summary>
public sealed class GrantStatusTests
{
    private readonly GrantWorld _world = new();

    // ---- NoSpace ----

    [Fact]
    public void Grant_when_every_ref_is_in_use_is_no_space_and_a_revoked_ref_is_reused()
    {
        for (int i = 0; i < _world.Table.Capacity; i++) _world.Grant(5);
        Assert.Equal(GrantStatus.NoSpace, _world.Table.TryGrantAccess(GrantWorld.Backend, 5, false, out _));
        Assert.Equal((512, 512, 1L), (_world.Table.Counters.RefsInUse, _world.Table.Counters.PeakRefsInUse, _world.Table.Counters.Refused));

        Assert.Equal(GrantStatus.Okay, _world.Table.EndAccess(137));
        Assert.Equal(GrantStatus.Okay, _world.Table.TryGrantAccess(GrantWorld.Backend, 6, false, out uint reused));
        Assert.Equal(137u, reused);
        Assert.Equal(6u, _world.Table.ReadEntry(137).Frame);
    }

    [Fact]
    public void Map_when_the_maptrack_is_full_is_no_space()
    {
        var world = new GrantWorld(maxHandles: 2);
        uint gref = world.Grant(3);
        world.Map(gref);
        var second = world.Map(gref);
        Assert.Equal(GrantStatus.NoSpace, world.Mapper.Map(GrantWorld.Backend, gref, true, out _, out _));
        Assert.Equal(2, world.Mapper.ActiveMappings);

        world.Mapper.Unmap(second);
        Assert.Equal(GrantStatus.Okay, world.Mapper.Map(GrantWorld.Backend, gref, true, out var reused, out _));
        Assert.Equal(second, reused);
    }

    // ---- AddressTooBig ----

    [Fact]
    public void Grant_of_a_frame_beyond_32_bits_is_address_too_big()
    {
        Assert.Equal(GrantStatus.AddressTooBig, _world.Table.TryGrantAccess(GrantWorld.Backend, 1UL << 32, false, out _));
        Assert.Equal(0, _world.Table.Counters.RefsInUse);
        Assert.Equal(GrantFlags.Invalid, _world.Flags(0));
    }

    // ---- BadGntref ----

    [Fact]
    public void End_access_of_a_ref_not_granted_is_bad_gntref()
    {
        uint gref = _world.Grant(3);
        Assert.Equal(GrantStatus.BadGntref, _world.Table.EndAccess(gref + 1));
        Assert.Equal(GrantStatus.BadGntref, _world.Table.EndAccess(100_000));
        Assert.Equal(GrantStatus.Okay, _world.Table.EndAccess(gref));
        Assert.Equal(GrantStatus.BadGntref, _world.Table.EndAccess(gref)); // twice
    }

    [Fact]
    public void Map_of_a_ref_outside_the_table_is_bad_gntref()
    {
        Assert.Equal(GrantStatus.BadGntref, _world.Mapper.Map(GrantWorld.Backend, 512, false, out _, out _));
    }

    [Fact]
    public void Map_of_an_invalid_entry_is_bad_gntref()
    {
        uint gref = _world.Grant(3);
        Assert.Equal(GrantStatus.Okay, _world.Table.EndAccess(gref));
        Assert.Equal(GrantStatus.BadGntref, _world.Mapper.Map(GrantWorld.Backend, gref, false, out _, out _));
        Assert.Equal(GrantFlags.Invalid, _world.Flags(gref)); // not pinned
    }

    [Fact]
    public void Map_of_an_accept_transfer_entry_is_bad_gntref()
    {
        ulong entry = _world.Table.EntryAddress(9);
        _world.Memory.WriteUInt16(entry + 2, GrantWorld.Backend);
        _world.Memory.WriteUInt32(entry + 4, 3);
        _world.Memory.WriteUInt16(entry, (ushort)GrantFlags.AcceptTransfer);
        Assert.Equal(GrantStatus.BadGntref, _world.Mapper.Map(GrantWorld.Backend, 9, false, out _, out _));
    }

    [Fact]
    public void Map_by_a_domain_the_grant_is_not_for_is_bad_gntref()
    {
        uint gref = _world.Grant(3);
        Assert.Equal(GrantStatus.BadGntref, _world.Mapper.Map(GrantWorld.Stranger, gref, false, out _, out _));
        Assert.Equal(GrantFlags.PermitAccess, _world.Flags(gref));
        Assert.Equal(MappedAccess.None, _world.Mapper.AccessTo(GrantWorld.Stranger, 3));
    }

    [Fact]
    public void Copy_by_a_domain_the_grant_is_not_for_is_bad_gntref()
    {
        uint gref = _world.Grant(3);
        Assert.Equal(GrantStatus.BadGntref, _world.Mapper.CopyFromGrant(GrantWorld.Stranger, gref, 0, new byte[8]));
        Assert.Equal(0L, _world.Table.Counters.Copies);
    }

    // ---- BadHandle ----

    [Fact]
    public void Unmap_of_an_unknown_or_already_unmapped_handle_is_bad_handle()
    {
        uint gref = _world.Grant(3);
        var handle = _world.Map(gref);
        Assert.Equal(GrantStatus.BadHandle, _world.Mapper.Unmap(new GrantHandle(99)));
        Assert.Equal(GrantStatus.Okay, _world.Mapper.Unmap(handle, vcpusThatMayHoldIt: 4));
        Assert.Equal(GrantStatus.BadHandle, _world.Mapper.Unmap(handle, vcpusThatMayHoldIt: 4));
        Assert.Equal((1L, 4L, 2L), (_world.Table.Counters.Unmaps, _world.Table.Counters.FlushIpis, _world.Table.Counters.Refused));
    }

    // ---- PermissionDenied ----

    [Fact]
    public void Writable_map_of_a_read_only_grant_is_permission_denied()
    {
        uint gref = _world.Grant(3, readOnly: true);
        Assert.Equal(GrantStatus.PermissionDenied, _world.Mapper.Map(GrantWorld.Backend, gref, writable: true, out _, out _));
        Assert.Equal(GrantFlags.PermitAccess | GrantFlags.ReadOnly, _world.Flags(gref));
        Assert.Equal(GrantStatus.Okay, _world.Mapper.Map(GrantWorld.Backend, gref, writable: false, out _, out ulong frame));
        Assert.Equal(3UL, frame);
    }

    [Fact]
    public void Copy_into_a_read_only_grant_is_permission_denied()
    {
        uint gref = _world.Grant(3, readOnly: true);
        Assert.Equal(GrantStatus.PermissionDenied, _world.Mapper.CopyToGrant(GrantWorld.Backend, gref, 0, new byte[] { 1, 2, 3 }));
        Assert.Equal(0u, _world.Memory.ReadUInt32(3 * GrantWorld.Page));
    }

    // ---- BadPage ----

    [Fact]
    public void Map_of_a_grant_for_a_frame_outside_guest_memory_is_bad_page()
    {
        uint gref = _world.Grant(1000);
        Assert.Equal(GrantStatus.BadPage, _world.Mapper.Map(GrantWorld.Backend, gref, false, out _, out _));
        Assert.Equal(GrantStatus.BadPage, _world.Mapper.CopyFromGrant(GrantWorld.Backend, gref, 0, new byte[1]));
        Assert.Equal(GrantFlags.PermitAccess, _world.Flags(gref));
    }

    // ---- BadCopyArg ----

    [Theory]
    [InlineData(4000, 97)]
    [InlineData(0, 4097)]
    [InlineData(-1, 1)]
    [InlineData(int.MaxValue, 1)]
    public void Copy_crossing_the_page_is_bad_copy_arg(int offset, int length)
    {
        uint gref = _world.Grant(3);
        Assert.Equal(GrantStatus.BadCopyArg, _world.Mapper.CopyToGrant(GrantWorld.Backend, gref, offset, new byte[length]));
        Assert.Equal(GrantStatus.BadCopyArg, _world.Mapper.CopyFromGrant(GrantWorld.Backend, gref, offset, new byte[length]));
        Assert.Equal(0, _world.Memory.MaterialisedPages - 1); // only the table page was written
    }

    // ---- Eagain ----

    [Fact]
    public void Revoking_a_mapped_grant_is_eagain_and_the_entry_stays()
    {
        uint gref = _world.Grant(3);
        var handle = _world.Map(gref, writable: false);
        var before = _world.Table.ReadEntry(gref);

        Assert.Equal(GrantStatus.Eagain, _world.Table.EndAccess(gref));
        Assert.Equal(before, _world.Table.ReadEntry(gref));
        Assert.True(_world.Table.IsGranted(gref));

        _world.Mapper.Unmap(handle);
        Assert.Equal(GrantStatus.Okay, _world.Table.EndAccess(gref));
    }

    // ---- Copy and device access, success paths ----

    [Fact]
    public void Copy_moves_real_bytes_both_ways_and_is_counted()
    {
        uint gref = _world.Grant(3);
        Assert.Equal(GrantStatus.Okay, _world.Mapper.CopyToGrant(GrantWorld.Backend, gref, 4090, new byte[] { 1, 2, 3, 4, 5, 6 }));
        var back = new byte[6];
        Assert.Equal(GrantStatus.Okay, _world.Mapper.CopyFromGrant(GrantWorld.Backend, gref, 4090, back));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, back);
        Assert.Equal(0x04030201u, _world.Memory.ReadUInt32(3 * GrantWorld.Page + 4090));
        Assert.Equal((2L, 12L, 0L), (_world.Table.Counters.Copies, _world.Table.Counters.BytesCopied, _world.Table.Counters.Maps));
    }

    [Fact]
    public void Backend_reaches_only_mapped_frames_and_writes_only_writable_ones()
    {
        uint rw = _world.Grant(3);
        uint ro = _world.Grant(4, readOnly: true);
        _world.Grant(5); // granted, never mapped
        var rwHandle = _world.Map(rw);
        _world.Map(ro, writable: false);

        Assert.Equal(AccessVerdict.Allowed, _world.Device.WriteUInt32(3 * GrantWorld.Page + 8, 0xCAFE));
        Assert.Equal(AccessVerdict.Allowed, _world.Device.ReadUInt32(4 * GrantWorld.Page, out _));
        Assert.Equal(AccessVerdict.Denied, _world.Device.WriteUInt32(4 * GrantWorld.Page, 1));                // read-only map
        Assert.Equal(AccessVerdict.Denied, _world.Device.ReadUInt32(5 * GrantWorld.Page, out _));             // granted, not mapped
        Assert.Equal(AccessVerdict.Denied, _world.Device.ReadUInt64(0, out _));                               // the grant table itself
        Assert.Equal(AccessVerdict.Denied, _world.Device.Read(4 * GrantWorld.Page + 4090, new byte[12]));     // runs into frame 5
        Assert.Equal(AccessVerdict.OutOfRange, _world.Device.ReadUInt32(16 * GrantWorld.Page, out _));

        _world.Mapper.Unmap(rwHandle);
        Assert.Equal(AccessVerdict.Denied, _world.Device.ReadUInt32(3 * GrantWorld.Page + 8, out _));         // after unmap
        Assert.Equal(0xCAFEu, _world.Memory.ReadUInt32(3 * GrantWorld.Page + 8));
        Assert.Equal(0u, _world.Memory.ReadUInt32(4 * GrantWorld.Page));

        var tally = _world.Log.For("dom0/backend");
        Assert.Equal((1L, 1L, 6L), (tally.Writes, tally.Reads, tally.Refused));
        Assert.Equal(6, _world.Log.Accesses.Count(a => a.Verdict != AccessVerdict.Allowed));
        Assert.False(tally.Touched(5 * GrantWorld.Page));
    }

    [Fact]
    public void Another_grantee_does_not_inherit_the_backends_mappings()
    {
        uint gref = _world.Grant(3);
        _world.Map(gref);
        var stranger = new GrantedDeviceMemory(_world.Mapper, GrantWorld.Stranger, "dom7/snoop", _world.Log);
        Assert.Equal(AccessVerdict.Denied, stranger.ReadUInt32(3 * GrantWorld.Page, out _));
    }
}
