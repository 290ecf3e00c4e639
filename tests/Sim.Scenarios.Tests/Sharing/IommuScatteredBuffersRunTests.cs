using Sim.Core.Statistics;
using Sim.Scenarios.Loading;
using Sim.Worlds.Results;
using Sim.Worlds.Running;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.Sharing;

/// <summary>
/// <c>iommu: { buffers: scattered }</c> in a run: a blk device's 16 KiB data buffer is four separate pages, so each
/// request sends four synchronous MAPs for its data (one when contiguous) and still one UNMAP, besides the header's and
/// the status byte's MAP and UNMAP. The platform's virtio-iommu requests per request show it, 9 against 6, and the
/// extra MAPs are extra exits.
/// </summary>
public sealed class IommuScatteredBuffersRunTests(ITestOutputHelper output)
{
    private const int QueueDepth = 4;

    private static string Guest(string name, string buffers) => $$"""
          - name: {{name}}
            platform: kvm
            memory: 64MiB
            devices:
              - { name: blk0, type: blk, sharing: iommu, iommu: { buffers: {{buffers}} }, workload: { requestSize: 16KiB, queueDepth: {{QueueDepth}}, readFraction: 0.5 } }
        """;

    private static readonly string Scenario = $"""
        name: scattered-buffers
        seed: 1
        duration: 22ms
        warmup: 2ms
        costs: kvm-x86
        guests:
        {Guest("scattered", "scattered")}
        {Guest("contiguous", "contiguous")}
        """;

    [Fact]
    public void Each_page_of_a_scattered_buffer_takes_its_own_map_and_the_range_one_unmap()
    {
        var results = ScenarioRunner.Run(ScenarioLoader.LoadText(Scenario, "scattered-buffers.yaml"));
        Assert.Empty(results.Findings);   // every request completed OK and every read verified
        var metrics = results.Metrics.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        MetricSummary Platform(string guest) => metrics[$"{guest}/blk0/platform"];
        double scattered = Platform("scattered").Get("iommuRequestsPerRequest"), contiguous = Platform("contiguous").Get("iommuRequestsPerRequest");
        output.WriteLine($"virtio-iommu requests per request: scattered {scattered:F3}, contiguous {contiguous:F3}; " +
            $"requests {Platform("scattered").Get("requests")}, {Platform("contiguous").Get("requests")}");

        Assert.True(Platform("scattered").Get("requests") > 200 && Platform("contiguous").Get("requests") > 200);
        // Header, status: a MAP and an UNMAP each. Data: 4 MAPs and 1 UNMAP scattered, 1 and 1 contiguous. At each of
        // the window's edges up to queueDepth requests have sent their requests on the other side of it.
        double Edge(string guest, double perRequest) => 2 * QueueDepth * perRequest / Platform(guest).Get("requests");
        Assert.Equal(2 * 2 + 4 + 1, scattered, tolerance: Edge("scattered", 9));
        Assert.Equal(2 * 2 + 1 + 1, contiguous, tolerance: Edge("contiguous", 6));
        // Every MAP is synchronous: each extra one is one more trap of the vCPU.
        double extraExits = Platform("scattered").Get("exitsPerRequest") - Platform("contiguous").Get("exitsPerRequest");
        Assert.Equal(3, extraExits, tolerance: Edge("scattered", 9) + Edge("contiguous", 6));
        var lines = DeviceComparison.From(results).ToDictionary(d => d.Device);
        Assert.True(lines["scattered/blk0"].LatencyMean > lines["contiguous/blk0"].LatencyMean);
    }
}
