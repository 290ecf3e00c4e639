namespace Sim.Scenarios.Loading;

/// <summary>
/// The files a scenario names beside itself (today: a cost profile file, <c>costs: my-board.yaml</c>, relative to the
/// scenario): read from disk, or served from texts sent with the scenario (a cluster worker has no copy of them). Every
/// file read is kept, by the reference the scenario wrote, so that a study can send them on and hash them into its
/// identity (a changed profile file is another study).
/// </summary>
public sealed class ScenarioFiles
{
    private readonly string _scenarioFile;
    private readonly IReadOnlyDictionary<string, string>? _sent;
    private readonly SortedDictionary<string, string> _read = new(StringComparer.Ordinal);

    private ScenarioFiles(string scenarioFile, IReadOnlyDictionary<string, string>? sent)
    {
        _scenarioFile = scenarioFile;
        _sent = sent;
    }

    /// <summary>Files read from disk, relative to the directory of <paramref name="scenarioFile"/>.</summary>
    public static ScenarioFiles Disk(string scenarioFile) => new(scenarioFile, null);

    /// <summary>Files served from <paramref name="texts"/> (reference to text) only; a reference not among them is missing.</summary>
    public static ScenarioFiles Sent(string scenarioFile, IReadOnlyDictionary<string, string> texts) => new(scenarioFile, texts);

    /// <summary>Every file read so far: the reference as the scenario wrote it, and the text, in ordinal order of references.</summary>
    public IReadOnlyDictionary<string, string> Read => _read;

    /// <summary>
    /// The text of the file the scenario calls <paramref name="reference"/>, and where it is (for error messages); null
    /// when there is no such file. An unreadable file is a <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>.
    /// </summary>
    public (string Text, string Location)? Find(string reference)
    {
        string location = _sent is null
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(_scenarioFile)) ?? ".", reference)
            : $"{reference} (sent with {_scenarioFile})";
        string? text = _sent is null
            ? File.Exists(location) ? File.ReadAllText(location) : null
            : _sent.GetValueOrDefault(reference);
        if (text is null) return null;
        _read[reference] = text;
        return (text, location);
    }
}
