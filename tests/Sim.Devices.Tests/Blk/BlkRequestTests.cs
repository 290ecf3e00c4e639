using System.Text;
using Sim.Core.Time;
using Sim.Devices.Blk;

namespace Sim.Devices.Tests.Blk;

/// <summary>
/// Well-formed requests of every type, byte by byte through a split queue (virtio 1.2, 5.2.6): the data and status the
/// guest sees, the used len (data written + status byte), the storage effect and the service time.
/// </summary>
public sealed class BlkRequestTests
{
    [Fact]
    public void Out_then_in_reads_back_what_was_written_and_used_len_counts_data_plus_status()
    {
        var rig = new BlkRig();
        byte[] data = BlkRig.Pattern(3, seed: 1);
        var write = rig.Request().Header(BlkLayout.TypeOut, 10).Readable(data).Status().Submit();
        var wrote = rig.Serve();
        Assert.True(wrote.Outcome.Succeeded, wrote.Outcome.Problem);
        Assert.Equal(1u, wrote.UsedLength);
        Assert.Equal(BlkLayout.StatusOk, write.StatusByte());
        Assert.Equal(3, rig.Storage.StoredSectors);

        var read = rig.Request().Header(BlkLayout.TypeIn, 10).Writable(3 * 512).Status().Submit();
        var got = rig.Serve();
        Assert.True(got.Outcome.Succeeded, got.Outcome.Problem);
        Assert.Equal(3u * 512 + 1, got.UsedLength);
        byte[] seen = read.WritableBytes();
        Assert.Equal(data, seen[..^1]);
        Assert.Equal(BlkLayout.StatusOk, seen[^1]);
    }

    [Fact]
    public void In_data_split_across_buffers_and_unwritten_sectors_read_as_zeros()
    {
        var rig = new BlkRig();
        byte[] data = BlkRig.Pattern(1, seed: 2);
        rig.Request().Header(BlkLayout.TypeOut, 5).Readable(data[..100]).Readable(data[100..]).Status().Submit();
        Assert.True(rig.Serve().Outcome.Succeeded);

        var read = rig.Request().Header(BlkLayout.TypeIn, 4).Writable(700).Writable(324).Writable(512).Status().Submit();
        var got = rig.Serve();
        Assert.Equal(3u * 512 + 1, got.UsedLength);
        byte[] seen = read.WritableBytes();
        Assert.Equal(new byte[512], seen[..512]);
        Assert.Equal(data, seen[512..1024]);
        Assert.Equal(new byte[512], seen[1024..1536]);
        Assert.Equal(BlkLayout.StatusOk, seen[^1]);
    }

    [Fact]
    public void A_header_split_over_three_buffers_is_parsed()
    {
        var rig = new BlkRig();
        var read = rig.Request().Header(BlkLayout.TypeIn, BlkRig.Capacity - 1, 3, 5, 8).Writable(512).Status().Submit();
        var got = rig.Serve();
        Assert.True(got.Outcome.Succeeded, got.Outcome.Problem);
        Assert.Equal(BlkRig.Capacity - 1, got.Outcome.Request!.Value.Sector);
        Assert.Equal(BlkLayout.StatusOk, read.StatusByte());
    }

    [Fact]
    public void Status_may_share_the_last_writable_buffer_with_the_data()
    {
        var rig = new BlkRig();
        var read = rig.Request().Header(BlkLayout.TypeIn, 0).Writable(513).Submit();
        var got = rig.Serve();
        Assert.True(got.Outcome.Succeeded, got.Outcome.Problem);
        Assert.Equal(513u, got.UsedLength);
        Assert.Equal(BlkLayout.StatusOk, read.StatusByte());
    }

    [Fact]
    public void Flush_answers_ok_with_only_the_status_byte_and_takes_the_flush_latency()
    {
        var rig = new BlkRig();
        var flush = rig.Request().Header(BlkLayout.TypeFlush, 0).Status().Submit();
        var got = rig.Serve();
        Assert.True(got.Outcome.Succeeded, got.Outcome.Problem);
        Assert.Equal(1u, got.UsedLength);
        Assert.Equal(BlkLayout.StatusOk, flush.StatusByte());
        Assert.Equal(SimTime.FromMicroseconds(200), got.ServiceTime);
    }

