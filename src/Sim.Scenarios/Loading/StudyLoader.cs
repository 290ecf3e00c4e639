using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Loads a scenario file as a <see cref="Study"/>: reads it as written, then, for each point of its sweep, puts that
/// point's values into the document at their paths and reads it again, so every point is validated like any scenario
/// before anything runs. A value that does not fit its place (wrong type, out of range) is an error located at the
/// value in the sweep (or at its range); a path that leads nowhere is an error at the path. A key the path adds that
/// the scenario does not know is reported at the path, as an unknown key with the nearest valid one.
/// </summary>
public static class StudyLoader
{
    /// <summary>Reads the study in the file at <paramref name="path"/>; bad input throws a located <see cref="ScenarioException"/>.</summary>
    public static Study LoadFile(string path) => LoadFile(path, []);

    /// <summary>As <see cref="LoadFile(string)"/>, with <paramref name="overrides"/> (<see cref="ScenarioOverrides"/>) put into the document first.</summary>
    public static Study LoadFile(string path, IReadOnlyList<KeyValuePair<string, string>> overrides)
    {
        ArgumentNullException.ThrowIfNull(path);
        return LoadText(ScenarioLoader.ReadText(path), path, overrides);
    }

    /// <summary>Reads the study in <paramref name="yaml"/>, named <paramref name="fileName"/> in errors.</summary>
    public static Study LoadText(string yaml, string fileName) => LoadText(yaml, fileName, []);

    /// <summary>As <see cref="LoadText(string, string)"/>, with <paramref name="overrides"/> put into the document first.</summary>
    public static Study LoadText(string yaml, string fileName, IReadOnlyList<KeyValuePair<string, string>> overrides) =>
        LoadText(yaml, fileName, overrides, ScenarioFiles.Disk(fileName));

    /// <summary>
    /// As <see cref="LoadText(string, string, IReadOnlyList{KeyValuePair{string, string}})"/>, with the files the
    /// scenario names read from <paramref name="files"/> (a cluster worker serves them from the texts it was sent).
    /// </summary>
    public static Study LoadText(string yaml, string fileName, IReadOnlyList<KeyValuePair<string, string>> overrides, ScenarioFiles files)
    {
        if (overrides.Count == 0) return Load(yaml, fileName, overrides, files);
        try
        {
            return Load(yaml, fileName, overrides, files);
        }
        catch (ScenarioException error)
        {
            throw ScenarioOverrides.Relocate(error, yaml, fileName, overrides);
        }
    }

    private static Study Load(string yaml, string fileName, IReadOnlyList<KeyValuePair<string, string>> overrides, ScenarioFiles files)
    {
        NodeReader document = ScenarioLoader.Parse(yaml, fileName);
        if (overrides.Count > 0) ScenarioOverrides.Apply((YamlMappingNode)document.Node, yaml, fileName, overrides);
        ScenarioModel scenario = ScenarioLoader.Read(document, fileName, files: files) with { Overrides = overrides.Count > 0 ? overrides : null };
        var (declaration, bindings) = StudyDeclarationReader.Read(new NodeReader(document.Node, fileName, "").AsMapping());
        var root = (YamlMappingNode)document.Node;
        var slots = bindings.Select(b => b.Places.Select(place => (Slot: place.Path.Resolve(root, place.At), place.At)).ToList()).ToList();

        var points = new List<StudyPoint>();
        foreach (int[] choice in Combinations(declaration.Combination, bindings.Select(b => b.Values.Count).ToList()))
        {
            var undo = new List<Action>();
            try
            {
                for (int p = 0; p < bindings.Count; p++)
                {
                    foreach (var (slot, at) in slots[p])
                        undo.Add(slot.Put(bindings[p].Values[choice[p]], () => YamlSource.ParseAt(slot.Key, fileName, at.Line, at.Column)));
                }
                ScenarioModel model = bindings.Count == 0 ? scenario : ScenarioLoader.Read(new NodeReader(root, fileName, ""), fileName, files: files);
                var values = bindings.Select((b, p) => b.Parameter.Values[choice[p]]).ToList();
                points.Add(new StudyPoint(points.Count, values, model with { Study = declaration, Overrides = scenario.Overrides }));
            }
            finally
            {
                for (int u = undo.Count - 1; u >= 0; u--) undo[u]();
            }
        }
        return new Study(scenario with { Study = declaration }, yaml, declaration, points) { Files = files.Read };
    }

    /// <summary>The value index of each parameter, point by point: a grid (last parameter fastest) or a zip.</summary>
    private static IEnumerable<int[]> Combinations(SweepCombination combination, IReadOnlyList<int> counts)
    {
        if (counts.Count == 0)
        {
            yield return [];
            yield break;
        }
        if (combination == SweepCombination.Zip)
        {
            for (int i = 0; i < counts[0]; i++) yield return Enumerable.Repeat(i, counts.Count).ToArray();
            yield break;
        }
        var index = new int[counts.Count];
        while (true)
        {
            yield return (int[])index.Clone();
            int digit = counts.Count - 1;
            while (digit >= 0 && ++index[digit] == counts[digit]) index[digit--] = 0;
            if (digit < 0) yield break;
        }
    }
}
