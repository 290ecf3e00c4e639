using Sim.Scenarios.Loading;
using System.Text.Json;
using Sim.Worlds.Results;
using Sim.Studies;

using Sim.Scenarios.Model;

namespace Sim.Studies.Comparing;

/// <summary>
/// Reads one comparison argument: a <c>results.json</c> file, or a directory holding one, written by <c>sim run</c>
/// (format <c>virtiosim-results/1</c>: one item, labelled by its directory or file name), by <c>sim sweep</c> (format
/// <c>virtiosim-study/1</c>: one item per point, labelled <c>NAME#index (label)</c>), or one of a sweep's run records
/// (<c>runs/p0001-r002.json</c>, format <c>virtiosim-run/1</c>: one item, labelled <c>NAME#1 r2 (label)</c> after
/// its study's directory). A run (or run record) is split into its guests, variants or devices by
/// <see cref="ComparisonArgument.Selectors"/> or a <see cref="WithinLevel"/> (<see cref="RunItems"/>); a study's
/// selectors are point indices.
/// </summary>
public static class ComparisonSource
{
    /// <summary>The file name looked for in a directory argument.</summary>
    public const string FileName = "results.json";

    /// <summary>
    /// The items of <paramref name="path"/>, whole; for a study only the points in <paramref name="points"/> when given.
    /// Throws <see cref="ComparisonInputException"/> for a missing file, unreadable JSON or an unknown format.
    /// </summary>
    public static LoadedResults Load(string path, IReadOnlyCollection<int>? points = null) =>
        Load(new ComparisonArgument(path, path, []), points, null);

    /// <summary>
    /// The items of <paramref name="argument"/>: a study's points (its selectors, else <paramref name="points"/>, else
    /// all); a run's parts named by its selectors, else every part at <paramref name="within"/> when given, else the
    /// whole run. Throws <see cref="ComparisonInputException"/> naming the argument for anything it cannot use.
    /// </summary>
    public static LoadedResults Load(ComparisonArgument argument, IReadOnlyCollection<int>? points, WithinLevel? within)
    {
        string path = argument.Path;
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
        return Parse(text, file, LabelOf(path), points, argument.Selectors, within);
    }

    /// <summary>
    /// The items of the results text <paramref name="json"/> read from <paramref name="source"/>, labelled with
    /// <paramref name="name"/> (see <see cref="Load(ComparisonArgument, IReadOnlyCollection{int}?, WithinLevel?)"/>).
    /// </summary>
    public static LoadedResults Parse(string json, string source, string name, IReadOnlyCollection<int>? points = null,
        IReadOnlyList<string>? selectors = null, WithinLevel? within = null)
    {
        selectors ??= [];
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
                    ResultsJson.Format => Run(root, name, source, selectors, within),
                    RunRecord.Format => Run(root.GetProperty("results"), RecordLabel(root, name), source, selectors, within),
                    StudyResultsJson.Format => new LoadedResults(source, true,
                        StudyResultsReading.Items(root, name, source, selectors.Count > 0 ? PointIndices(source, selectors) : points), Selected(root)),
                    _ => throw new ComparisonInputException(
                        $"{source}: unknown format {(format is null ? "(no 'format' field)" : $"'{format}'")}; " +
                        $"expected '{ResultsJson.Format}' (sim run), '{StudyResultsJson.Format}' (sim sweep) or '{RunRecord.Format}' (a sweep's run record)"),
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
        if (Path.GetFileName(full) == FileName && parent is not null && Path.GetFileName(parent).Length > 0) return Path.GetFileName(parent);
        // A sweep's run record (DIR/runs/p0001-r002.json) is named after its study's directory.
        if (parent is not null && Path.GetFileName(parent) == StudyRunner.RunsDirectory && Path.GetDirectoryName(parent) is { } study && Path.GetFileName(study).Length > 0)
            return Path.GetFileName(study);
        return Path.GetFileName(full);
    }

    private static LoadedResults Run(JsonElement results, string name, string source, IReadOnlyList<string> selectors, WithinLevel? within) =>
        new(source, false,
            selectors.Count > 0 ? RunItems.Select(results, name, source, selectors)
            : within is { } level ? RunItems.Within(results, name, source, level)
            : RunItems.Whole(results, name, source),
            []);

    /// <summary>A run record's label: its study's name, <c>#point rREPLICATION</c>, and the point's parameter values.</summary>
    private static string RecordLabel(JsonElement root, string name)
    {
        string label = $"{name}#{root.GetProperty("point").GetInt32()} r{root.GetProperty("replication").GetInt32()}";
        var values = root.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object
            ? p.EnumerateObject().Select(v => $"{v.Name}={(v.Value.ValueKind == JsonValueKind.String ? v.Value.GetString() : v.Value.GetRawText())}").ToList()
            : [];
        return values.Count == 0 ? label : $"{label} ({string.Join(", ", values)})";
    }

    private static IReadOnlyCollection<int> PointIndices(string source, IReadOnlyList<string> selectors) =>
        selectors.Select(s => int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int i)
            ? i
            : throw new ComparisonInputException($"{source}#{s}: a study's items are its points; expected a point index after '#' (e.g. #0,3)")).ToList();

    private static IReadOnlyList<string> Selected(JsonElement root) =>
        root.TryGetProperty("selected", out var s) && s.ValueKind == JsonValueKind.Array
            ? s.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
}
