using Sim.Worlds.Results;

namespace Sim.Cli.Tests.Output;

/// <summary>
/// A world of many devices is summarised in groups (platform, mechanism, device name) on the console, with what one
/// device did on average, while <c>--format csv</c> keeps every device (issue 21: 1,000 guests printed 500 tables).
/// </summary>
public sealed class GroupedDeviceSummaryTests
{
    private static DeviceComparison Device(string path, long requests, double latency, double p99, double exits, double pages) =>
        new(path, requests, requests * 10, requests * 40_960, latency, p99, 1, 1, exits, 0, 0, 0, 0, 0, 0, 0, pages, pages + 1, 0, 0);

    [Fact]
    public void A_group_reports_per_device_means_request_weighted_latency_and_its_worst_p99()
    {
        var devices = new[]
        {
            Device("vm0/blk0", 100, 10e-6, 20e-6, 1, 4),
            Device("vm1/blk0", 300, 30e-6, 90e-6, 3, 8),
            Device("vm2/net0", 50, 5e-6, 6e-6, 2, 1),
        };
        var groups = DeviceGroups.Group(devices, p => p.EndsWith("blk0", StringComparison.Ordinal) ? "kvm full blk0" : null);
        Assert.Equal(["kvm full blk0 ×2", "vm2/net0 ×1"], groups.Select(g => g.Device).ToArray());
        var blk = groups[0];
        Assert.Equal(400, blk.Requests);
        Assert.Equal(2_000, blk.Iops);                                // (1,000 + 3,000) / 2 devices
        Assert.Equal((100 * 10e-6 + 300 * 30e-6) / 400, blk.LatencyMean, 12);
        Assert.Equal(90e-6, blk.LatencyP99);                          // the worst device
        Assert.Equal((100 * 1 + 300 * 3) / 400.0, blk.ExitsPerRequest, 12);
        Assert.Equal(6, blk.ExposedPagesMean);
        Assert.Equal(9, blk.ExposedPagesPeak);
    }

    [Fact]
    public void Many_guests_are_summarised_in_groups_on_the_console_and_every_device_stays_in_csv()
    {
        string file = Path.Combine(Path.GetTempPath(), $"grouped-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, Sim.Worlds.Benchmarks.ScaleScenarios.Platform(10, 64UL << 20, 5));
        try
        {
            string outDir = Path.Combine(Path.GetTempPath(), $"grouped-out-{Guid.NewGuid():N}");
            var table = CliHarness.Run("run", file, "--out", outDir);
            Assert.Equal(ExitCodes.Ok, table.ExitCode);
            Assert.Contains("kvm full blk0 ×5", table.Output);
            Assert.Contains("xen grant-map net0 ×5", table.Output);
            Assert.Contains("20 devices in groups", table.Output);
            Assert.DoesNotContain("vm3/blk0", table.Output);
            var csv = CliHarness.Run("run", file, "--out", outDir, "--format", "csv");
            Assert.Equal(ExitCodes.Ok, csv.ExitCode);
            Assert.Contains("vm3/blk0", csv.Output);
            Assert.DoesNotContain("×5", csv.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
