using System.Text.RegularExpressions;
using Sim.Devices.Gpio;
using Sim.Devices.I2c;
using Sim.Devices.Input;
using Sim.Devices.Rpmb;
using Sim.Devices.Sound;
using Sim.Layouts;

namespace Sim.Devices.Tests.Layouts;

/// <summary>
/// The device buffers the explain page and the narration decode (issue 20) are the ones the models write: each region
/// kind's structure has the model's size, a frame or header the model encodes reads back through the catalog's
/// description (the RPMB frame big-endian, virtio 1.2, 5.12.6.1; the I2C address in bits 1-7, 5.16.6.1), and the value
/// names the page shows are the models' values.
/// </summary>
public sealed partial class DeviceBufferLayoutTests
{
    [Fact]
    public void Every_device_buffer_kind_holds_a_structure_of_the_models_size()
    {
        Assert.Equal(InputLayout.Event.Size, LayoutCatalog.Struct(RegionKind.InputEvents).EntrySize);
        Assert.Equal(I2cLayout.OutHdr.Size, LayoutCatalog.Struct(RegionKind.I2cOutHdr).Size);
        Assert.Equal(I2cLayout.InHdr.Size, LayoutCatalog.Struct(RegionKind.I2cInHdr).Size);
        Assert.Equal(GpioLayout.Request.Size, LayoutCatalog.Struct(RegionKind.GpioRequest).Size);
        Assert.Equal(GpioLayout.Response.Size, LayoutCatalog.Struct(RegionKind.GpioResponse).Size);
        Assert.Equal(GpioLayout.IrqRequest.Size, LayoutCatalog.Struct(RegionKind.GpioIrqRequest).Size);
        Assert.Equal(GpioLayout.IrqResponse.Size, LayoutCatalog.Struct(RegionKind.GpioIrqResponse).Size);
        Assert.Equal(SoundLayout.Hdr.Size, LayoutCatalog.Struct(RegionKind.SoundControlRequest).Size);
        Assert.Equal(SoundLayout.Hdr.Size, LayoutCatalog.Struct(RegionKind.SoundControlResponse).EntriesOffset);
        Assert.Equal(SoundLayout.PcmInfo.Size, LayoutCatalog.Struct(RegionKind.SoundControlResponse).EntrySize);
        Assert.Equal(SoundLayout.Event.Size, LayoutCatalog.Struct(RegionKind.SoundEvents).EntrySize);
        Assert.Equal(SoundLayout.PcmXfer.Size, LayoutCatalog.Struct(RegionKind.SoundPcmXfer).Size);
        Assert.Equal(SoundLayout.PcmStatus.Size, LayoutCatalog.Struct(RegionKind.SoundPcmStatus).Size);
        Assert.Equal(RpmbLayout.FrameSize, LayoutCatalog.Struct(RegionKind.RpmbFrames).EntrySize);
    }

    [Fact]
    public void An_rpmb_frame_the_model_writes_reads_back_big_endian_through_the_description()
    {
        var frame = new byte[RpmbLayout.FrameSize];
        RpmbFrameFields.SetWriteCounter(frame, 0x01020304);
        RpmbFrameFields.SetAddress(frame, 0x0506);
        RpmbFrameFields.SetBlockCount(frame, 1);
        RpmbFrameFields.SetResult(frame, RpmbResult.CountFailure);
        RpmbFrameFields.SetReqResp(frame, (ushort)RpmbResponseType.DataWrite);
        var layout = LayoutCatalog.Struct(RegionKind.RpmbFrames).Entries!;
        Assert.Equal(0x01020304UL, layout.Field("write_counter").Read(frame));
        Assert.Equal(0x0506UL, layout.Field("address").Read(frame));
        Assert.Equal(1UL, layout.Field("block_count").Read(frame));
        Assert.Equal("COUNT_FAILURE", LayoutCatalog.Flags(layout.Field("result").Flags!).NameOf(layout.Field("result").Read(frame)));
        Assert.Equal("RESP_DATA_WRITE", LayoutCatalog.Flags(layout.Field("req_resp").Flags!).NameOf(layout.Field("req_resp").Read(frame)));
        Assert.Equal(RpmbLayout.MacMessageSize, RpmbLayout.FrameSize - layout.Field("data").Offset);
    }

