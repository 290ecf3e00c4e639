using System.Buffers.Binary;
using Sim.Core.Time;
using Sim.Devices.Sound;

namespace Sim.Devices.Tests.Sound;

/// <summary>
/// The device's jacks and channel maps as the driver receives them (virtio 1.2, 5.14.6.4.1 and 5.14.6.9.1): the
/// JACK_INFO and CHMAP_INFO requests and answers byte for byte, at the offsets of the layout constants the golden test
/// checks against Linux; the start-up asks JACK_INFO, PCM_INFO and CHMAP_INFO in Linux's order before it opens the
/// output and then the input stream, answered by the device itself; a malformed jack or channel map fails the start-up
/// with its section.
/// </summary>
public sealed class SoundTopologyTests
{
    private static readonly SoundWorkload Duplex = new(1, 48000, 2, SimTime.FromMilliseconds(10), 4, CaptureStreams: 1, Jacks: true, ChannelMaps: true);

    private static SoundControlDevice Device() => new(Duplex.StreamInfos.Select(i => new PcmDeviceStream(i)).ToArray(), Duplex.JackList, Duplex.ChannelMapList);

    private static PcmStartup Startup() => new(1, 1, Duplex.Parameters, Duplex.CaptureParameters, 2, 2, SoundLayout.Hdr.Size + 2 * SoundLayout.PcmInfo.Size);

    /// <summary>Sends the start-up's next request to <paramref name="device"/>; returns the request and the answer's bytes.</summary>
    private static (byte[] Request, byte[] Response) RoundTrip(PcmStartup startup, SoundControlDevice device)
    {
        var request = new byte[SoundLayout.PcmSetParams.Size];
        int length = startup.NextRequest(request);
        var response = new byte[device.MaxResponseBytes];
        var outcome = device.Handle(request.AsSpan(0, length), length, startup.ResponseBytes, response);
        Assert.False(outcome.IsMalformed);
        return (request[..length], response[..outcome.ResponseBytes]);
    }

    [Fact]
    public void Jack_info_reaches_the_driver_with_the_bytes_of_the_spec()
    {
        var startup = Startup();
        var (request, response) = RoundTrip(startup, Device());
        // code VIRTIO_SND_R_JACK_INFO (1), start_id 0, count 2, size 24.
        Assert.Equal(new byte[] { 0x01, 0, 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0, 0x18, 0, 0, 0 }, request);
        Assert.Equal(SoundLayout.Hdr.Size + 2 * SoundLayout.JackInfo.Size, response.Length);
        Assert.Equal(
            new byte[]
            {
                0x00, 0x80, 0x00, 0x00,                                             // VIRTIO_SND_S_OK
                0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x40, 0x01, 0x01, 0x14, 0, 0, 0,      // line-out: nid 0, features 0, defconf 0x01014010, caps 0x14
                0x01, 0, 0, 0, 0, 0, 0, 0,                                          //   connected 1, padding
                0, 0, 0, 0, 0, 0, 0, 0, 0x30, 0x90, 0xA1, 0x01, 0x24, 0, 0, 0,      // mic: defconf 0x01A19030, caps 0x24 (input capable)
                0x01, 0, 0, 0, 0, 0, 0, 0,
            },
            response);
        var mic = SoundJack.Decode(response.AsSpan(SoundLayout.Hdr.Size + SoundLayout.JackInfo.Size));
        Assert.Equal(0x01A19030u, BinaryPrimitives.ReadUInt32LittleEndian(response.AsSpan(SoundLayout.Hdr.Size + SoundLayout.JackInfo.Size + SoundLayout.JackInfo.HdaRegDefconf)));
        Assert.Equal(SoundJack.Mic, mic);
        Assert.True(mic.IsInput);
        Assert.Equal(PcmStartup.Action.Next, startup.Answered(response).Do);
    }

