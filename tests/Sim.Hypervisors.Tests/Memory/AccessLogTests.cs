using Sim.Hypervisors.Memory;

namespace Sim.Hypervisors.Tests.Memory;

/// <summary>
/// The access log: one tally per accessor, the guest pages each accessor reached (its exposure), refused accesses
/// counted apart and reaching no page, and the per-access list only when the log was asked to keep it.
/// </summary>
public sealed class AccessLogTests
{
    private const ulong Page = GuestMemory.PageSize;

    private static void Read(AccessLog log, string accessor, ulong address, uint length, AccessVerdict verdict = AccessVerdict.Allowed) =>
        log.Record(log.For(accessor), MemoryAccessKind.Read, address, length, verdict);

    private static void Write(AccessLog log, string accessor, ulong address, uint length, AccessVerdict verdict = AccessVerdict.Allowed) =>
        log.Record(log.For(accessor), MemoryAccessKind.Write, address, length, verdict);

    [Fact]
    public void Each_accessor_has_its_own_tally()
    {
        var log = new AccessLog();
        Read(log, "vm1/net", 0, 64);
        Read(log, "vm1/net", 64, 16);
        Write(log, "vm1/net", 0x1000, 1500);
        Write(log, "vm1/blk", 0x8000, 512);

        var net = log.For("vm1/net");
        var blk = log.For("vm1/blk");
        Assert.Equal((2L, 80L, 1L, 1500L), (net.Reads, net.BytesRead, net.Writes, net.BytesWritten));
        Assert.Equal((0L, 0L, 1L, 512L), (blk.Reads, blk.BytesRead, blk.Writes, blk.BytesWritten));
        Assert.Same(net, log.For("vm1/net"));
    }

    [Fact]
    public void Tallies_are_listed_by_accessor_path_in_ordinal_order()
    {
        var log = new AccessLog();
        foreach (string accessor in new[] { "vm1/net", "dom0/blkback", "vm1/Blk", "vm1/blk" }) Read(log, accessor, 0, 1);

        Assert.Equal(new[] { "dom0/blkback", "vm1/Blk", "vm1/blk", "vm1/net" }, log.Tallies.Select(t => t.Accessor));
    }

    [Fact]
    public void An_access_across_a_page_boundary_touches_both_pages()
    {
        var log = new AccessLog();
        Read(log, "dev", 3 * Page - 1, 2);

        var tally = log.For("dev");
        Assert.Equal(2, tally.PagesTouched);
        Assert.True(tally.Touched(3 * Page - 1));
        Assert.True(tally.Touched(3 * Page + Page - 1));
        Assert.False(tally.Touched(2 * Page - 1));
        Assert.False(tally.Touched(4 * Page));
    }

    [Fact]
    public void An_access_touches_every_page_it_spans_and_no_other()
    {
        var log = new AccessLog();
        Write(log, "dev", 5 * Page + 10, (uint)(3 * Page)); // pages 5, 6, 7 and 8

        var tally = log.For("dev");
        Assert.Equal(4, tally.PagesTouched);
        Assert.Equal(new ulong[] { 5, 6, 7, 8 }, Enumerable.Range(0, 12).Select(p => (ulong)p).Where(p => tally.Touched(p * Page)));
    }

    [Fact]
    public void An_access_ending_exactly_at_a_page_boundary_does_not_touch_the_next_page()
    {
        var log = new AccessLog();
        Read(log, "dev", 2 * Page - 16, 16);

        Assert.Equal(1, log.For("dev").PagesTouched);
        Assert.False(log.For("dev").Touched(2 * Page));
    }

    [Fact]
    public void Pages_are_counted_once_however_often_and_in_whatever_order_they_are_reached()
    {
        var log = new AccessLog();
        Read(log, "dev", 5 * Page, 4);
        Read(log, "dev", 5 * Page + 8, 4);
        Write(log, "dev", 6 * Page - 2, 4);   // pages 5 and 6
        Read(log, "dev", 6 * Page + 100, 2);  // page 6 again
        Read(log, "dev", 5 * Page + 100, 2);  // back to page 5
        Read(log, "dev", 1 * Page, 1);        // a new, lower page

        Assert.Equal(3, log.For("dev").PagesTouched);
    }

    [Fact]
    public void Accessors_pages_are_kept_apart()
    {
        var log = new AccessLog();
        Read(log, "a", 0, 1);
        Read(log, "b", 7 * Page, 1);

        Assert.True(log.For("a").Touched(0));
        Assert.False(log.For("a").Touched(7 * Page));
        Assert.False(log.For("b").Touched(0));
    }

    [Theory]
    [InlineData(AccessVerdict.OutOfRange)]
    [InlineData(AccessVerdict.Denied)]
    public void Refused_accesses_are_counted_apart_and_touch_no_page(AccessVerdict verdict)
    {
        var log = new AccessLog();
        Read(log, "dev", 0x3000, 64, verdict);
        Write(log, "dev", 0x4000 - 2, 4, verdict);

        var tally = log.For("dev");
        Assert.Equal(2, tally.Refused);
        Assert.Equal((0L, 0L, 0L, 0L), (tally.Reads, tally.Writes, tally.BytesRead, tally.BytesWritten));
        Assert.Equal(0, tally.PagesTouched);
        Assert.False(tally.Touched(0x3000));
    }

    [Fact]
    public void An_empty_access_is_counted_but_touches_no_page()
    {
        var log = new AccessLog();
        Read(log, "dev", 0x5000, 0);

        var tally = log.For("dev");
        Assert.Equal(1, tally.Reads);
        Assert.Equal(0, tally.BytesRead);
        Assert.Equal(0, tally.PagesTouched);
    }

    [Fact]
    public void The_per_access_list_is_empty_unless_asked_for()
    {
        var log = new AccessLog();
        Read(log, "dev", 0, 8);
        Write(log, "dev", 0, 8, AccessVerdict.Denied);

        Assert.False(log.KeepsEveryAccess);
        Assert.Empty(log.Accesses);
        Assert.Equal(1, log.For("dev").Reads); // the tallies still count
    }

    [Fact]
    public void The_per_access_list_keeps_every_access_in_order_when_asked_for()
    {
        var log = new AccessLog(keepEveryAccess: true);
        Read(log, "b", 0x10, 8);
        Write(log, "a", 0x20, 4, AccessVerdict.Denied);
        Read(log, "b", 0x30, 2, AccessVerdict.OutOfRange);

        Assert.True(log.KeepsEveryAccess);
        Assert.Equal(
            new[]
            {
                new MemoryAccess("b", MemoryAccessKind.Read, 0x10, 8, AccessVerdict.Allowed),
                new MemoryAccess("a", MemoryAccessKind.Write, 0x20, 4, AccessVerdict.Denied),
                new MemoryAccess("b", MemoryAccessKind.Read, 0x30, 2, AccessVerdict.OutOfRange),
            },
            log.Accesses);
    }
}
