using Sim.Scenarios.Loading;
using Sim.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

using Sim.Scenarios.Model;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Values set on the command line for one run, as OMNeT++'s <c>--param</c> and gem5's command-line overrides let users
/// do: <c>--set PATH=VALUE</c>, the path written as a study's (<see cref="SweepPath"/>: keys joined by '.', list items
/// by name or index), the value as YAML (so <c>16</c>, <c>4KiB</c>, <c>grant-map</c>, <c>[1, 2]</c>). Each is put into
/// the scenario document before it is read, so it is checked like anything written in the file; a path that leads
/// nowhere or a value that does not fit is an error naming the option (<c>--set PATH=VALUE:1:COLUMN</c>). The overrides
/// are recorded in the run's results.
/// </summary>
public static class ScenarioOverrides
{
    /// <summary>The (path, value) pairs of <paramref name="settings"/> (each <c>PATH=VALUE</c>); a malformed one is a located error.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(IEnumerable<string> settings)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (string setting in settings)
        {
            int equals = setting.IndexOf('=');
            if (equals <= 0 || equals == setting.Length - 1)
                throw new ScenarioException(Where(setting), 1, 1, $"'{setting}' is not PATH=VALUE; expected e.g. --set guests.xen.devices.blk0.workload.queueDepth=16");
            pairs.Add(KeyValuePair.Create(setting[..equals].Trim(), setting[(equals + 1)..].Trim()));
        }
        return pairs;
    }

    /// <summary>
    /// Puts every override into the document <paramref name="root"/> of <paramref name="file"/> (in order; a later one
    /// wins). Override <c>i</c>'s nodes are placed on line <see cref="LineOf"/>(<paramref name="yaml"/>, i), past the
    /// file's end, so an error the loader finds in one is reported at the option (<see cref="Relocate"/>).
    /// </summary>
    internal static void Apply(YamlMappingNode root, string yaml, string file, IReadOnlyList<KeyValuePair<string, string>> overrides)
    {
        for (int i = 0; i < overrides.Count; i++)
        {
            var (path, value) = overrides[i];
            string where = Where($"{path}={value}");
            var at = new NodeReader(YamlSource.ParseAt(path, where, 1, 1), where, "--set");
            var slot = SweepPath.Parse(at).Resolve(root, at);
            int line = LineOf(yaml, i);
            YamlNode node = YamlSource.ParseAt(value, file, line, path.Length + 2);
            slot.Put(node, () => YamlSource.ParseAt(slot.Key, file, line, 1));
        }
    }

    /// <summary>
    /// <paramref name="error"/> as the option that caused it when it is located in an override's nodes (past the end of
    /// <paramref name="yaml"/>), else unchanged.
    /// </summary>
    internal static ScenarioException Relocate(ScenarioException error, string yaml, string file, IReadOnlyList<KeyValuePair<string, string>> overrides)
    {
        if (error.File != file) return error;
        int index = error.Line - LineOf(yaml, 0);
        if (index < 0 || index >= overrides.Count) return error;
        var (path, value) = overrides[index];
        return new ScenarioException(Where($"{path}={value}"), 1, error.Column, error.Problem, error);
    }

    /// <summary>The line override <paramref name="index"/>'s nodes are placed on: past the last line of <paramref name="yaml"/>.</summary>
    private static int LineOf(string yaml, int index) => yaml.Count(c => c == '\n') + 2 + index;

    private static string Where(string setting) => $"--set {setting}";
}
