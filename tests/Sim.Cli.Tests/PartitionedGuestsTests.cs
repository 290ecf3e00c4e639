using Sim.Core.Running;
using Sim.Scenarios.Loading;
using Sim.Tests.Shared;
using Sim.Worlds.Benchmarks;
using Sim.Worlds.Running;

namespace Sim.Cli.Tests;

/// <summary>
/// Independent guests, and interconnect variants, run as partitions of their own (issue 21) give exactly the results of
/// the same world run as one logical process: every metric's summary, every finding and the outcome, on shipped
/// scenarios with several guests or variants (one with a host section per variant) and on the scale benchmark's mixed
/// KVM/Xen world.
/// </summary>
public sealed class PartitionedGuestsTests
{
    public static TheoryData<string> Worlds => new()
    {
        "scenarios/quickstart.yaml",
        "scenarios/sharing/window-vs-full.yaml",
        "scenarios/network/str68-host-to-vm-latency.yaml",
        "scenarios/transport/reset-mid-run.yaml",
        "scenarios/interconnect/four-vms-display.yaml",
        "scenarios/interconnect/secure-vm-priority.yaml",
        "cockpit-cores with a second variant",
        "scenarios/transport/split-vs-packed.yaml",
        "scale",
    };

    [Theory]
    [MemberData(nameof(Worlds))]
    public void Guests_as_partitions_give_the_results_of_one_process(string world)
    {
        var scenario = world switch
        {
            "scale" => ScenarioLoader.LoadText(ScaleScenarios.Platform(6, 1UL << 30, 20), "scale.yaml"),
            // A host section with two variants: each variant's cores go into its partition.
            "cockpit-cores with a second variant" => ScenarioLoader.LoadText(
                File.ReadAllText(RepositoryPaths.Of("scenarios/automotive/cockpit-cores.yaml"))
                    .Replace("    - { name: priority, policy: { priority: cluster, of: icc } }\n", "    - { name: priority, policy: { priority: cluster, of: icc } }\n    - icc\n", StringComparison.Ordinal)
                    .Replace("duration: 1s", "duration: 200ms", StringComparison.Ordinal),
                "cockpit-cores.yaml"),
            _ => ScenarioLoader.LoadFile(RepositoryPaths.Of(world)),
        };
        var partitioned = ScenarioRunner.Build(scenario, partition: true);
        Assert.True(partitioned.PartitionCount > 1, $"{world} was not partitioned");
        Assert.Equal(Results(ScenarioRunner.Build(scenario, partition: false), scenario), Results(partitioned, scenario));
    }

    private static string Results(Simulation simulation, Sim.Scenarios.Model.ScenarioModel scenario)
    {
        var outcome = simulation.Run(new RunLimits(scenario.Duration, scenario.Warmup));
        var text = new System.Text.StringBuilder($"{outcome}\n");
        foreach (var (path, summary) in simulation.Metrics.SummarizeAll(outcome.SimulatedTime))
            text.Append($"{path} {string.Join(' ', summary.Values.Select(v => $"{v.Key}={v.Value:R}"))}\n");
        foreach (var finding in simulation.Findings) text.Append($"{finding}\n");
        return text.ToString();
    }
}
