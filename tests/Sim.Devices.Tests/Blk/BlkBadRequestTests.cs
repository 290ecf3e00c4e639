using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Devices.Blk;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Blk;

/// <summary>
/// Every bad request shape (virtio 1.2, 5.2.6, 5.2.6.2): the error, the status the guest sees (UNSUPP for an
/// unsupported type or flag, IOERR for the rest), used len 1 (status only), no data written, no storage change, and a
/// problem text naming the chain. No status byte and refused buffers answer nothing (used len 0).
/// </summary>
public sealed class BlkBadRequestTests
{
    [Fact]
    public void A_chain_without_a_writable_byte_gets_no_answer()
    {
        var rig = new BlkRig();
        rig.Request().Header(BlkLayout.TypeOut, 0).Readable(BlkRig.Pattern(1, 1)).Submit();
        var got = rig.Serve();
        Assert.Equal(0u, got.UsedLength);
        Assert.Equal(BlkParseError.NoStatusByte, got.Outcome.Error);
        Assert.Null(got.Outcome.Status);
        Assert.Contains("no writable byte for the status", got.Outcome.Problem);
        Assert.Equal(0, rig.Storage.StoredSectors);
    }

    [Fact]
    public void A_header_shorter_than_16_bytes_is_an_io_error()
    {
        var rig = new BlkRig();
        var request = rig.Request().Readable(BlkRig.Header(BlkLayout.TypeIn, 0)[..15]).Writable(512).Status().Submit();
        AssertRefused(rig.Serve(), BlkParseError.HeaderTooShort, BlkLayout.StatusIoError, "15 readable bytes");
        Assert.Equal(BlkLayout.StatusIoError, request.StatusByte());
        AssertUntouched(request.WritableBytes()[..512]);
    }

    [Fact]
    public void In_with_readable_data_is_an_io_error()
    {
        var rig = new BlkRig();
        var request = rig.Request().Header(BlkLayout.TypeIn, 0).Readable(new byte[512]).Writable(512).Status().Submit();
        AssertRefused(rig.Serve(), BlkParseError.DataDirection, BlkLayout.StatusIoError, "IN data must be writable");
        AssertUntouched(request.WritableBytes()[..512]);
    }

    [Fact]
    public void Out_with_writable_data_is_an_io_error_and_writes_nothing()
    {
        var rig = new BlkRig();
        var request = rig.Request().Header(BlkLayout.TypeOut, 0).Readable(BlkRig.Pattern(1, 2)).Writable(512).Status().Submit();
        AssertRefused(rig.Serve(), BlkParseError.DataDirection, BlkLayout.StatusIoError, "OUT data must be readable");
        AssertUntouched(request.WritableBytes()[..512]);
        Assert.Equal(BlkLayout.StatusIoError, request.StatusByte());
        Assert.Equal(0, rig.Storage.StoredSectors);
    }

    [Theory]
    [InlineData(BlkLayout.TypeIn, 100)]
    [InlineData(BlkLayout.TypeIn, 513)]
    [InlineData(BlkLayout.TypeOut, 511)]
    [InlineData(BlkLayout.TypeOut, 1000)]
    public void In_and_out_data_not_a_multiple_of_512_is_an_io_error(uint type, int length)
    {
        var rig = new BlkRig();
        var builder = rig.Request().Header(type, 0);
        builder = type == BlkLayout.TypeIn ? builder.Writable(length) : builder.Readable(new byte[length]);
        builder.Status().Submit();
        AssertRefused(rig.Serve(), BlkParseError.DataLength, BlkLayout.StatusIoError, $"{length} data bytes, not a multiple of 512");
    }

    [Theory]
    [InlineData(BlkLayout.TypeIn, BlkRig.Capacity - 1, 2)]
    [InlineData(BlkLayout.TypeIn, BlkRig.Capacity, 1)]
    [InlineData(BlkLayout.TypeOut, BlkRig.Capacity + 5, 1)]
    [InlineData(BlkLayout.TypeOut, ulong.MaxValue, 1)]
    [InlineData(BlkLayout.TypeIn, ulong.MaxValue - 1, 4)]
    public void A_sector_range_past_the_capacity_is_an_io_error(uint type, ulong sector, int sectors)
    {
        var rig = new BlkRig();
        var builder = rig.Request().Header(type, sector);
        builder = type == BlkLayout.TypeIn ? builder.Writable(sectors * 512) : builder.Readable(new byte[sectors * 512]);
        var request = builder.Status().Submit();
        AssertRefused(rig.Serve(), BlkParseError.SectorOutOfRange, BlkLayout.StatusIoError, "past the capacity of 1024 sectors");
        if (type == BlkLayout.TypeIn) AssertUntouched(request.WritableBytes()[..^1]);
        Assert.Equal(0, rig.Storage.StoredSectors);
    }

