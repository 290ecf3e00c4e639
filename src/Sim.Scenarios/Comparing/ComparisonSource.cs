using System.Text.Json;
using Sim.Scenarios.Results;
using Sim.Scenarios.Studies;

namespace Sim.Scenarios.Comparing;

/// <summary>
/// Reads one comparison argument: a <c>results.json</c> file, or a directory holding one, written by <c>sim run</c>
/// (format <c>virtiosim-results/1</c>: one item, labelled by its directory or file name) or by <c>sim sweep</c>
/// (format <c>virtiosim-study/1</c>: one item per point, labelled <c>NAME#index (label)</c>).
/// </summary>
public static class ComparisonSource
{
    /// <summary>The file name looked for in a directory argument.</summary>
    public const string FileName = "results.json";

    /// <summary>
    /// The items of <paramref name="path"/>; for a study only the points in <paramref name="points"/> when given.
    /// Throws <see cref="ComparisonInputException"/> for a missing file, unreadable JSON or an unknown format.
    /// </summary>
    public static LoadedResults Load(string path, IReadOnlyCollection<int>? points = null)
    {
        string file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        if (!File.Exists(file))
            throw new ComparisonInputException(Directory.Exists(path)
                ? $"{path}: no {FileName} in this directory (expected the output directory of 'sim run' or 'sim sweep')"
                : $"{path}: no such file or directory (expected a {FileName} or a directory holding one)");
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (IOException ex)
        {
            throw new ComparisonInputException($"{file}: cannot be read: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ComparisonInputException($"{file}: cannot be read: {ex.Message}", ex);
        }
        return Parse(text, file, LabelOf(path), points);
    }

    /// <summary>
    /// The items of the results text <paramref name="json"/> read from <paramref name="source"/>, labelled with
    /// <paramref name="name"/>; for a study only the points in <paramref name="points"/> when given.
    /// </summary>
    public static LoadedResults Parse(string json, string source, string name, IReadOnlyCollection<int>? points = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ComparisonInputException($"{source}: not valid JSON ({ex.Message}); expected a results.json of 'sim run' or 'sim sweep'", ex);
        }
        using (document)
        {
            var root = document.RootElement;
            string? format = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String
                ? f.GetString() : null;
            try
            {
                return format switch
                {
                    ResultsJson.Format => new LoadedResults(source, false, [new ComparedItem(name, source, RunResultsFlattening.Flatten(root))], []),
                    StudyResultsJson.Format => new LoadedResults(source, true, StudyResultsReading.Items(root, name, source, points), Selected(root)),
                    _ => throw new ComparisonInputException(
                        $"{source}: unknown format {(format is null ? "(no 'format' field)" : $"'{format}'")}; " +
                        $"expected '{ResultsJson.Format}' (sim run) or '{StudyResultsJson.Format}' (sim sweep)"),
                };
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new ComparisonInputException($"{source}: malformed '{format}' file: {ex.Message}", ex);
            }
        }
    }

    /// <summary>The label of an argument: a directory's name, or the name of the directory holding a results.json, else the file name.</summary>
    public static string LabelOf(string path)
    {
        string full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        if (Directory.Exists(full)) return Path.GetFileName(full);
        string? parent = Path.GetDirectoryName(full);
        return Path.GetFileName(full) == FileName && parent is not null && Path.GetFileName(parent).Length > 0
            ? Path.GetFileName(parent)
            : Path.GetFileName(full);
    }

    private static IReadOnlyList<string> Selected(JsonElement root) =>
        root.TryGetProperty("selected", out var s) && s.ValueKind == JsonValueKind.Array
            ? s.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
}
