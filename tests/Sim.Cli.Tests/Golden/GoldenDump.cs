namespace Sim.Cli.Tests.Golden;

/// <summary>
/// With <c>VIRTIOSIM_GOLDEN_DUMP=DIR</c>, the golden test also writes every artefact's text under DIR
/// (<c>DIR/kind/path</c>), so that two builds or two runs whose hashes differ can be diffed line by line.
/// </summary>
internal static class GoldenDump
{
    /// <summary>The environment variable naming the folder to write the texts to.</summary>
    public const string Variable = "VIRTIOSIM_GOLDEN_DUMP";

    /// <summary>Writes every artefact's text under the folder the variable names, if it is set; returns the folder or null.</summary>
    public static string? WriteIfAsked(IEnumerable<GoldenArtefact> artefacts)
    {
        string? folder = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(folder)) return null;
        foreach (var artefact in artefacts)
        {
            string path = Path.Combine(folder, artefact.Kind, artefact.Path + (artefact.Kind == "explain-page" ? ".html" : artefact.Kind == "explain-text" ? ".txt" : ".json"));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, artefact.Text);
        }
        return folder;
    }
}