    [Theory]
    [InlineData(2u)] // VIRTIO_BLK_T_SCSI_CMD (legacy)
    [InlineData(BlkLayout.TypeGetLifetime)]
    [InlineData(BlkLayout.TypeSecureErase)] // not negotiated in the rig
    [InlineData(0x80000000u)] // VIRTIO_BLK_T_BARRIER (legacy)
    [InlineData(99u)]
    public void An_unsupported_type_answers_unsupp(uint type)
    {
        var rig = new BlkRig();
        var request = rig.Request().Header(type, 0).Writable(64).Status().Submit();
        AssertRefused(rig.Serve(), BlkParseError.Unsupported, BlkLayout.StatusUnsupported, BlkRequestTypes.Name(type));
        Assert.Equal(BlkLayout.StatusUnsupported, request.StatusByte());
    }

    [Fact]
    public void Discard_without_the_negotiated_feature_answers_unsupp()
    {
        var rig = new BlkRig(features: BlkFeatures.Flush);
        rig.Request().Header(BlkLayout.TypeDiscard, 0).Readable(BlkRig.Range(0, 1)).Status().Submit();
        AssertRefused(rig.Serve(), BlkParseError.Unsupported, BlkLayout.StatusUnsupported, "not negotiated");
    }

    [Fact]
    public void Discard_with_the_unmap_flag_answers_unsupp()
    {
        var rig = new BlkRig();
        rig.Request().Header(BlkLayout.TypeDiscard, 0).Readable(BlkRig.Range(0, 1, BlkLayout.SegmentFlagUnmap)).Status().Submit();
        AssertRefused(rig.Serve(), BlkParseError.Unsupported, BlkLayout.StatusUnsupported, "flags 0x1");
    }

    [Fact]
    public void Write_zeroes_with_an_unknown_flag_answers_unsupp()
    {
        var rig = new BlkRig();
        rig.Request().Header(BlkLayout.TypeWriteZeroes, 0).Readable(BlkRig.Range(0, 1, 2)).Status().Submit();
        AssertRefused(rig.Serve(), BlkParseError.Unsupported, BlkLayout.StatusUnsupported, "flags 0x2");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(17)]
    public void Range_data_not_a_non_zero_multiple_of_16_is_an_io_error(int length)
    {
        var rig = new BlkRig();
        var builder = rig.Request().Header(BlkLayout.TypeWriteZeroes, 0);
        if (length > 0) builder.Readable(new byte[length]);
        builder.Status().Submit();
        AssertRefused(rig.Serve(), BlkParseError.DataLength, BlkLayout.StatusIoError, "multiple of 16");
    }

    [Fact]
    public void A_range_past_the_capacity_is_an_io_error_and_zeroes_nothing()
    {
        var rig = new BlkRig();
        rig.Request().Header(BlkLayout.TypeOut, 0).Readable(BlkRig.Pattern(1, 3)).Status().Submit();
        rig.Serve();
        rig.Request().Header(BlkLayout.TypeWriteZeroes, 0).Readable([.. BlkRig.Range(0, 1), .. BlkRig.Range(BlkRig.Capacity - 1, 2)]).Status().Submit();
        AssertRefused(rig.Serve(), BlkParseError.SectorOutOfRange, BlkLayout.StatusIoError, "range 1");
        Assert.Equal(1, rig.Storage.StoredSectors);
    }

    [Fact]
    public void Range_data_in_a_writable_buffer_is_an_io_error()
    {
        var rig = new BlkRig();
        rig.Request().Header(BlkLayout.TypeDiscard, 0).Writable(16).Status().Submit();
        AssertRefused(rig.Serve(), BlkParseError.DataDirection, BlkLayout.StatusIoError, "ranges must be readable");
    }

    [Theory]
    [InlineData(512, 0)]
    [InlineData(0, 8)]
    public void A_flush_with_data_is_an_io_error(int readable, int writable)
    {
        var rig = new BlkRig();
        var builder = rig.Request().Header(BlkLayout.TypeFlush, 0);
        if (readable > 0) builder.Readable(new byte[readable]);
        if (writable > 0) builder.Writable(writable);
        builder.Status().Submit();
        AssertRefused(rig.Serve(), BlkParseError.DataDirection, BlkLayout.StatusIoError, "a flush carries no data");
    }

    [Fact]
    public void Get_id_with_readable_data_is_an_io_error()
    {
        var rig = new BlkRig();
        rig.Request().Header(BlkLayout.TypeGetId, 0).Readable(new byte[20]).Writable(20).Status().Submit();
        AssertRefused(rig.Serve(), BlkParseError.DataDirection, BlkLayout.StatusIoError, "id buffer must be writable");
    }

