using Sim.Scenarios.Loading;
using Sim.Worlds.Running;

namespace Sim.Scenarios.Tests.Transport;

/// <summary>
/// A virtio-snd device that plays and captures at once (virtio 1.2, 5.14.6.8.1 and 5.14.6.8.2) on KVM and on Xen,
/// under each sharing mechanism, over virtio-pci and virtio-mmio: the driver asks for the jacks, the streams and the
/// channel maps and opens both streams (9 control requests); every capture period end after START fills a posted rxq
/// buffer, none is an overrun, and every captured period reaches the application within its period, its marker (the
/// period's capture end on the device clock) read back intact from the bytes the device wrote; playback keeps every
/// deadline beside it; every jack toggle reaches the driver as a jack notification on the eventq.
/// </summary>
public sealed class SoundCaptureOnEveryPlatformTests
{
    private static string Scenario(string platform, string sharing, string transport) => $$"""
        name: sound-capture
        seed: 7
        duration: 200ms
        costs: {{(platform == "xen" ? "xen-x86" : "kvm-x86")}}
        guests:
          - name: vm
            platform: {{platform}}
            devices:
              - { name: snd0, type: sound, eventIdx: true, sharing: {{sharing}}, transport: {{transport}}, source: { streams: 1, captureStreams: 1, periodTime: 10ms, periods: 4, jacks: true, channelMaps: true, jackEvents: 50ms } }
        """;

    [Theory]
    [MemberData(nameof(EveryPlatformCases.All), MemberType = typeof(EveryPlatformCases))]
    public void Every_capture_period_reaches_the_application_on_every_platform_transport_and_mechanism(string platform, string sharing, string transport)
    {
        var results = ScenarioRunner.Run(ScenarioLoader.LoadText(Scenario(platform, sharing, transport), "sound.yaml"));
        Assert.True(results.Findings.Count == 0, string.Join("; ", results.Findings.Select(f => $"{f.Rule}: {f.Detail}")));
        var metrics = results.Metrics.ToDictionary(m => m.Key, m => m.Value);
        double Count(string path) => metrics[$"vm/snd0/{path}"].Get("count");
        Assert.Equal(9, Count("backend/controlCommands"));
        Assert.Equal(9, Count("driver/controlCommands"));
        // Both streams start within the first 10 ms: capture period ends at START + k x 10 ms, k = 1..19, before 200 ms.
        Assert.Equal(19, Count("backend/periodsCaptured"));
        Assert.Equal(0, Count("backend/overruns"));
        Assert.Equal(0, Count("backend/framesLost"));
        Assert.Equal(0, Count("backend/badMessages"));
        Assert.Equal(0, Count("driver/xferErrors"));
        // Every captured period is read by the application; its latency comes from the marker in the captured bytes.
        Assert.Equal(Count("backend/periodsCaptured"), Count("driver/captureLatency"));
        Assert.InRange(metrics["vm/snd0/driver/captureLatency"].Get("max"), 1e-7, 0.010);
        Assert.Equal(20, Count("backend/periodsPlayed"));
        Assert.Equal(0, Count("backend/underruns"));
        // The microphone jack toggles at 50, 100 and 150 ms after the driver's first eventq kick (within the first ms).
        Assert.Equal(3, Count("backend/jackEvents"));
        Assert.Equal(0, Count("backend/jackEventsLost"));
        Assert.Equal(3, Count("driver/jackEvents"));
    }
}
