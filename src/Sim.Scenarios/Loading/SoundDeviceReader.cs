using Sim.Core.Time;
using Sim.Devices.Sound;
using Sim.Scenarios.Model;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads a virtio-snd device (virtio 1.2, 5.14) and what the guest plays through it:
/// <code>
/// - name: snd0
///   type: sound
///   ring: split                      # split | packed; eventIdx as for echo
///   queueSize: 64                    # every queue (default 64); a split size is a power of two
///   sharing: full                    # and backend, kick, iommu, window: see SharingReader
///   source:
///     streams: 1                     # output streams played at once (1-8, default 1)
///     rate: 48000Hz                  # a rate virtio-snd names (default 48000Hz)
///     channels: 2                    # 1-8 (default 2), S16 samples
///     periodTime: 10ms               # 1ms-100ms (default 10ms)
///     periods: 4                     # periods in the buffer, 2-16 (default 4); buffer = periods x period
///     captureStreams: 0              # input streams captured at once, same period time and periods (0-7, default 0)
///     captureRate: 16000Hz           # the input streams' rate (default: rate)
///     captureChannels: 1             # the input streams' channels, 1-8 (default: channels)
///     jacks: false                   # the device describes a line-out jack per output stream and a mic jack per input stream
///     channelMaps: false             # the device describes one channel map per stream
///     jackEvents: 100ms              # every 100 ms the last jack is unplugged or plugged back, a jack event each (needs jacks)
/// </code>
/// Every period in flight is one txq (or rxq) chain of three descriptors, so streams x periods x 3 (and captureStreams
/// x periods x 3) must fit the queue size.
/// </summary>
internal static class SoundDeviceReader
{
    /// <summary>The keys of a sound device.</summary>
    public static MappingShape Shape => new("a sound device",
    [
        .. DeviceHead.Keys("sound", 4, 64),
        .. SharingReader.KeyShapes,
        KeyShape.Must("source", SourceShape, "What the guest's application plays through the device."),
    ]);

    private static MappingShape SourceShape => new("a sound source",
    [
        KeyShape.May("streams", new IntegerShape(1, SoundWorkload.MaxStreams), "Output streams played at once (default 1)."),
        KeyShape.May("rate", new QuantityShape(QuantityPattern.Refresh), "Frames per second, a rate virtio-snd names, e.g. 44100Hz or 48000Hz (default 48000Hz)."),
        KeyShape.May("channels", new IntegerShape(1, 8), "Channels per frame, S16 samples (default 2)."),
        KeyShape.May("periodTime", new QuantityShape(QuantityPattern.Time), "The period the application writes at a time, 1ms to 100ms (default 10ms)."),
        KeyShape.May("periods", new IntegerShape(2, 16), "Periods in the buffer (default 4): the buffer is periods times the period."),
        KeyShape.May("captureStreams", new IntegerShape(0, SoundWorkload.MaxStreams - 1), "Input streams captured at once on the rxq, in periods of the same time and count (default 0); streams plus captureStreams at most 8."),
        KeyShape.May("captureRate", new QuantityShape(QuantityPattern.Refresh), "The input streams' frames per second, a rate virtio-snd names, e.g. 16000Hz (default: rate)."),
        KeyShape.May("captureChannels", new IntegerShape(1, 8), "The input streams' channels per frame, S16 samples (default: channels)."),
        KeyShape.May("jacks", new BooleanShape(), "Whether the device describes its jacks (JACK_INFO): a line-out per output stream, a microphone per input stream (default false)."),
        KeyShape.May("channelMaps", new BooleanShape(), "Whether the device describes one channel map per stream (CHMAP_INFO) (default false)."),
        KeyShape.May("jackEvents", new QuantityShape(QuantityPattern.Time), "How often the device's last jack is unplugged or plugged back in, each a jack event on the eventq (needs jacks: true; default never)."),
    ]);

    /// <summary>Reads one sound device of a guest on <paramref name="platform"/>.</summary>
    public static SoundDeviceModel Read(MappingReader device, HashSet<string> names, string platform)
    {
        device.Declare(Shape);
        var (name, packed, eventIdx, queueSize) = DeviceHead.Read(device, names, 4, 64);
        var (sharing, _) = SharingReader.Read(device, platform);
        var source = device.Mapping("source");
        source.Declare(SourceShape);
        int streams = (int)(source.OptionalInt64("streams", min: 1, max: SoundWorkload.MaxStreams) ?? 1);
        double rate = source.Optional("rate") is { } r ? UnitReader.Millihertz(r) / 1000.0 : 48000;
        if (rate != Math.Floor(rate) || SoundRates.IndexOf((int)rate) is null)
            throw source.FailAt("rate", $"rate must be one virtio-snd names ({string.Join(", ", SoundRates.All.Select(h => $"{h}Hz"))}), found {rate}Hz");
        int channels = (int)(source.OptionalInt64("channels", min: 1, max: 8) ?? 2);
        var periodTime = source.OptionalTime("periodTime", SimTime.FromMilliseconds(10));
        if (periodTime < SoundWorkload.MinPeriodTime || periodTime > SoundWorkload.MaxPeriodTime)
            throw source.FailAt("periodTime", $"periodTime must be 1ms to 100ms, found {periodTime}");
        int periods = (int)(source.OptionalInt64("periods", min: 2, max: 16) ?? 4);
        int captureStreams = (int)(source.OptionalInt64("captureStreams", min: 0, max: SoundWorkload.MaxStreams - 1) ?? 0);
        if (streams + captureStreams > SoundWorkload.MaxStreams)
            throw source.FailAt("captureStreams", $"streams plus captureStreams must be at most {SoundWorkload.MaxStreams}, found {streams} + {captureStreams}");
        double captureRate = source.Optional("captureRate") is { } cr ? UnitReader.Millihertz(cr) / 1000.0 : rate;
        if (captureRate != Math.Floor(captureRate) || SoundRates.IndexOf((int)captureRate) is null)
            throw source.FailAt("captureRate", $"captureRate must be one virtio-snd names ({string.Join(", ", SoundRates.All.Select(h => $"{h}Hz"))}), found {captureRate}Hz");
        int captureChannels = (int)(source.OptionalInt64("captureChannels", min: 1, max: 8) ?? channels);
        bool jacks = source.Optional("jacks")?.AsBoolean() ?? false;
        bool channelMaps = source.Optional("channelMaps")?.AsBoolean() ?? false;
        var jackEvents = source.OptionalTime("jackEvents", SimTime.Zero);
        if (jackEvents > SimTime.Zero && !jacks) throw source.FailAt("jackEvents", "jackEvents needs jacks: true (each event names a jack)");
        if (jackEvents < SimTime.Zero) throw source.FailAt("jackEvents", $"jackEvents must not be negative, found {jackEvents}");
        source.Done();
        var workload = new SoundWorkload(streams, (int)rate, channels, periodTime, periods, captureStreams, jacks, channelMaps, jackEvents,
            captureRate == rate ? 0 : (int)captureRate, captureChannels == channels ? 0 : captureChannels);
        if (workload.Problem() is { } problem) throw source.Self.Fail(problem);
        if (Math.Max(workload.Slots, workload.CaptureSlots) * 3 > queueSize)
            throw device.FailAt("queueSize", $"queueSize {queueSize} is too small: {Math.Max(streams, captureStreams)} stream(s) x {periods} periods in flight, 3 descriptors each, need at least {Math.Max(workload.Slots, workload.CaptureSlots) * 3} entries");
        device.Done();
        return new SoundDeviceModel(name, packed, eventIdx, queueSize, workload, sharing);
    }
}
