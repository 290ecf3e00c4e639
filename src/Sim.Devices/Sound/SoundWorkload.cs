using Sim.Core.Time;

namespace Sim.Devices.Sound;

/// <summary>
/// What the guest plays through a virtio-snd device (virtio 1.2, 5.14.6.8.1): <see cref="Streams"/> output streams,
/// each S16 at <see cref="Rate"/> with <see cref="Channels"/> channels, written by an application in periods of
/// <see cref="PeriodTime"/> into a buffer of <see cref="Periods"/> periods (ALSA's period and buffer sizes; Linux's
/// virtio-snd sends one I/O message per period). The application fills the whole buffer before START and then writes
/// one period each time one completes. The device presents one output stream per <see cref="Streams"/>, then one input
/// stream per <see cref="CaptureStreams"/> (5.14.6.8.2: at <see cref="CaptureRate"/> with <see cref="CaptureChannels"/>
/// channels, the playback's unless given, in periods of the same time and count; the driver posts every
/// period of the buffer on the rxq before START and the application reads each period the device fills, posting it
/// again). With <see cref="Jacks"/> the device describes a line-out jack per output stream and a microphone jack per
/// input stream (5.14.6.4.1); with <see cref="ChannelMaps"/>, one channel map per stream (5.14.6.9.1).
/// </summary>
/// <param name="Streams">Output streams played at once (1 to <see cref="MaxStreams"/>).</param>
/// <param name="Rate">Frames per second: one of the rates virtio-snd names (<see cref="SoundRates"/>).</param>
/// <param name="Channels">Channels per frame (1 to 8).</param>
/// <param name="PeriodTime">The period (1 to 100 ms).</param>
/// <param name="Periods">Periods in the buffer (2 to 16).</param>
/// <param name="CaptureStreams">Input streams captured at once (0 to <see cref="MaxStreams"/> less <see cref="Streams"/>).</param>
/// <param name="Jacks">Whether the device describes its jacks.</param>
/// <param name="ChannelMaps">Whether the device describes a channel map per stream.</param>
/// <param name="JackEvents">How often the last jack is unplugged or plugged back in, each a jack event on the eventq (5.14.6.5); zero for never.</param>
/// <param name="CaptureRate">The input streams' frames per second (0: <see cref="Rate"/>).</param>
/// <param name="CaptureChannels">The input streams' channels (0: <see cref="Channels"/>).</param>
public sealed record SoundWorkload(int Streams, int Rate, int Channels, SimTime PeriodTime, int Periods, int CaptureStreams = 0, bool Jacks = false, bool ChannelMaps = false,
    SimTime JackEvents = default, int CaptureRate = 0, int CaptureChannels = 0)
{
    /// <summary>The most streams a device offers.</summary>
    public const int MaxStreams = 8;

    /// <summary>The shortest period.</summary>
    public static readonly SimTime MinPeriodTime = SimTime.FromMilliseconds(1);

    /// <summary>The longest period.</summary>
    public static readonly SimTime MaxPeriodTime = SimTime.FromMilliseconds(100);

    /// <summary>Frames in one period (the rate times the period, rounded).</summary>
    public int FramesPerPeriod => (int)Math.Round(Rate * PeriodTime.TotalSeconds);

    /// <summary>Bytes in one period: frames times channels times 2 (S16).</summary>
    public int PeriodBytes => FramesPerPeriod * Channels * 2;

    /// <summary>Bytes in the buffer.</summary>
    public int BufferBytes => Periods * PeriodBytes;

    /// <summary>The input streams' rate: <see cref="CaptureRate"/>, or <see cref="Rate"/> when not given.</summary>
    public int InputRate => CaptureRate == 0 ? Rate : CaptureRate;

    /// <summary>The input streams' channels: <see cref="CaptureChannels"/>, or <see cref="Channels"/> when not given.</summary>
    public int InputChannels => CaptureChannels == 0 ? Channels : CaptureChannels;

    /// <summary>Frames in one captured period (the input rate times the period, rounded).</summary>
    public int CaptureFramesPerPeriod => (int)Math.Round(InputRate * PeriodTime.TotalSeconds);

    /// <summary>Bytes in one captured period: frames times input channels times 2 (S16).</summary>
    public int CapturePeriodBytes => CaptureFramesPerPeriod * InputChannels * 2;

    /// <summary>The SET_PARAMS the driver sends for each input stream (5.14.6.6.3): no PCM feature, S16.</summary>
    public PcmParameters CaptureParameters => new((uint)(Periods * CapturePeriodBytes), (uint)CapturePeriodBytes, 0, (byte)InputChannels, SoundLayout.PcmFormat.S16,
        SoundRates.IndexOf(InputRate) ?? throw new InvalidOperationException($"{InputRate} Hz is not a rate virtio-snd names"));

    /// <summary>txq I/O messages in flight at most: one per period of every output stream's buffer.</summary>
    public int Slots => Streams * Periods;

    /// <summary>rxq I/O messages in flight at most: one per period of every input stream's buffer.</summary>
    public int CaptureSlots => CaptureStreams * Periods;

    /// <summary>Streams the device offers: the output streams, then the input streams.</summary>
    public int TotalStreams => Streams + CaptureStreams;

    /// <summary>The jacks the device describes: a line-out per output stream, a microphone per input stream (none without <see cref="Jacks"/>).</summary>
    public IReadOnlyList<SoundJack> JackList => Jacks
        ? [.. Enumerable.Repeat(SoundJack.LineOut, Streams), .. Enumerable.Repeat(SoundJack.Mic, CaptureStreams)]
        : [];

    /// <summary>The channel maps the device describes: one per stream, in stream order (none without <see cref="ChannelMaps"/>).</summary>
    public IReadOnlyList<SoundChannelMap> ChannelMapList => ChannelMaps
        ? [.. Enumerable.Range(0, TotalStreams).Select(s => s < Streams ? SoundChannelMap.Standard(SoundLayout.DirectionOutput, Channels) : SoundChannelMap.Standard(SoundLayout.DirectionInput, InputChannels))]
        : [];

    /// <summary>What the device's streams support, in stream order: the output streams, then the input streams.</summary>
    public IReadOnlyList<PcmStreamInfo> StreamInfos =>
        [.. Enumerable.Repeat(PcmStreamInfo.Playback(Parameters.Rate), Streams), .. Enumerable.Repeat(PcmStreamInfo.Capture(CaptureParameters.Rate), CaptureStreams)];

    /// <summary>The SET_PARAMS the driver sends for each stream (5.14.6.6.3): no PCM feature, S16.</summary>
    public PcmParameters Parameters => new((uint)BufferBytes, (uint)PeriodBytes, 0, (byte)Channels, SoundLayout.PcmFormat.S16,
        SoundRates.IndexOf(Rate) ?? throw new InvalidOperationException($"{Rate} Hz is not a rate virtio-snd names"));

    /// <summary>What is wrong with this workload, or null: every range above, and a period of at least one frame and 8 bytes.</summary>
    public string? Problem()
    {
        if (Streams is < 1 or > MaxStreams) return $"streams must be 1 to {MaxStreams}, found {Streams}";
        if (CaptureStreams < 0 || TotalStreams > MaxStreams) return $"captureStreams must be 0 to {MaxStreams - Streams} beside {Streams} output stream(s), found {CaptureStreams}";
        if (SoundRates.IndexOf(Rate) is null) return $"rate must be one virtio-snd names ({string.Join(", ", SoundRates.All)} Hz), found {Rate}";
        if (Channels is < 1 or > 8) return $"channels must be 1 to 8, found {Channels}";
        if (PeriodTime < MinPeriodTime || PeriodTime > MaxPeriodTime) return $"periodTime must be 1ms to 100ms, found {PeriodTime}";
        if (Periods is < 2 or > 16) return $"periods must be 2 to 16, found {Periods}";
        if (JackEvents > SimTime.Zero && !Jacks) return "jackEvents needs jacks: true (the events name a jack)";
        if (JackEvents < SimTime.Zero) return $"jackEvents must not be negative, found {JackEvents}";
        if (CaptureStreams > 0 && SoundRates.IndexOf(InputRate) is null) return $"captureRate must be one virtio-snd names ({string.Join(", ", SoundRates.All)} Hz), found {InputRate}";
        if (CaptureStreams > 0 && InputChannels is < 1 or > 8) return $"captureChannels must be 1 to 8, found {InputChannels}";
        if (CaptureStreams > 0 && CapturePeriodBytes < 8) return $"a captured period of {CapturePeriodBytes} bytes is too short (at least 8)";
        if (PeriodBytes < 8) return $"a period of {PeriodBytes} bytes is too short (at least 8)";
        return null;
    }

    /// <summary>How long <paramref name="parameters"/>' period plays: its frames over the rate (zero for an unknown rate or format).</summary>
    public static SimTime PeriodOf(in PcmParameters parameters)
    {
        int hertz = SoundRates.HertzOf(parameters.Rate);
        if (hertz == 0 || parameters.FrameBytes == 0) return SimTime.Zero;
        long frames = parameters.PeriodBytes / parameters.FrameBytes;
        return SimTime.FromPicoseconds(frames * 1_000_000_000_000L / hertz);
    }
}