    [Fact]
    public void Chmap_info_reaches_the_driver_with_the_bytes_of_the_spec()
    {
        var startup = Startup();
        var device = Device();
        Assert.Equal(PcmStartup.Action.Next, startup.Answered(RoundTrip(startup, device).Response).Do); // JACK_INFO
        Assert.Equal(PcmStartup.Action.Next, startup.Answered(RoundTrip(startup, device).Response).Do); // PCM_INFO
        var (request, response) = RoundTrip(startup, device);
        // code VIRTIO_SND_R_CHMAP_INFO (0x200), start_id 0, count 2, size 24.
        Assert.Equal(new byte[] { 0x00, 0x02, 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0, 0x18, 0, 0, 0 }, request);
        var expected = new byte[SoundLayout.Hdr.Size + 2 * SoundLayout.ChmapInfo.Size];
        expected[1] = 0x80;
        // Each item: nid 0, direction (output 0, then input 1), 2 channels, FL (3) FR (4), the other 16 positions 0.
        expected[4 + 4] = 0; expected[4 + 5] = 2; expected[4 + 6] = 3; expected[4 + 7] = 4;
        expected[28 + 4] = 1; expected[28 + 5] = 2; expected[28 + 6] = 3; expected[28 + 7] = 4;
        Assert.Equal(expected, response);
        Assert.Equal(SoundLayout.ChannelPosition.Fl, response[SoundLayout.Hdr.Size + SoundLayout.ChmapInfo.Positions]);
        Assert.Equal(SoundLayout.DirectionInput, response[SoundLayout.Hdr.Size + SoundLayout.ChmapInfo.Size + SoundLayout.ChmapInfo.Direction]);
        Assert.Equal(PcmStartup.Action.Next, startup.Answered(response).Do);
    }

    [Fact]
    public void The_start_up_asks_jacks_streams_and_maps_then_opens_the_output_and_then_the_input_stream()
    {
        var startup = Startup();
        var device = Device();
        var codes = new List<uint>();
        var prefills = new List<(int Stream, bool Input)>();
        while (!startup.IsDone)
        {
            var (request, response) = RoundTrip(startup, device);
            codes.Add(BinaryPrimitives.ReadUInt32LittleEndian(request));
            var answer = startup.Answered(response);
            Assert.NotEqual(PcmStartup.Action.Failed, answer.Do);
            if (answer.Do == PcmStartup.Action.Prefill) prefills.Add((answer.Stream, startup.IsInput(answer.Stream)));
        }
        Assert.Equal(
            [
                SoundLayout.RequestJackInfo, SoundLayout.RequestPcmInfo, SoundLayout.RequestChmapInfo,
                SoundLayout.RequestPcmSetParams, SoundLayout.RequestPcmPrepare, SoundLayout.RequestPcmStart,
                SoundLayout.RequestPcmSetParams, SoundLayout.RequestPcmPrepare, SoundLayout.RequestPcmStart,
            ],
            codes);
        Assert.Equal([(0, false), (1, true)], prefills);
    }

