using Sim.Scenarios.Loading;
using Sim.Worlds.Running;

namespace Sim.Scenarios.Tests.Transport;

/// <summary>
/// The same virtio-input driver and device (virtio 1.2, 5.8) run unchanged on virtio-pci and virtio-mmio, on KVM and
/// on Xen, under each sharing mechanism: every report the touchscreen and the rotary controller make reaches the guest
/// whole, with its latency measured and no finding; and a driver that keeps too few buffers posted for a touch's first
/// report (8 events: tracking id, two positions, BTN_TOUCH, two single-touch positions, timestamp, SYN_REPORT) loses
/// exactly those reports, whole.
/// </summary>
public sealed class InputOnEveryPlatformTests
{
    private static string Scenario(string platform, string sharing, string transport, int eventBuffers = 64) => $$"""
        name: input-everywhere
        seed: 3
        duration: 3s
        costs: {{(platform == "xen" ? "xen-x86" : "kvm-x86")}}
        guests:
          - name: vm
            platform: {{platform}}
            devices:
              - { name: touch0, type: input, sharing: {{sharing}}, transport: {{transport}}, eventBuffers: {{eventBuffers}}, source: { kind: touchscreen, reportRate: 240Hz, pause: { constant: 200ms } } }
              - { name: knob0, type: input, eventIdx: true, sharing: {{sharing}}, transport: {{transport}}, source: { kind: rotary, gap: { constant: 20ms }, pause: { constant: 200ms } } }
        """;

    [Theory]
    [MemberData(nameof(EveryPlatformCases.All), MemberType = typeof(EveryPlatformCases))]
    public void Every_report_reaches_the_guest_whole_on_every_platform_transport_and_mechanism(string platform, string sharing, string transport)
    {
        var results = ScenarioRunner.Run(ScenarioLoader.LoadText(Scenario(platform, sharing, transport), "input.yaml"));
        Assert.Empty(results.Findings);
        var metrics = results.Metrics.ToDictionary(m => m.Key, m => m.Value);
        foreach (string device in new[] { "touch0", "knob0" })
        {
            double Count(string actor, string name) => metrics[$"vm/{device}/{actor}/{name}"].Get("count");
            Assert.True(Count("source", "reports") > 20, $"{device}: {Count("source", "reports")} reports");
            Assert.Equal(Count("source", "reports"), Count("driver", "reports"));
            Assert.Equal(Count("source", "events"), Count("driver", "events"));
            Assert.Equal(0, Count("backend", "reportsDropped"));
            Assert.Equal(Count("driver", "reports"), Count("driver", "reportLatency"));
            Assert.True(metrics[$"vm/{device}/driver/reportLatency"].Get("min") > 0);
        }
    }

    [Fact]
    public void Too_few_posted_buffers_lose_each_touch_s_first_report_and_nothing_else()
    {
        var results = ScenarioRunner.Run(ScenarioLoader.LoadText(Scenario("kvm", "full", "pci", eventBuffers: 6), "input.yaml"));
        Assert.Empty(results.Findings);
        var metrics = results.Metrics.ToDictionary(m => m.Key, m => m.Value);
        double Count(string path) => metrics["vm/touch0/" + path].Get("count");
        double dropped = Count("backend/reportsDropped");
        Assert.True(dropped >= 5, $"{dropped} reports dropped");
        Assert.Equal(8 * dropped, Count("backend/eventsDropped"));
        Assert.Equal(Count("source/reports") - dropped, Count("driver/reports"));
    }
}
