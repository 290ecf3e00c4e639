using System.Buffers.Binary;
using Sim.Devices.I2c;
using Sim.Devices.Tests.Golden;

namespace Sim.Devices.Tests.I2c;

/// <summary>
/// <see cref="I2cLayout"/> against Linux: <c>linux_virtio_i2c_golden.c</c> (copied next to the test assembly under
/// Golden/), compiled with gcc against /usr/include/linux/virtio_i2c.h and virtio_ids.h, prints every struct's size,
/// every field's offset and every constant of the header; every line must have a C# counterpart equal to it, every
/// counterpart must be printed, and every name the installed header defines must be among the printed lines.
/// </summary>
public sealed class I2cLayoutGoldenTests
{
    private const string Source = "linux_virtio_i2c_golden.c";

    /// <summary>Linux key → the simulator's value.</summary>
    private static readonly Dictionary<string, ulong> Counterparts = new()
    {
        ["layout.sizeof.virtio_i2c_out_hdr"] = I2cLayout.OutHdr.Size,
        ["layout.offsetof.virtio_i2c_out_hdr.addr"] = I2cLayout.OutHdr.Addr,
        ["layout.offsetof.virtio_i2c_out_hdr.padding"] = I2cLayout.OutHdr.Padding,
        ["layout.offsetof.virtio_i2c_out_hdr.flags"] = I2cLayout.OutHdr.Flags,
        ["layout.sizeof.virtio_i2c_in_hdr"] = I2cLayout.InHdr.Size,
        ["layout.offsetof.virtio_i2c_in_hdr.status"] = I2cLayout.InHdr.Status,
        ["id.VIRTIO_ID_I2C_ADAPTER"] = I2cLayout.DeviceId,
        ["feature.VIRTIO_I2C_F_ZERO_LENGTH_REQUEST"] = I2cLayout.FeatureZeroLengthRequest,
        ["flag.VIRTIO_I2C_FLAGS_FAIL_NEXT"] = I2cLayout.FlagFailNext,
        ["flag.VIRTIO_I2C_FLAGS_M_RD"] = I2cLayout.FlagMRd,
        ["status.VIRTIO_I2C_MSG_OK"] = I2cLayout.MsgOk,
        ["status.VIRTIO_I2C_MSG_ERR"] = I2cLayout.MsgErr,
    };

    private static readonly Lazy<IReadOnlyList<(int Number, string Key, ulong Value)>> LazyLines = new(() => GoldenLines.Load(Source));

    [Fact]
    public void Every_line_linux_prints_has_an_i2c_counterpart_and_equals_it()
    {
        GoldenLines.AssertEveryLineMatches(LazyLines.Value, Counterparts, atLeast: Counterparts.Count);
    }

    [Fact]
    public void Every_i2c_constant_is_printed_by_the_golden_program()
    {
        GoldenLines.AssertEveryCounterpartPrinted(LazyLines.Value, Counterparts, new HashSet<string>(), Source);
        Assert.Equal(Counterparts.Count, LazyLines.Value.Count);
    }

    [Fact]
    public void Every_struct_field_and_constant_of_the_installed_header_is_printed()
    {
        var header = UapiHeaderNames.Read("virtio_i2c.h", "VIRTIO_I2C_");
        var missing = header.NotPrintedBy(LazyLines.Value.Select(l => l.Key));
        Assert.True(missing.Count == 0, $"virtio_i2c.h defines what {Source} does not print: {string.Join(", ", missing)}");
        Assert.True(header.Structs.Count >= 2 && header.Constants.Count >= 5, $"{header.Structs.Count} structs, {header.Constants.Count} constants");
    }

    [Fact]
    public void A_read_request_written_at_the_constants_offsets_has_the_little_endian_bytes_of_the_spec()
    {
        // 7-bit target 0x50 (shifted into bits 1..7), a read that is not the last of its group.
        var outHdr = new byte[I2cLayout.OutHdr.Size];
        BinaryPrimitives.WriteUInt16LittleEndian(outHdr.AsSpan(I2cLayout.OutHdr.Addr), 0x50 << 1);
        BinaryPrimitives.WriteUInt16LittleEndian(outHdr.AsSpan(I2cLayout.OutHdr.Padding), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(outHdr.AsSpan(I2cLayout.OutHdr.Flags), I2cLayout.FlagFailNext | I2cLayout.FlagMRd);
        Assert.Equal(new byte[] { 0xA0, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00 }, outHdr);

        var inHdr = new byte[I2cLayout.InHdr.Size];
        inHdr[I2cLayout.InHdr.Status] = I2cLayout.MsgErr;
        Assert.Equal(new byte[] { 0x01 }, inHdr);
    }
}
