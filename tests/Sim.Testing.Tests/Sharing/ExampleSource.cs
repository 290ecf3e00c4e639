namespace Sim.Testing.Tests.Sharing;

/// <summary>Reads an example block of a test file and the guide (docs/sharing-properties.md) it must appear in.</summary>
internal static class ExampleSource
{
    private const string Begin = "// --- begin example ---\n", End = "// --- end example ---";

    /// <summary>The text between the begin and end markers of <paramref name="file"/>, line endings normalised.</summary>
    public static string Between(string file)
    {
        string source = File.ReadAllText(file).ReplaceLineEndings("\n");
        int begin = source.IndexOf(Begin, StringComparison.Ordinal), end = source.IndexOf(End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"{file} has no example block");
        return source[(begin + Begin.Length)..end];
    }

    /// <summary>The guide, found from a test file of this folder, line endings normalised.</summary>
    public static string Guide(string file) =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(file)!, "../../../docs/sharing-properties.md")).ReplaceLineEndings("\n");
}
