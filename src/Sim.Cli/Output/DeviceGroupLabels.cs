using Sim.Scenarios.Model;

namespace Sim.Cli.Output;

/// <summary>
/// The group each device of a scenario falls in when the summary gathers a large world's devices
/// (<see cref="Sim.Worlds.Results.DeviceGroups"/>): its guest's platform, its sharing mechanism and its name, e.g.
/// <c>xen grant-map net0</c>.
/// </summary>
internal static class DeviceGroupLabels
{
    /// <summary>Devices above this many are shown in groups on the console (every device stays in the results file and in <c>--format</c> output).</summary>
    public const int GroupAbove = 16;

    /// <summary>Each device path (<c>guest/device</c>) of <paramref name="model"/> and its group's label.</summary>
    public static IReadOnlyDictionary<string, string> Of(ScenarioModel model)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var guest in model.Transport?.Guests ?? [])
            foreach (var (name, sharing) in guest.VirtioDevices)
                labels[$"{guest.Name}/{name}"] = $"{guest.Platform} {sharing.Mechanism} {name}";
        return labels;
    }
}