    [Fact]
    public void The_rpmb_value_names_are_the_models_request_response_and_result_values()
    {
        var types = LayoutCatalog.Flags("rpmb-req-resp");
        var results = LayoutCatalog.Flags("rpmb-results");
        foreach (var t in Enum.GetValues<RpmbRequestType>()) Assert.Equal("REQ_" + Snake(t.ToString()), types.NameOf((ulong)t));
        foreach (var t in Enum.GetValues<RpmbResponseType>()) Assert.Equal("RESP_" + Snake(t.ToString()), types.NameOf((ulong)t));
        foreach (var r in Enum.GetValues<RpmbResult>()) Assert.Equal(Snake(r.ToString()), results.NameOf((ulong)r));
        Assert.Equal(Enum.GetValues<RpmbRequestType>().Length + Enum.GetValues<RpmbResponseType>().Length, types.Flags.Count);
        Assert.Equal(Enum.GetValues<RpmbResult>().Length, results.Flags.Count);
    }

    [Fact]
    public void An_i2c_header_the_model_writes_names_its_address_and_flags_through_the_description()
    {
        var header = new byte[I2cLayout.OutHdr.Size];
        I2cRequest.WriteHeader(header, 0x48, I2cLayout.FlagMRd | I2cLayout.FlagFailNext);
        var layout = LayoutCatalog.Struct(RegionKind.I2cOutHdr);
        var addr = layout.Field("addr");
        Assert.Equal(0x48UL, addr.Bit("address").Of(addr.Read(header)));
        Assert.Equal("FAIL_NEXT|M_RD", LayoutCatalog.Flags(layout.Field("flags").Flags!).Text(layout.Field("flags").Read(header)));
        Assert.Equal("ERR", LayoutCatalog.Flags("i2c-status").NameOf(I2cLayout.MsgErr));
    }

    [Fact]
    public void An_input_events_code_is_named_by_its_type()
    {
        var layout = LayoutCatalog.Struct(RegionKind.InputEvents).Entries!;
        var types = LayoutCatalog.Flags(layout.Field("type").Flags!);
        Assert.Equal("type", layout.Field("code").ValuesBy);
        string Code(ushort type, ushort code) =>
            LayoutCatalog.Flags(types.Flags.First(f => f.Value == type).Values!).NameOf(code) ?? "";
        Assert.Equal("ABS_X", Code(InputCodes.EvAbs, InputCodes.AbsX));
        Assert.Equal("SYN_REPORT", Code(InputCodes.EvSyn, InputCodes.SynReport));
        Assert.Equal("BTN_TOUCH", Code(InputCodes.EvKey, InputCodes.BtnTouch));
        Assert.Equal("ABS_MT_TRACKING_ID", Code(InputCodes.EvAbs, InputCodes.AbsMtTrackingId));
        Assert.Equal("-1", layout.Field("value").Number(0xFFFF_FFFF)); // a contact's end: ABS_MT_TRACKING_ID -1
    }

    [Fact]
    public void The_sound_value_names_are_the_models_codes()
    {
        Assert.Equal("PCM_SET_PARAMS", LayoutCatalog.Flags("snd-request-codes").NameOf(SoundLayout.RequestPcmSetParams));
        Assert.Equal("snd-pcm-set-params", LayoutCatalog.Flags("snd-request-codes").Flags.First(f => f.Value == SoundLayout.RequestPcmSetParams).Struct);
        Assert.Equal(SoundLayout.PcmSetParams.Format, LayoutCatalog.Struct("snd-pcm-set-params").Field("format").Offset);
        Assert.Equal("S16", LayoutCatalog.Flags("snd-pcm-formats").NameOf(SoundLayout.PcmFormat.S16));
        Assert.Equal("48000", LayoutCatalog.Flags("snd-pcm-rates").NameOf(SoundLayout.PcmRate.Hz48000));
        Assert.Equal("IO_ERR", LayoutCatalog.Flags("snd-status-codes").NameOf(SoundLayout.StatusIoError));
        Assert.Equal("PCM_PERIOD_ELAPSED", LayoutCatalog.Flags("snd-event-codes").NameOf(SoundLayout.EventPcmPeriodElapsed));
        Assert.Equal("VALID", LayoutCatalog.Flags("gpio-irq-status").NameOf(GpioLayout.IrqStatusValid));
        Assert.Equal("GET_VALUE", LayoutCatalog.Flags("gpio-msg-types").NameOf(GpioLayout.MsgGetValue));
    }

    private static string Snake(string pascal) => SnakeBoundary().Replace(pascal, "$1_$2").ToUpperInvariant();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex SnakeBoundary();
}
