using Sim.Devices.Gpu;

namespace Sim.Devices.Tests.Gpu;

/// <summary>
/// Byte-exact encodings of every scanout command and response (virtio 1.2, 5.7.6.7, 5.7.6.8), written out by hand:
/// a 1920 × 1080 B8G8R8X8 framebuffer as resource 1 on scanout 0. Each one also decodes back to itself.
/// </summary>
public sealed class GpuCommandEncodingTests
{
    private static readonly GpuRect FullHd = new(0, 0, 1920, 1080);

    /// <summary>virtio_gpu_rect {0, 0, 1920, 1080}.</summary>
    private static readonly byte[] FullHdBytes =
    [
        0x00, 0x00, 0x00, 0x00, // x 0
        0x00, 0x00, 0x00, 0x00, // y 0
        0x80, 0x07, 0x00, 0x00, // width 1920
        0x38, 0x04, 0x00, 0x00, // height 1080
    ];

    /// <summary>An unfenced request header: type, then flags 0, fence_id 0, ctx_id 0, ring_idx 0, padding.</summary>
    private static byte[] Unfenced(byte typeLow, byte typeHigh) => [typeLow, typeHigh, 0x00, 0x00, .. new byte[20]];

    [Fact]
    public void A_fenced_header_encodes_byte_for_byte()
    {
        var header = new GpuCtrlHeader(GpuLayout.CmdResourceFlush, GpuLayout.FlagFence, 0x0102030405060708, CtxId: 0x0a0b0c0d, RingIdx: 3);
        byte[] expected =
        [
            0x04, 0x01, 0x00, 0x00,                         // type VIRTIO_GPU_CMD_RESOURCE_FLUSH (0x0104)
            0x01, 0x00, 0x00, 0x00,                         // flags VIRTIO_GPU_FLAG_FENCE
            0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, // fence_id
            0x0d, 0x0c, 0x0b, 0x0a,                         // ctx_id
            0x03,                                           // ring_idx
            0x00, 0x00, 0x00,                               // padding
        ];
        Assert.Equal(expected, header.Encode());
        Assert.Equal(header, GpuCtrlHeader.Decode(expected));
    }

    [Fact]
    public void Get_display_info_is_a_bare_header()
    {
        byte[] expected = Unfenced(0x00, 0x01); // VIRTIO_GPU_CMD_GET_DISPLAY_INFO 0x0100
        Assert.Equal(expected, GpuGetDisplayInfo.Create().Encode());
        Assert.Equal(GpuGetDisplayInfo.Create(), GpuGetDisplayInfo.Decode(expected));
    }

    [Fact]
    public void Resource_create_2d_encodes_byte_for_byte()
    {
        var command = GpuResourceCreate2D.Create(resourceId: 1, GpuFormat.B8G8R8X8Unorm, 1920, 1080);
        byte[] expected =
        [
            .. Unfenced(0x01, 0x01),  // VIRTIO_GPU_CMD_RESOURCE_CREATE_2D 0x0101
            0x01, 0x00, 0x00, 0x00,   // resource_id 1
            0x02, 0x00, 0x00, 0x00,   // format VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM
            0x80, 0x07, 0x00, 0x00,   // width 1920
            0x38, 0x04, 0x00, 0x00,   // height 1080
        ];
        Assert.Equal(expected, command.Encode());
        Assert.Equal(command, GpuResourceCreate2D.Decode(expected));
    }

