using System.CommandLine;
using Sim.Scenarios.Loading;
using Sim.Worlds.Benchmarks;
using Sim.Worlds.Results;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim bench scale [--vms N] [--ram SIZE] [--bus] [--duration-ms MS] [--json]</c> (issue 21): a small and a large
/// world of the same shape in one process (see <see cref="ScaleScenarios"/>): build time, heap, events per second,
/// wall per VM-simulated-second, their ratios, and the peak working set.
/// </summary>
internal static class BenchScaleCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var vms = new Option<int?>("--vms") { Description = "Guests in the large world (default 1000; 256 with --bus)." };
        var ram = new Option<string>("--ram") { Description = "Guest RAM per VM in the platform shape, e.g. 4GiB (default).", DefaultValueFactory = _ => "4GiB" };
        var bus = new Option<bool>("--bus") { Description = "Voting VMs with displays on a saturated interconnect instead of the platform shape." };
        var duration = new Option<int?>("--duration-ms") { Description = "Simulated milliseconds per world (default 100; 1000 with --bus)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        vms.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is < 2) r.AddError("--vms must be at least 2"); });
        duration.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is < 1) r.AddError("--duration-ms must be at least 1"); });
        var command = new Command("scale", "A small and a large world in one process: build time, memory, events/s, wall per VM-simulated-second.")
        {
            vms, ram, bus, duration, json,
        };
        command.SetAction(parse =>
        {
            if (MemorySizeText.TryParse(parse.GetValue(ram)!) is not { } ramBytes)
            {
                error.WriteLine($"error: --ram: expected a size such as 4GiB, 512MiB or 65536KiB (a multiple of 4 KiB, at most 1024GiB), found '{parse.GetValue(ram)}'");
                return ExitCodes.BadInput;
            }
            bool onBus = parse.GetValue(bus);
            var result = ScaleBenchmark.Measure(parse.GetValue(vms) ?? (onBus ? 256 : 1000), ramBytes, onBus,
                parse.GetValue(duration) ?? (onBus ? 1000 : 100), step => error.WriteLine($"bench scale: {step}"));
            output.Write(parse.GetValue(json) ? Json(result) : result.Text());
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Json(ScaleBenchmarkResult r) => CanonicalJsonWriter.Write(new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["benchmark"] = "scale",
        ["shape"] = r.Shape,
        ["ramBytes"] = r.RamBytes,
        ["small"] = Point(r.Small),
        ["large"] = Point(r.Large),
        ["eventRateRatio"] = Math.Round(r.EventRateRatio, 3),
        ["wallPerVmSecondRatio"] = Math.Round(r.WallPerVmSecondRatio, 3),
        ["peakWorkingSetBytes"] = r.PeakWorkingSetBytes,
    });

    private static Dictionary<string, object?> Point(ScalePoint p) => new(StringComparer.Ordinal)
    {
        ["vms"] = p.Vms,
        ["buildSeconds"] = Math.Round(p.BuildSeconds, 3),
        ["heapAfterBuildBytes"] = p.HeapAfterBuildBytes,
        ["runSeconds"] = Math.Round(p.RunSeconds, 3),
        ["simulatedSeconds"] = p.SimulatedSeconds,
        ["events"] = p.Events,
        ["eventsPerSecond"] = Math.Round(p.EventsPerSecond),
        ["wallPerVmSecond"] = Math.Round(p.WallPerVmSecond, 5),
        ["allocatedBytes"] = p.AllocatedBytes,
        ["collections"] = p.Collections,
    };
}
