using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using System.Text.Json;
using Sim.Worlds.Results;
using Sim.Studies;

namespace Sim.Cli.Output;

/// <summary>
/// Keeps <c>sim run</c> and <c>sim sweep</c> out of each other's output directories. Both write a <c>results.json</c>
/// (a run's is <c>virtiosim-results/1</c>, a study's <c>virtiosim-study/1</c>); their default directories differ
/// (<c>out/NAME/</c> and <c>out/NAME/sweep/</c>), and when an <c>--out</c> names a directory that holds the other's
/// results (or a results.json of no known format), the command refuses it instead of replacing them.
/// </summary>
internal static class ResultsFolder
{
    /// <summary>Whether <c>sim run</c> may write into <paramref name="directory"/>; false after writing the error.</summary>
    public static bool AcceptsRun(string option, string directory, TextWriter error)
    {
        if (Directory.Exists(Path.Combine(directory, StudyRunner.RunsDirectory)))
            return Refuse(error, option, directory, $"holds the runs of a study ({StudyRunner.RunsDirectory}/, written by 'sim sweep')");
        return Accepts(option, directory, ResultsJson.Format, "a run", error);
    }

    /// <summary>How errors name the output directory's option: <c>--out</c> when given, <c>--out (default)</c> when not.</summary>
    public static string OutOption(DirectoryInfo? given) => given is null ? "--out (default)" : "--out";

    /// <summary>
    /// The output directory of a command that runs a study into it (<c>sim sweep</c>, or a sensitivity or robustness
    /// analysis writing results of <paramref name="format"/>): <paramref name="given"/> (<c>--out</c>) or
    /// <paramref name="defaultPath"/>, prepared, refused when it holds another command's results, and with its runs
    /// discarded first when <paramref name="fresh"/>; null after writing the error.
    /// </summary>
    public static string? ForStudy(DirectoryInfo? given, string defaultPath, string format, bool fresh, TextWriter error)
    {
        string option = OutOption(given);
        string? directory = OutputLocation.PrepareDirectory(option, given?.ToString() ?? defaultPath, error);
        if (directory is null || !Accepts(option, directory, format, format == StudyResultsJson.Format ? "a study" : "this analysis", error)) return null;
        string runs = Path.Combine(directory, StudyRunner.RunsDirectory);
        if (fresh && Directory.Exists(runs)) Directory.Delete(runs, recursive: true);
        return directory;
    }

    private static bool Accepts(string option, string directory, string format, string whose, TextWriter error)
    {
        string path = Path.Combine(directory, "results.json");
        if (!File.Exists(path)) return true;
        string? found = FormatOf(path);
        if (found == format) return true;
        string what = found switch
        {
            ResultsJson.Format => "the results of 'sim run'",
            StudyResultsJson.Format => "the results of 'sim sweep'",
            Studies.Uncertainty.SensitivityOutputs.Format => "the results of 'sim sensitivity'",
            Studies.Uncertainty.RobustnessOutputs.Format => "the results of 'sim robustness'",
            null => "a results.json that is not a VirtioSim results file",
            _ => $"a results.json of format '{found}'",
        };
        return Refuse(error, option, directory, $"holds {what} ({path}), which the results of {whose} would replace");
    }

    /// <summary>The <c>format</c> of the results file at <paramref name="path"/>; null when it is unreadable or has none.</summary>
    private static string? FormatOf(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String
                ? format.GetString()
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static bool Refuse(TextWriter error, string option, string directory, string problem)
    {
        error.WriteLine($"error: {option} {directory}: {problem}; expected a directory of its own (another --out)");
        return false;
    }
}