    [Fact]
    public void A_hands_free_microphone_is_opened_at_its_own_rate_and_channels_with_a_mono_channel_map()
    {
        var handsFree = Duplex with { CaptureRate = 16000, CaptureChannels = 1 };
        Assert.Equal(320, handsFree.CapturePeriodBytes); // 10 ms of 16 kHz mono S16
        var streams = handsFree.StreamInfos.Select(i => new PcmDeviceStream(i)).ToArray();
        var device = new SoundControlDevice(streams, handsFree.JackList, handsFree.ChannelMapList);
        var startup = new PcmStartup(1, 1, handsFree.Parameters, handsFree.CaptureParameters, 2, 2, SoundLayout.Hdr.Size + 2 * SoundLayout.PcmInfo.Size);
        var setParams = new List<byte[]>();
        byte[]? maps = null;
        while (!startup.IsDone)
        {
            var (request, response) = RoundTrip(startup, device);
            uint code = BinaryPrimitives.ReadUInt32LittleEndian(request);
            if (code == SoundLayout.RequestPcmSetParams) setParams.Add(request);
            if (code == SoundLayout.RequestChmapInfo) maps = response;
            Assert.NotEqual(PcmStartup.Action.Failed, startup.Answered(response).Do);
        }
        // Stream 1: a 1280-byte buffer of 320-byte periods, 1 channel, S16, VIRTIO_SND_PCM_RATE_16000 (3).
        Assert.Equal(
            new byte[]
            {
                0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00,
                0x40, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x05, 0x03, 0x00,
            },
            setParams[1]);
        Assert.Equal(0x07, setParams[0][SoundLayout.PcmSetParams.Rate]);
        // The input stream's map: direction input, 1 channel, MONO.
        int input = SoundLayout.Hdr.Size + SoundLayout.ChmapInfo.Size;
        Assert.Equal(new byte[] { 1, 1, SoundLayout.ChannelPosition.Mono }, maps![(input + SoundLayout.ChmapInfo.Direction)..(input + SoundLayout.ChmapInfo.Positions + 1)]);
        Assert.Equal(PcmState.Running, streams[1].State);
        Assert.Equal(handsFree.CaptureParameters, streams[1].Parameters);
    }

    [Theory]
    [InlineData("jack", SoundLayout.JackInfo.Connected, 2, "connected")]
    [InlineData("jack", SoundLayout.JackInfo.Features, 2, "features")]
    [InlineData("chmap", SoundLayout.ChmapInfo.Direction, 7, "direction")]
    [InlineData("chmap", SoundLayout.ChmapInfo.Channels, 0, "channels")]
    [InlineData("chmap", SoundLayout.ChmapInfo.Channels, 19, "channels")]
    [InlineData("chmap", SoundLayout.ChmapInfo.Positions + 1, 37, "position")]
    public void A_malformed_jack_or_channel_map_fails_the_start_up_with_its_section(string item, int offset, byte value, string named)
    {
        var startup = Startup();
        var device = Device();
        if (item == "chmap")
        {
            startup.Answered(RoundTrip(startup, device).Response);
            startup.Answered(RoundTrip(startup, device).Response);
        }
        var response = RoundTrip(startup, device).Response;
        response[SoundLayout.Hdr.Size + offset] = value;
        var answer = startup.Answered(response);
        Assert.Equal(PcmStartup.Action.Failed, answer.Do);
        Assert.Equal(item == "jack" ? "virtio 1.2, 5.14.6.4.1" : "virtio 1.2, 5.14.6.9.1", answer.Section);
        Assert.Contains(named, answer.Problem);
        Assert.True(startup.IsDone);
    }

    [Fact]
    public void A_toggled_jack_is_answered_unplugged_by_the_next_jack_info()
    {
        var device = Device();
        device.SetConnected(1, false);
        Assert.False(device.IsConnected(1));
        var (_, response) = RoundTrip(Startup(), device);
        Assert.Equal(0, response[SoundLayout.Hdr.Size + SoundLayout.JackInfo.Size + SoundLayout.JackInfo.Connected]);
        Assert.Equal(1, response[SoundLayout.Hdr.Size + SoundLayout.JackInfo.Connected]);
    }

    [Fact]
    public void Jack_remap_stays_refused_for_jacks_without_the_remap_feature()
    {
        Assert.All(Duplex.JackList, j => Assert.Equal(0u, j.Features & (1u << SoundLayout.JackFeatureRemap)));
        var request = new byte[SoundLayout.JackRemap.Size];
        BinaryPrimitives.WriteUInt32LittleEndian(request, SoundLayout.RequestJackRemap);
        var response = new byte[Device().MaxResponseBytes];
        Assert.Equal(SoundLayout.StatusBadMsg, Device().Handle(request, request.Length, SoundLayout.Hdr.Size, response).Status);
    }
}