    [Fact]
    public void Resource_attach_backing_encodes_the_struct_then_its_entries()
    {
        var command = GpuResourceAttachBacking.Create(resourceId: 1, [new GpuMemEntry(0x1_0000_0000, 0x7e9000), new GpuMemEntry(0x2000, 0x1000)]);
        byte[] expected =
        [
            .. Unfenced(0x06, 0x01),                        // VIRTIO_GPU_CMD_RESOURCE_ATTACH_BACKING 0x0106
            0x01, 0x00, 0x00, 0x00,                         // resource_id 1
            0x02, 0x00, 0x00, 0x00,                         // nr_entries 2
            0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, // entry 0 addr 0x1_0000_0000
            0x00, 0x90, 0x7e, 0x00,                         //         length 0x7e9000 (1920 × 1080 × 4)
            0x00, 0x00, 0x00, 0x00,                         //         padding
            0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // entry 1 addr 0x2000
            0x00, 0x10, 0x00, 0x00,                         //         length 0x1000
            0x00, 0x00, 0x00, 0x00,                         //         padding
        ];
        Assert.Equal(expected, command.Encode());
        Assert.Equal(64, command.Size);
        Assert.Equal(command, GpuResourceAttachBacking.Decode(expected));
    }

    [Fact]
    public void Set_scanout_encodes_byte_for_byte()
    {
        var command = GpuSetScanout.Create(FullHd, scanoutId: 0, resourceId: 1);
        byte[] expected =
        [
            .. Unfenced(0x03, 0x01),  // VIRTIO_GPU_CMD_SET_SCANOUT 0x0103
            .. FullHdBytes,           // r
            0x00, 0x00, 0x00, 0x00,   // scanout_id 0
            0x01, 0x00, 0x00, 0x00,   // resource_id 1
        ];
        Assert.Equal(expected, command.Encode());
        Assert.Equal(command, GpuSetScanout.Decode(expected));
    }

    [Fact]
    public void Transfer_to_host_2d_encodes_byte_for_byte()
    {
        var command = GpuTransferToHost2D.Create(FullHd, offset: 0x1000, resourceId: 1);
        byte[] expected =
        [
            .. Unfenced(0x05, 0x01),                        // VIRTIO_GPU_CMD_TRANSFER_TO_HOST_2D 0x0105
            .. FullHdBytes,                                 // r
            0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // offset 0x1000
            0x01, 0x00, 0x00, 0x00,                         // resource_id 1
            0x00, 0x00, 0x00, 0x00,                         // padding
        ];
        Assert.Equal(expected, command.Encode());
        Assert.Equal(command, GpuTransferToHost2D.Decode(expected));
    }

    [Fact]
    public void A_fenced_resource_flush_encodes_byte_for_byte()
    {
        var command = GpuResourceFlush.Create(FullHd, resourceId: 1, fenceId: 42);
        byte[] expected =
        [
            0x04, 0x01, 0x00, 0x00,                         // VIRTIO_GPU_CMD_RESOURCE_FLUSH 0x0104
            0x01, 0x00, 0x00, 0x00,                         // flags VIRTIO_GPU_FLAG_FENCE
            0x2a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // fence_id 42
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // ctx_id, ring_idx, padding
            .. FullHdBytes,                                 // r
            0x01, 0x00, 0x00, 0x00,                         // resource_id 1
            0x00, 0x00, 0x00, 0x00,                         // padding
        ];
        Assert.Equal(expected, command.Encode());
        Assert.Equal(command, GpuResourceFlush.Decode(expected));
    }

    [Fact]
    public void Ok_nodata_to_a_fenced_request_echoes_the_fence()
    {
        var request = GpuResourceFlush.Create(FullHd, 1, fenceId: 42).Header;
        byte[] expected =
        [
            0x00, 0x11, 0x00, 0x00,                         // VIRTIO_GPU_RESP_OK_NODATA 0x1100
            0x01, 0x00, 0x00, 0x00,                         // flags VIRTIO_GPU_FLAG_FENCE, copied
            0x2a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // fence_id 42, copied
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        ];
        Assert.Equal(expected, GpuCtrlHeader.ResponseTo(request, GpuLayout.RespOkNoData).Encode());
        Assert.Equal(Unfenced(0x03, 0x12), GpuCtrlHeader.ResponseTo(GpuSetScanout.Create(FullHd, 0, 9).Header, GpuLayout.RespErrInvalidResourceId).Encode());
    }

