using System.Text.Json;
using Sim.Hypervisors.Platform;
using Sim.Scenarios.Loading;
using Sim.Worlds.Benchmarks;
using Sim.Worlds.Running;

namespace Sim.Cli.Tests;

/// <summary>
/// The worlds <c>sim bench scale</c> builds (issue 21) are the ones it claims to build, and its output has the figures
/// it names. No figure is checked against a bound: timing and memory are the benchmark's business.
/// </summary>
public sealed class BenchScaleTests
{
    [Fact]
    public void The_platform_world_is_half_kvm_full_mapping_and_half_xen_grant_map_each_with_blk_and_net()
    {
        var scenario = ScenarioLoader.LoadText(ScaleScenarios.Platform(4, 4UL << 30, 5), "scale.yaml");
        var guests = scenario.Transport!.Guests;
        Assert.Equal(4, guests.Count);
        Assert.All(guests, g => Assert.Equal(4UL << 30, g.MemoryBytes));
        Assert.All(guests, g => Assert.Equal(["blk0", "net0"], g.VirtioDevices.Select(d => d.Name).ToArray()));
        Assert.Equal(["kvm", "xen", "kvm", "xen"], guests.Select(g => g.Platform).ToArray());
        Assert.Equal(["full", "grant-map", "full", "grant-map"], guests.Select(g => g.VirtioDevices.First().Sharing.Mechanism).ToArray());
    }

    [Fact]
    public void A_full_mapping_of_a_4_gib_guest_exposes_every_page_and_a_grant_map_only_what_is_granted()
    {
        var scenario = ScenarioLoader.LoadText(ScaleScenarios.Platform(2, 4UL << 30, 5), "scale.yaml");
        var simulation = ScenarioRunner.Build(scenario);
        simulation.Run(new Sim.Core.Running.RunLimits(scenario.Duration, scenario.Warmup));
        var kvm = (ExposureMetric)simulation.Metrics.Find("vm0/blk0/exposure")!;
        var xen = (ExposureMetric)simulation.Metrics.Find("vm1/blk0/exposure")!;
        Assert.Equal(1 << 20, kvm.PagesNow);
        Assert.InRange(xen.PagesNow, 1, 1024);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(256)]
    public void The_bus_world_is_saturated_at_its_top_level_whatever_its_size(int vms)
    {
        var interconnect = ScenarioLoader.LoadText(ScaleScenarios.Bus(vms, 5), "bus.yaml").Interconnect!;
        Assert.Equal(vms, interconnect.Vms.Count);
        double scanout = interconnect.Vms.Sum(v => v.Display!.Width * 4.0 * v.Display.Height * v.Display.RefreshMillihertz / 1000);
        double top = interconnect.Levels[interconnect.Levels.Top].BytesPerSecond;
        Assert.True(scanout > top, $"scanout {scanout:N0} B/s does not saturate the top level {top:N0} B/s");
        Assert.Equal(400e6, top / vms, 6); // each VM's share of the top level is the same at every size
    }

    [Fact]
    public void Json_output_has_both_worlds_and_their_ratios()
    {
        var result = CliHarness.Run("bench", "scale", "--vms", "4", "--ram", "64MiB", "--duration-ms", "30", "--json");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("platform", root.GetProperty("shape").GetString());
        Assert.Equal(64L << 20, root.GetProperty("ramBytes").GetInt64());
        Assert.Equal(10, root.GetProperty("small").GetProperty("vms").GetInt32());
        Assert.Equal(4, root.GetProperty("large").GetProperty("vms").GetInt32());
        Assert.True(root.GetProperty("large").GetProperty("events").GetInt64() > 0);
        Assert.True(root.GetProperty("peakWorkingSetBytes").GetInt64() > 0);
    }

    [Theory]
    [InlineData("4GB")]
    [InlineData("6KiB")]
    [InlineData("0MiB")]
    public void A_bad_ram_size_is_refused_with_what_was_expected(string ram)
    {
        var result = CliHarness.Run("bench", "scale", "--ram", ram);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("expected a size such as 4GiB", result.Error);
    }
}
