using Sim.Scenarios.Loading;
using Sim.Worlds.Running;

namespace Sim.Scenarios.Tests.Sound;

/// <summary>
/// <c>type: sound</c> in a scenario (virtio 1.2, 5.14): the same virtio-snd driver and device play on KVM and Xen,
/// over virtio-pci and virtio-mmio, every period at its deadline at light load with no finding; a guest made slower
/// than the period (a what-if cost for <c>sound.guest.period</c>) underruns, and every deadline of the device's clock
/// is either a period played or an underrun; the same guest capturing beside its playback overruns, every period end
/// of the capture clock either filling a posted buffer or losing its frames; the source's ranges are checked where
/// they are written.
/// </summary>
public sealed class SoundScenarioTests
{
    public static TheoryData<string, string> Platforms()
    {
        var data = new TheoryData<string, string>();
        foreach (string platform in new[] { "kvm", "xen" })
            foreach (string transport in new[] { "pci", "mmio" })
                data.Add(platform, transport);
        return data;
    }

    private static string Scenario(string platform, string transport, string source = "{ streams: 1, rate: 48000Hz, channels: 2, periodTime: 10ms, periods: 4 }", string overrides = "") => $$"""
        name: sound
        seed: 3
        duration: 200ms
        costs: {{(platform == "xen" ? "xen-x86" : "kvm-x86")}}
        {{overrides}}
        guests:
          - name: vm
            platform: {{platform}}
            devices:
              - { name: snd0, type: sound, eventIdx: true, sharing: {{(platform == "xen" ? "grant-map" : "full")}}, transport: {{transport}}, source: {{source}} }
        """;

    private static Dictionary<string, double> Counts(string yaml)
    {
        var results = ScenarioRunner.Run(ScenarioLoader.LoadText(yaml, "sound.yaml"));
        Assert.True(results.Findings.Count == 0, string.Join("; ", results.Findings.Select(f => $"{f.Rule}: {f.Detail}")));
        return results.Metrics.Where(m => m.Key.StartsWith("vm/snd0/", StringComparison.Ordinal) && m.Value.Values.Any(v => v.Key == "count"))
            .ToDictionary(m => m.Key, m => m.Value.Get("count"));
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public void The_same_driver_and_device_play_on_either_platform_and_transport(string platform, string transport)
    {
        var counts = Counts(Scenario(platform, transport));
        // START comes within the first millisecond: deadlines at START + k x 10 ms up to 200 ms, k = 0..19.
        Assert.Equal(20, counts["vm/snd0/backend/periodsPlayed"]);
        Assert.Equal(0, counts["vm/snd0/backend/underruns"]);
        Assert.Equal(0, counts["vm/snd0/backend/periodDeadlineMisses"]);
        Assert.Equal(0, counts["vm/snd0/backend/badMessages"]);
        Assert.Equal(4, counts["vm/snd0/backend/controlCommands"]);
        Assert.Equal(counts["vm/snd0/backend/periodsPlayed"], counts["vm/snd0/driver/requests"]);
        Assert.Equal(counts["vm/snd0/backend/periodsPlayed"], counts["vm/snd0/backend/endToEndLatency"]);
    }

    [Theory]
    [InlineData("kvm")]
    [InlineData("xen")]
    public void A_guest_slower_than_the_period_underruns_on_the_device_clock(string platform)
    {
        const string overrides = "costOverrides:\n  sound.guest.period: { value: 15ms, source: what-if }";
        var counts = Counts(Scenario(platform, "pci", "{ periodTime: 10ms, periods: 2 }", overrides));
        double played = counts["vm/snd0/backend/periodsPlayed"], underruns = counts["vm/snd0/backend/underruns"];
        Assert.True(underruns > 0, "a guest needing 15 ms per 10 ms period underruns");
        // START follows the pre-fill of 2 x 15 ms: deadlines at 30 ms + a little + k x 10 ms up to 200 ms, k = 0..16.
        Assert.Equal(17, played + underruns);
        Assert.InRange(counts["vm/snd0/backend/periodDeadlineMisses"], 1, underruns);
    }

    [Theory]
    [InlineData("kvm")]
    [InlineData("xen")]
    public void A_guest_slower_than_the_period_overruns_its_capture_and_loses_whole_periods(string platform)
    {
        const string overrides = "costOverrides:\n  sound.guest.period: { value: 15ms, source: what-if }";
        var counts = Counts(Scenario(platform, "pci", "{ captureStreams: 1, periodTime: 10ms, periods: 2 }", overrides));
        double captured = counts["vm/snd0/backend/periodsCaptured"], overruns = counts["vm/snd0/backend/overruns"];
        Assert.True(overruns > 0, "a guest needing 15 ms per 10 ms period (for each of two streams) overruns");
        Assert.True(captured > 0, "the posted buffers are filled before the guest falls behind");
        // 10 ms of 48 kHz stereo: every overrun loses the period's 480 frames.
        Assert.Equal(480 * overruns, counts["vm/snd0/backend/framesLost"]);
        // The application reads what the device filled, at most the two posted periods behind at the end of the run.
        Assert.InRange(captured - counts["vm/snd0/driver/captureLatency"], 0, 2);
    }

    [Theory]
    [InlineData("{ periodTime: 200ms }", "periodTime")]
    [InlineData("{ periodTime: 500us }", "periodTime")]
    [InlineData("{ rate: 47000Hz }", "rate")]
    [InlineData("{ periods: 1 }", "periods")]
    [InlineData("{ streams: 8, periods: 16 }", "queueSize")]
    [InlineData("{ streams: 4, captureStreams: 5 }", "captureStreams")]
    [InlineData("{ captureStreams: 8 }", "captureStreams")]
    [InlineData("{ captureStreams: 6, periods: 16 }", "queueSize")]
    [InlineData("{ jacks: 2 }", "jacks")]
    [InlineData("{ jackEvents: 100ms }", "jackEvents")]
    [InlineData("{ captureStreams: 1, captureRate: 15000Hz }", "captureRate")]
    [InlineData("{ captureStreams: 1, captureChannels: 9 }", "captureChannels")]
    public void A_source_out_of_range_is_an_error_where_it_is_written(string source, string key)
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(Scenario("kvm", "pci", source), "sound.yaml"));
        Assert.Contains(key, ex.Message);
    }
}