    [Fact]
    public void Get_id_writes_the_20_byte_nul_padded_serial()
    {
        var rig = new BlkRig();
        var id = rig.Request().Header(BlkLayout.TypeGetId, 0).Writable(BlkLayout.IdBytes).Status().Submit();
        var got = rig.Serve();
        Assert.True(got.Outcome.Succeeded, got.Outcome.Problem);
        Assert.Equal((uint)BlkLayout.IdBytes + 1, got.UsedLength);
        byte[] seen = id.WritableBytes();
        byte[] expected = new byte[BlkLayout.IdBytes];
        Encoding.ASCII.GetBytes(BlkRig.Serial, expected);
        Assert.Equal(expected, seen[..BlkLayout.IdBytes]);
        Assert.Equal(BlkLayout.StatusOk, seen[^1]);
    }

    [Fact]
    public void Get_id_with_a_larger_buffer_writes_only_20_bytes()
    {
        var rig = new BlkRig();
        var id = rig.Request().Header(BlkLayout.TypeGetId, 0).Writable(64).Status().Submit();
        var got = rig.Serve();
        Assert.Equal((uint)BlkLayout.IdBytes + 1, got.UsedLength);
        Assert.All(id.WritableBytes()[BlkLayout.IdBytes..64], b => Assert.Equal(0xEE, b));
    }

    [Fact]
    public void Write_zeroes_and_discard_clear_their_ranges_only()
    {
        var rig = new BlkRig();
        rig.Request().Header(BlkLayout.TypeOut, 0).Readable(BlkRig.Pattern(8, seed: 3)).Status().Submit();
        rig.Serve();
        rig.Request().Header(BlkLayout.TypeWriteZeroes, 0).Readable([.. BlkRig.Range(1, 2, BlkLayout.SegmentFlagUnmap), .. BlkRig.Range(6, 1)]).Status().Submit();
        var zeroed = rig.Serve();
        Assert.True(zeroed.Outcome.Succeeded, zeroed.Outcome.Problem);
        Assert.Equal(1u, zeroed.UsedLength);
        Assert.Equal(5, rig.Storage.StoredSectors);
        rig.Request().Header(BlkLayout.TypeDiscard, 0).Readable(BlkRig.Range(7, 1)).Status().Submit();
        Assert.True(rig.Serve().Outcome.Succeeded);
        Assert.Equal(4, rig.Storage.StoredSectors);
    }

    [Fact]
    public void Service_time_is_access_latency_plus_bytes_at_bandwidth_separately_for_reads_and_writes()
    {
        var rig = new BlkRig();
        rig.Request().Header(BlkLayout.TypeOut, 0).Readable(BlkRig.Pattern(8, seed: 4)).Status().Submit();
        var write = rig.Serve();
        rig.Request().Header(BlkLayout.TypeIn, 0).Writable(8 * 512).Status().Submit();
        var read = rig.Serve();
        var timing = BlkTestTiming.Example;
        Assert.Equal(SimTime.FromMicroseconds(20) + SimTime.ForBytesAtRate(4096, timing.WriteBytesPerSecond), write.ServiceTime);
        Assert.Equal(SimTime.FromMicroseconds(80) + SimTime.ForBytesAtRate(4096, timing.ReadBytesPerSecond), read.ServiceTime);
    }

    [Fact]
    public void Storage_without_content_drops_writes_and_reads_zeros()
    {
        var rig = new BlkRig(storage: new BlkStorage(BlkRig.Capacity, BlkTestTiming.Example, keepsContent: false));
        rig.Request().Header(BlkLayout.TypeOut, 0).Readable(BlkRig.Pattern(1, seed: 5)).Status().Submit();
        Assert.True(rig.Serve().Outcome.Succeeded);
        var read = rig.Request().Header(BlkLayout.TypeIn, 0).Writable(512).Status().Submit();
        Assert.Equal(513u, rig.Serve().UsedLength);
        Assert.Equal(new byte[512], read.WritableBytes()[..512]);
        Assert.Equal(0, rig.Storage.StoredSectors);
    }

    [Fact]
    public void The_last_sector_is_in_range()
    {
        var rig = new BlkRig();
        rig.Request().Header(BlkLayout.TypeOut, BlkRig.Capacity - 2).Readable(BlkRig.Pattern(2, seed: 6)).Status().Submit();
        Assert.True(rig.Serve().Outcome.Succeeded);
    }
}