    [Fact]
    public void Display_info_lists_sixteen_scanouts_with_the_unused_ones_disabled()
    {
        var response = GpuRespDisplayInfo.For(GpuGetDisplayInfo.Create().Header, [GpuDisplayOne.EnabledAt(1920, 1080)]);
        byte[] expected =
        [
            .. Unfenced(0x01, 0x11),  // VIRTIO_GPU_RESP_OK_DISPLAY_INFO 0x1101
            .. FullHdBytes,           // pmodes[0].r
            0x01, 0x00, 0x00, 0x00,   // pmodes[0].enabled
            0x00, 0x00, 0x00, 0x00,   // pmodes[0].flags
            .. new byte[15 * 24],     // pmodes[1..15]: disabled, all zero
        ];
        Assert.Equal(GpuLayout.RespDisplayInfo.Size, expected.Length);
        Assert.Equal(expected, response.Encode());
        Assert.Equal(response, GpuRespDisplayInfo.Decode(expected));
    }

    [Fact]
    public void Decoding_a_short_buffer_names_the_struct_and_both_lengths()
    {
        byte[] bytes = GpuSetScanout.Create(FullHd, 0, 1).Encode();
        Assert.False(GpuSetScanout.TryDecode(bytes.AsSpan(0, 47), out var command, out string problem));
        Assert.Null(command);
        Assert.Equal("virtio_gpu_set_scanout: 47 bytes, expected 48", problem);
        Assert.Equal(problem, Assert.Throws<FormatException>(() => GpuSetScanout.Decode(bytes.AsSpan(0, 47))).Message);
    }

    [Fact]
    public void Decoding_another_command_type_names_both_types()
    {
        byte[] flush = GpuResourceFlush.Create(FullHd, 1).Encode();
        Assert.False(GpuSetScanout.TryDecode(flush, out _, out string problem));
        Assert.Equal("virtio_gpu_set_scanout: header type 0x0104, expected 0x0103", problem);
    }

    [Fact]
    public void Attach_backing_with_more_entries_than_bytes_is_refused()
    {
        byte[] bytes = GpuResourceAttachBacking.Create(1, [new GpuMemEntry(0x1000, 0x1000)]).Encode();
        bytes[GpuLayout.ResourceAttachBacking.NrEntries] = 2;
        Assert.False(GpuResourceAttachBacking.TryDecode(bytes, out _, out string problem));
        Assert.Equal("virtio_gpu_resource_attach_backing: nr_entries 2 needs 64 bytes, got 48", problem);
    }

    [Fact]
    public void A_command_record_refuses_a_header_of_another_type()
    {
        var error = Assert.Throws<ArgumentException>(() => new GpuSetScanout(GpuCtrlHeader.Command(GpuLayout.CmdResourceFlush), FullHd, 0, 1));
        Assert.Contains("virtio_gpu_set_scanout has header type 0x0103, got 0x0104", error.Message);
    }

    [Fact]
    public void Display_info_needs_exactly_sixteen_modes()
    {
        var header = GpuCtrlHeader.Command(GpuLayout.RespOkDisplayInfo);
        var error = Assert.Throws<ArgumentException>(() => new GpuRespDisplayInfo(header, new GpuDisplayOne[15]));
        Assert.Contains("pmodes has exactly 16 entries (VIRTIO_GPU_MAX_SCANOUTS), got 15", error.Message);
    }

    [Fact]
    public void The_config_space_encodes_byte_for_byte()
    {
        byte[] expected =
        [
            0x01, 0x00, 0x00, 0x00, // events_read: VIRTIO_GPU_EVENT_DISPLAY
            0x00, 0x00, 0x00, 0x00, // events_clear
            0x02, 0x00, 0x00, 0x00, // num_scanouts 2
            0x00, 0x00, 0x00, 0x00, // num_capsets 0
        ];
        Assert.Equal(expected, GpuConfigSpace.Build(numScanouts: 2, eventsRead: GpuLayout.EventDisplay));
        Assert.Equal(2u, GpuConfigSpace.NumScanouts(expected));
        Assert.Throws<ArgumentOutOfRangeException>(() => GpuConfigSpace.Build(numScanouts: 17));
    }
}
