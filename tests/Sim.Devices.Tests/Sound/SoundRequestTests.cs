using System.Buffers.Binary;
using Sim.Core.Time;
using Sim.Devices.Sound;

namespace Sim.Devices.Tests.Sound;

/// <summary>
/// The bytes of the driver's control requests (virtio 1.2, 5.14.6.2 and 5.14.6.6) and the device's answers to
/// requests it cannot serve (5.14.6.1): the start-up's PCM_INFO, SET_PARAMS, PREPARE and START for a 48 kHz stereo
/// stream of 10 ms periods, byte for byte; a PCM_INFO answer read back; a refusal that stops the start-up; a chain too
/// short for its request, or without room for the status, is malformed; an unknown code is not supported.
/// </summary>
public sealed class SoundRequestTests
{
    private static readonly SoundWorkload Stereo48k = new(1, 48000, 2, SimTime.FromMilliseconds(10), 4);

    [Fact]
    public void The_start_up_sends_pcm_info_then_set_params_prepare_and_start_with_the_bytes_of_the_spec()
    {
        Assert.Equal(1920, Stereo48k.PeriodBytes);
        Assert.Equal(SimTime.FromMilliseconds(10), SoundWorkload.PeriodOf(Stereo48k.Parameters));
        var startup = new PcmStartup(1, Stereo48k.Parameters);
        var request = new byte[SoundLayout.PcmSetParams.Size];

        Assert.Equal(SoundLayout.QueryInfo.Size, startup.NextRequest(request));
        Assert.Equal(new byte[] { 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0x01, 0, 0, 0, 0x20, 0, 0, 0 }, request[..SoundLayout.QueryInfo.Size]);
        Assert.Equal(SoundLayout.Hdr.Size + SoundLayout.PcmInfo.Size, startup.ResponseBytes);
        var info = new byte[startup.ResponseBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(info, SoundLayout.StatusOk);
        PcmStreamInfo.Playback(SoundLayout.PcmRate.Hz48000).EncodeInto(info.AsSpan(SoundLayout.Hdr.Size));
        Assert.Equal(PcmStreamInfo.Playback(SoundLayout.PcmRate.Hz48000), PcmStreamInfo.Decode(info.AsSpan(SoundLayout.Hdr.Size)));
        Assert.Equal(PcmStartup.Action.Next, startup.Answered(info).Do);

        // SET_PARAMS, stream 0: a 7680-byte buffer of 1920-byte periods, no feature, 2 channels, S16 (5), 48 kHz (7).
        Assert.Equal(SoundLayout.PcmSetParams.Size, startup.NextRequest(request));
        Assert.Equal(
            new byte[]
            {
                0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x1E, 0x00, 0x00,
                0x80, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x05, 0x07, 0x00,
            },
            request);
        var ok = new byte[SoundLayout.Hdr.Size];
        BinaryPrimitives.WriteUInt32LittleEndian(ok, SoundLayout.StatusOk);
        Assert.Equal(PcmStartup.Action.Next, startup.Answered(ok).Do);

        Assert.Equal(SoundLayout.PcmHdr.Size, startup.NextRequest(request));
        Assert.Equal(new byte[] { 0x02, 0x01, 0, 0, 0, 0, 0, 0 }, request[..SoundLayout.PcmHdr.Size]);
        Assert.Equal(new PcmStartup.Answer(PcmStartup.Action.Prefill, 0), startup.Answered(ok));

        Assert.Equal(SoundLayout.PcmHdr.Size, startup.NextRequest(request));
        Assert.Equal(new byte[] { 0x04, 0x01, 0, 0, 0, 0, 0, 0 }, request[..SoundLayout.PcmHdr.Size]);
        Assert.Equal(PcmStartup.Action.Done, startup.Answered(ok).Do);
        Assert.Equal(0, startup.NextRequest(request));
    }

    [Fact]
    public void A_refused_set_params_fails_the_start_up()
    {
        var startup = new PcmStartup(1, Stereo48k.Parameters);
        var info = new byte[startup.ResponseBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(info, SoundLayout.StatusOk);
        PcmStreamInfo.Playback(SoundLayout.PcmRate.Hz48000).EncodeInto(info.AsSpan(SoundLayout.Hdr.Size));
        startup.Answered(info);
        var refused = new byte[SoundLayout.Hdr.Size];
        BinaryPrimitives.WriteUInt32LittleEndian(refused, SoundLayout.StatusNotSupported);
        var answer = startup.Answered(refused);
        Assert.Equal(PcmStartup.Action.Failed, answer.Do);
        Assert.Contains("PCM_SET_PARAMS", answer.Problem);
        Assert.True(startup.IsDone);
    }

    [Fact]
    public void The_device_answers_pcm_info_with_its_streams_and_refuses_what_it_cannot_serve()
    {
        var device = new SoundControlDevice([new PcmDeviceStream(PcmStreamInfo.Playback(SoundLayout.PcmRate.Hz48000))]);
        var response = new byte[device.MaxResponseBytes];
        var query = new byte[SoundLayout.QueryInfo.Size];
        SoundLayout.EncodeQueryInfo(SoundLayout.RequestPcmInfo, 0, 1, SoundLayout.PcmInfo.Size, query);
        var outcome = device.Handle(query, query.Length, 64, response);
        Assert.Equal((SoundLayout.StatusOk, SoundLayout.Hdr.Size + SoundLayout.PcmInfo.Size), (outcome.Status, outcome.ResponseBytes));
        Assert.Equal(PcmStreamInfo.Playback(SoundLayout.PcmRate.Hz48000), PcmStreamInfo.Decode(response.AsSpan(SoundLayout.Hdr.Size)));

        // Beyond the streams, or too little room for the items: VIRTIO_SND_S_BAD_MSG.
        SoundLayout.EncodeQueryInfo(SoundLayout.RequestPcmInfo, 0, 2, SoundLayout.PcmInfo.Size, query);
        Assert.Equal(SoundLayout.StatusBadMsg, device.Handle(query, query.Length, 128, response).Status);
        SoundLayout.EncodeQueryInfo(SoundLayout.RequestPcmInfo, 0, 1, SoundLayout.PcmInfo.Size, query);
        Assert.Equal(SoundLayout.StatusBadMsg, device.Handle(query, query.Length, 20, response).Status);
        // No jacks: a JACK_INFO for one is BAD_MSG, for none OK.
        SoundLayout.EncodeQueryInfo(SoundLayout.RequestJackInfo, 0, 1, SoundLayout.JackInfo.Size, query);
        Assert.Equal(SoundLayout.StatusBadMsg, device.Handle(query, query.Length, 64, response).Status);
        // An unknown code: VIRTIO_SND_S_NOT_SUPP.
        BinaryPrimitives.WriteUInt32LittleEndian(query, 0x7777);
        Assert.Equal(SoundLayout.StatusNotSupported, device.Handle(query, query.Length, 64, response).Status);
    }

    [Theory]
    [InlineData(2, 64, "shorter than a virtio_snd_hdr")]
    [InlineData(6, 64, "shorter than its 8-byte structure")]
    [InlineData(8, 2, "no room for its virtio_snd_hdr status")]
    public void A_control_chain_too_short_for_its_request_or_status_is_malformed(int readable, int writable, string problem)
    {
        var device = new SoundControlDevice([new PcmDeviceStream(PcmStreamInfo.Playback(SoundLayout.PcmRate.Hz48000))]);
        var request = new byte[SoundLayout.PcmHdr.Size];
        SoundLayout.EncodePcmHeader(SoundLayout.RequestPcmStart, 0, request);
        var outcome = device.Handle(request.AsSpan(0, Math.Min(readable, request.Length)), readable, writable, new byte[device.MaxResponseBytes]);
        Assert.True(outcome.IsMalformed);
        Assert.Equal("sound-control-malformed", outcome.Rule);
        Assert.Equal("virtio 1.2, 5.14.6.1", outcome.Section);
        Assert.Contains(problem, outcome.Detail);
    }
}
