using System.Text;

namespace Sim.Cli.Tests.Golden;

/// <summary>
/// The checked-in hashes file (<c>golden-hashes.txt</c>): a header of <c>#</c> comment lines, then one line per
/// artefact, <c>sha256  kind  path</c>, in the order the artefacts are produced. Read from the copy beside the test
/// binaries; written (when regenerating) to the source file in the repository.
/// </summary>
internal static class GoldenTable
{
    /// <summary>The file's name, beside this source file and copied to the test output directory.</summary>
    public const string FileName = "golden-hashes.txt";

    /// <summary>The environment variable that, set to 1, makes the golden test rewrite the file instead of comparing.</summary>
    public const string WriteVariable = "VIRTIOSIM_WRITE_GOLDEN";

    /// <summary>The header every written file opens with.</summary>
    private static readonly string[] Header =
    [
        "# Golden hashes of the simulator's output (tests/Sim.Cli.Tests/Golden/GoldenOutputTests.cs): SHA-256 of the exact",
        "# text of every shipped scenario's results.json (sim run, shortened to 20 ms), of run (point 0, replication 0) of",
        "# every study, and of every teaching scenario's `sim explain` narration (100 columns) and step-through page.",
        "# A line: sha256  kind  path. The test fails, listing every differing or missing artefact, when an output changes.",
        "#",
        "# Regenerate: VIRTIOSIM_WRITE_GOLDEN=1 dotnet test -c Release --no-build tests/Sim.Cli.Tests --filter FullyQualifiedName~GoldenOutputTests",
        "# Update only together with a note of why the figures changed, in the commit message and the issue's closing note;",
        "# a refactor that must not change any figure must leave this file as it is.",
    ];

    /// <summary>The checked-in hashes by key (<c>kind  path</c>), from the copy in the test output directory.</summary>
    public static IReadOnlyDictionary<string, string> Read()
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Golden", FileName)))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            int gap = line.IndexOf("  ", StringComparison.Ordinal);
            if (gap < 0) throw new InvalidDataException($"{FileName}: expected 'sha256  kind  path', got '{line}'");
            table[line[(gap + 2)..]] = line[..gap];
        }
        return table;
    }

    /// <summary>Whether the test should rewrite the file (<see cref="WriteVariable"/> is 1).</summary>
    public static bool Regenerating => Environment.GetEnvironmentVariable(WriteVariable) == "1";

    /// <summary>Rewrites the source file (and its copy in the output directory) with <paramref name="artefacts"/>' hashes; returns the source path.</summary>
    public static string Write(IEnumerable<GoldenArtefact> artefacts)
    {
        var text = new StringBuilder();
        foreach (string line in Header) text.Append(line).Append('\n');
        foreach (var artefact in artefacts) text.Append(artefact.Sha256).Append("  ").Append(artefact.Key).Append('\n');
        string source = Path.Combine(CliHarness.RepositoryRoot(), "tests", "Sim.Cli.Tests", "Golden", FileName);
        File.WriteAllText(source, text.ToString());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "Golden", FileName), text.ToString());
        return source;
    }
}
