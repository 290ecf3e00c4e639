using System.Buffers.Binary;
using Sim.Devices.Sound;
using Sim.Devices.Tests.Golden;

namespace Sim.Devices.Tests.Sound;

/// <summary>
/// <see cref="SoundLayout"/> against Linux: <c>linux_virtio_snd_golden.c</c> (copied next to the test assembly under
/// Golden/), compiled with gcc against /usr/include/linux/virtio_snd.h and virtio_ids.h, prints every struct's size,
/// every field's offset and every constant of the header; every line must have a counterpart in
/// <see cref="SoundLayoutCounterparts"/> equal to it, every counterpart must be printed, and every name the installed
/// header defines must be among the printed lines.
/// </summary>
public sealed class SoundLayoutGoldenTests
{
    private const string Source = "linux_virtio_snd_golden.c";

    private static readonly Lazy<IReadOnlyList<(int Number, string Key, ulong Value)>> LazyLines = new(() => GoldenLines.Load(Source));

    [Fact]
    public void Every_line_linux_prints_has_a_sound_counterpart_and_equals_it()
    {
        GoldenLines.AssertEveryLineMatches(LazyLines.Value, SoundLayoutCounterparts.All, atLeast: SoundLayoutCounterparts.All.Count);
    }

    [Fact]
    public void Every_sound_constant_is_printed_by_the_golden_program()
    {
        GoldenLines.AssertEveryCounterpartPrinted(LazyLines.Value, SoundLayoutCounterparts.All, new HashSet<string>(), Source);
        Assert.Equal(SoundLayoutCounterparts.All.Count, LazyLines.Value.Count);
    }

    [Fact]
    public void Every_struct_field_and_constant_of_the_installed_header_is_printed()
    {
        var header = UapiHeaderNames.Read("virtio_snd.h", "VIRTIO_SND_");
        var missing = header.NotPrintedBy(LazyLines.Value.Select(l => l.Key));
        Assert.True(missing.Count == 0, $"virtio_snd.h defines what {Source} does not print: {string.Join(", ", missing)}");
        Assert.True(header.Structs.Count >= 15 && header.Constants.Count >= 107, $"{header.Structs.Count} structs, {header.Constants.Count} constants");
    }

    [Fact]
    public void Every_format_and_rate_is_a_bit_of_the_pcm_info_bit_maps()
    {
        var lines = LazyLines.Value;
        var formats = lines.Where(l => l.Key.StartsWith("format.", StringComparison.Ordinal)).Select(l => l.Value).ToList();
        var rates = lines.Where(l => l.Key.StartsWith("rate.", StringComparison.Ordinal)).Select(l => l.Value).ToList();
        Assert.Equal(Enumerable.Range(0, formats.Count).Select(i => (ulong)i), formats);
        Assert.Equal(Enumerable.Range(0, rates.Count).Select(i => (ulong)i), rates);
        Assert.All(formats.Concat(rates), bit => Assert.InRange(bit, 0UL, 63UL));
        Assert.Equal(8, SoundLayout.PcmInfo.Rates - SoundLayout.PcmInfo.Formats);
    }

    [Fact]
    public void A_set_params_request_written_at_the_constants_offsets_has_the_little_endian_bytes_of_the_spec()
    {
        // Stream 1: a 16 KiB buffer of 4 KiB periods, xrun events, stereo S16 at 48 kHz.
        var request = new byte[SoundLayout.PcmSetParams.Size];
        var span = request.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span[(SoundLayout.PcmSetParams.Hdr + SoundLayout.Hdr.Code)..], SoundLayout.RequestPcmSetParams);
        BinaryPrimitives.WriteUInt32LittleEndian(span[SoundLayout.PcmSetParams.StreamId..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[SoundLayout.PcmSetParams.BufferBytes..], 16384);
        BinaryPrimitives.WriteUInt32LittleEndian(span[SoundLayout.PcmSetParams.PeriodBytes..], 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(span[SoundLayout.PcmSetParams.Features..], 1u << SoundLayout.PcmFeatureEvtXruns);
        request[SoundLayout.PcmSetParams.Channels] = 2;
        request[SoundLayout.PcmSetParams.Format] = SoundLayout.PcmFormat.S16;
        request[SoundLayout.PcmSetParams.Rate] = SoundLayout.PcmRate.Hz48000;
        Assert.Equal(
            new byte[]
            {
                0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00,
                0x00, 0x10, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x02, 0x05, 0x07, 0x00,
            },
            request);
    }

    [Fact]
    public void A_pcm_status_read_back_at_the_constants_offsets_gives_status_and_latency()
    {
        byte[] status = [0x03, 0x80, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00];
        Assert.Equal(SoundLayout.PcmStatus.Size, status.Length);
        Assert.Equal(SoundLayout.StatusIoError, BinaryPrimitives.ReadUInt32LittleEndian(status.AsSpan(SoundLayout.PcmStatus.Status)));
        Assert.Equal(512u, BinaryPrimitives.ReadUInt32LittleEndian(status.AsSpan(SoundLayout.PcmStatus.LatencyBytes)));
    }
}