    [Theory]
    [InlineData(BlkLayout.TypeOut)]
    [InlineData(BlkLayout.TypeWriteZeroes)]
    public void Writes_to_a_read_only_device_are_io_errors(uint type)
    {
        var rig = new BlkRig(features: BlkFeatures.ReadOnly | BlkFeatures.WriteZeroes);
        rig.Request().Header(type, 0).Readable(type == BlkLayout.TypeOut ? BlkRig.Pattern(1, 4) : BlkRig.Range(0, 1)).Status().Submit();
        AssertRefused(rig.Serve(), BlkParseError.ReadOnly, BlkLayout.StatusIoError, "VIRTIO_BLK_F_RO");
        Assert.Equal(0, rig.Storage.StoredSectors);
    }

    [Fact]
    public void Reads_from_a_read_only_device_succeed()
    {
        var rig = new BlkRig(features: BlkFeatures.ReadOnly);
        rig.Request().Header(BlkLayout.TypeIn, 0).Writable(512).Status().Submit();
        Assert.True(rig.Serve().Outcome.Succeeded);
    }

    [Fact]
    public void A_refused_status_buffer_answers_nothing()
    {
        var (chain, memory, logic) = HandBuilt(statusAddress: 0x9000, deniedAddress: 0x9000);
        uint len = logic.Serve(chain, memory, new ActorRandom(1), out _, out var outcome);
        Assert.Equal(0u, len);
        Assert.Equal(BlkParseError.BufferRefused, outcome.Error);
        Assert.Null(outcome.Status);
        Assert.Contains("refused the status byte", outcome.Problem);
    }

    [Fact]
    public void A_refused_data_buffer_answers_nothing_and_writes_no_status()
    {
        var (chain, memory, logic) = HandBuilt(statusAddress: 0x9000, deniedAddress: 0x8000);
        uint len = logic.Serve(chain, memory, new ActorRandom(1), out SimTime time, out var outcome);
        Assert.Equal(0u, len);
        Assert.Equal(BlkParseError.BufferRefused, outcome.Error);
        Assert.Contains("refused a data buffer", outcome.Problem);
    }

    [Fact]
    public void The_parser_alone_reports_the_problem_without_touching_the_chain()
    {
        var (chain, memory, _) = HandBuilt(statusAddress: 0x9000, deniedAddress: 0);
        var parser = new BlkRequestParser(capacitySectors: 0, features: 0);
        Assert.False(parser.TryParse(chain, memory, out var request, out string problem));
        Assert.Null(request);
        Assert.Contains("virtio-blk chain 3 (VIRTIO_BLK_T_IN): sectors 0+1 reach past the capacity of 0 sectors", problem);
    }

    /// <summary>An IN of one sector filled by hand (header at 0x7000, data at 0x8000, status at <paramref name="statusAddress"/>).</summary>
    private static (DescriptorChain, IDeviceMemory, BlkDeviceLogic) HandBuilt(ulong statusAddress, ulong deniedAddress)
    {
        var guest = new GuestMemory("vm1", 1UL << 20);
        guest.Write(0x7000, BlkRig.Header(BlkLayout.TypeIn, 0));
        var chain = new DescriptorChain();
        chain.Reset(3);
        chain.Add(new ChainSegment(0x7000, 16, DeviceWritable: false));
        chain.Add(new ChainSegment(0x8000, 512, DeviceWritable: true));
        chain.Add(new ChainSegment(statusAddress, 1, DeviceWritable: true));
        var memory = new DenyingMemory(new DirectDeviceMemory(guest, "vm1/virtio-blk", new AccessLog()), deniedAddress);
        return (chain, memory, new BlkDeviceLogic(new BlkStorage(BlkRig.Capacity, BlkTestTiming.Example), 0, "x"));
    }

    private static void AssertRefused(Served got, BlkParseError error, byte status, string problem)
    {
        Assert.Equal(error, got.Outcome.Error);
        Assert.Equal(status, got.Outcome.Status);
        Assert.Equal(status, BlkParseErrors.StatusFor(error));
        Assert.Equal(1u, got.UsedLength);
        Assert.Equal(SimTime.Zero, got.ServiceTime);
        Assert.False(got.Outcome.Succeeded);
        Assert.StartsWith("virtio-blk chain ", got.Outcome.Problem);
        Assert.Contains(problem, got.Outcome.Problem);
    }

    private static void AssertUntouched(byte[] data) => Assert.All(data, b => Assert.Equal(0xEE, b));

    /// <summary>An access path that denies every access starting at one address.</summary>
    private sealed class DenyingMemory(IDeviceMemory inner, ulong denied) : IDeviceMemory
    {
        public AccessVerdict Read(ulong address, Span<byte> destination) =>
            address == denied ? AccessVerdict.Denied : inner.Read(address, destination);

        public AccessVerdict Write(ulong address, ReadOnlySpan<byte> source) =>
            address == denied ? AccessVerdict.Denied : inner.Write(address, source);
    }
}
