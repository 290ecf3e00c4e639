using Sim.Core.Statistics;
using Sim.Scenarios.Loading;
using Sim.Worlds.Results;
using Sim.Worlds.Running;
using Sim.Scenarios.Tests.Loading;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.Running;

/// <summary>
/// A blk device's <c>storage</c> and <c>headers</c> keys. <c>storage: ram</c> is a RAM disk whose access and copy are
/// the backend thread's work; <c>storage: device</c> is a drive that serves on its own, so its time is a delay, never
/// the thread's busy time. <c>headers: coherent</c> keeps the request headers and status bytes in memory the device
/// reaches for its whole life, so the driver maps only the data buffer per request (one map instead of three), and
/// the device still reads every header and writes every status. Unknown values are located errors.
/// </summary>
public sealed class BlkStorageAndHeadersTests(ITestOutputHelper output)
{
    private const int QueueDepth = 4;

    private static readonly string[] StorageEntries =
        ["storage.readAccess", "storage.readBandwidth", "storage.writeAccess", "storage.writeBandwidth"];

    private static string Guest(string name, string keys) => $$"""
          - name: {{name}}
            platform: kvm
            memory: 64MiB
            devices:
              - { name: blk0, type: blk, {{keys}}, workload: { requestSize: 16KiB, queueDepth: {{QueueDepth}}, readFraction: 0.5, span: 256KiB } }
        """;

    private static string Scenario(params (string Guest, string Keys)[] guests) => $"""
        name: blk-keys
        seed: 4
        duration: 12ms
        warmup: 2ms
        costs: kvm-x86
        guests:
        {string.Join("\n", guests.Select(g => Guest(g.Guest, g.Keys)))}
        """;

    private static Dictionary<string, MetricSummary> Run(params (string Guest, string Keys)[] guests)
    {
        var results = ScenarioRunner.Run(ScenarioLoader.LoadText(Scenario(guests), "blk-keys.yaml"));
        // No refused access, no failed status, no used-length or data mismatch: every request went through intact.
        Assert.Empty(results.Findings);
        return results.Metrics.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
    }

    private static double Get(Dictionary<string, MetricSummary> metrics, string path, string value = "count") =>
        metrics[path].Values.FirstOrDefault(v => v.Key == value).Value;

    /// <summary>How far a per-request count of <paramref name="guest"/> may be off: up to queueDepth requests straddle each edge of the measured window.</summary>
    private static double Edge(Dictionary<string, MetricSummary> metrics, string guest, double perRequest) =>
        2 * QueueDepth * perRequest / Get(metrics, $"{guest}/blk0/platform", "requests");

    [Fact]
    public void A_ram_disk_is_the_backend_threads_work_and_a_drive_only_delays_it()
    {
        var m = Run(("ram", "storage: ram"), ("drive", "storage: device"));
        foreach (string entry in StorageEntries)
        {
            output.WriteLine($"{entry}: ram busy {Get(m, "ram/blk0/backend/costs", entry + ".busy"):G4} s, drive busy {Get(m, "drive/blk0/backend/costs", entry + ".busy"):G4} s " +
                $"delay {Get(m, "drive/blk0/backend/costs", entry + ".delay"):G4} s");
            Assert.True(Get(m, "ram/blk0/backend/costs", entry + ".busy") > 0, $"ram: {entry} is not the thread's work");
            Assert.Equal(0, Get(m, "ram/blk0/backend/costs", entry + ".delay"));
            Assert.Equal(0, Get(m, "drive/blk0/backend/costs", entry + ".busy"));
            Assert.True(Get(m, "drive/blk0/backend/costs", entry + ".delay") > 0, $"drive: {entry} charged no delay");
        }
        foreach (string guest in new[] { "ram", "drive" })
        {
            Assert.True(Get(m, $"{guest}/blk0/driver/reads") > 50 && Get(m, $"{guest}/blk0/driver/writes") > 50);
            Assert.True(Get(m, $"{guest}/blk0/driver/verifiedReads") > 20, $"{guest}: {Get(m, $"{guest}/blk0/driver/verifiedReads")} reads verified");
        }
    }

    [Fact]
    public void Coherent_headers_leave_one_window_map_per_request_instead_of_three()
    {
        var m = Run(("mapped", "sharing: window, headers: mapped"), ("coherent", "sharing: window, headers: coherent"));
        double PerRequest(string guest) =>
            Get(m, $"{guest}/blk0/driver/costs", "window.slotSearch.count") / Get(m, $"{guest}/blk0/platform", "requests");
        output.WriteLine($"window maps per request: mapped {PerRequest("mapped"):F3}, coherent {PerRequest("coherent"):F3}");
        Assert.Equal(3, PerRequest("mapped"), tolerance: Edge(m, "mapped", 3));
        Assert.Equal(1, PerRequest("coherent"), tolerance: Edge(m, "coherent", 1));
        Assert.True(Get(m, "coherent/blk0/driver/verifiedReads") > 20);
        Assert.True(Get(m, "coherent/blk0/driver/writes") > 50);
    }

    [Fact]
    public void Coherent_headers_leave_one_iommu_map_and_unmap_per_request_instead_of_three_of_each()
    {
        var m = Run(("mapped", "sharing: iommu"), ("coherent", "sharing: iommu, headers: coherent"));
        double mapped = Get(m, "mapped/blk0/platform", "iommuRequestsPerRequest"), coherent = Get(m, "coherent/blk0/platform", "iommuRequestsPerRequest");
        output.WriteLine($"virtio-iommu requests per request: mapped {mapped:F3}, coherent {coherent:F3}");
        Assert.Equal(6, mapped, tolerance: Edge(m, "mapped", 6));
        Assert.Equal(2, coherent, tolerance: Edge(m, "coherent", 2));
        Assert.True(Get(m, "coherent/blk0/driver/verifiedReads") > 20);
    }

    [Fact]
    public void A_device_without_the_keys_is_a_ram_disk_with_mapped_headers()
    {
        var device = ScenarioLoader.LoadText(Scenario(("vm", "sharing: full")), "blk-keys.yaml").Transport!.Guests.Single().Blk.Single();
        Assert.Equal("ram", device.Storage);
        Assert.False(device.CoherentHeaders);
        var chosen = ScenarioLoader.LoadText(Scenario(("vm", "storage: device, headers: coherent")), "blk-keys.yaml").Transport!.Guests.Single().Blk.Single();
        Assert.Equal("device", chosen.Storage);
        Assert.True(chosen.CoherentHeaders);
    }

    [Theory]
    [InlineData("storage: ssd", "ssd", "'ssd' is not a storage kind; expected one of ram, device")]
    [InlineData("storage: devices", "devices", "did you mean 'device'?")]
    [InlineData("headers: shared", "shared", "'shared' is not a header placement: mapped or coherent")]
    [InlineData("headers: coherant", "coherant", "did you mean 'coherent'?")]
    public void An_unknown_storage_or_header_placement_is_located_at_its_value(string keys, string value, string expected)
    {
        string yaml = Scenario(("vm", keys));
        string[] lines = yaml.Split('\n');
        int row = Array.FindIndex(lines, l => l.Contains(keys, StringComparison.Ordinal));
        int column = lines[row].IndexOf(keys, StringComparison.Ordinal) + keys.IndexOf(value, StringComparison.Ordinal) + 1;
        ScenarioAssert.RejectedAt(yaml, row + 1, column, expected);
    }
}
