namespace Sim.Cli.Output;

/// <summary>
/// Checks and prepares an output path given on the command line (<c>--out DIR</c>, <c>--html FILE</c>,
/// <c>--trace FILE</c>) before anything runs, so that a run never ends in an exception over where its results go.
/// The rules, the same for every command:
/// <list type="bullet">
/// <item>An output directory (<c>run --out</c>, <c>sweep --out</c>) may exist or not; a missing one is created with its
/// missing parents (as <c>out/&lt;name&gt;/</c> always was). A path that is an existing file is refused: it is never
/// replaced by a directory.</item>
/// <item>An output file (<c>explain --html</c>, <c>fidelity --html</c>, <c>run --trace</c>, <c>bench virtqueue
/// --trace</c>) may exist, and is then replaced (it is the file asked for); its missing parent directories are created.
/// A path that is an existing directory is refused.</item>
/// <item>A place that cannot be written (a read-only directory, <c>/proc</c>, a parent that is a file) is refused,
/// naming the option, the path and the reason.</item>
/// </list>
/// Every refusal is one line, <c>error: --option PATH: problem; expected ...</c>, and exit 2; nothing is written.
/// </summary>
internal static class OutputLocation
{
    /// <summary>
    /// The full path of the output directory <paramref name="path"/> of <paramref name="option"/>, created if missing and
    /// checked writable; null after writing the error.
    /// </summary>
    public static string? PrepareDirectory(string option, string path, TextWriter error)
    {
        string full = Path.GetFullPath(path);
        if (File.Exists(full))
            return Refuse(error, option, path, "is an existing file; expected a directory to write the results into (it is never replaced by one)");
        return MakeWritableDirectory(option, path, full, error) ? full : null;
    }

    /// <summary>
    /// The full path of the output file <paramref name="path"/> of <paramref name="option"/>, its parent directory created
    /// if missing and checked writable (an existing file is checked too, and left as it is); null after writing the error.
    /// </summary>
    public static string? PrepareFile(string option, string path, TextWriter error)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full) || path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar))
            return Refuse(error, option, path, "is a directory; expected the name of a file to write");
        string parent = Path.GetDirectoryName(full) ?? full;
        if (!MakeWritableDirectory(option, path, parent, error)) return null;
        if (File.Exists(full))
        {
            try
            {
                // Opened for writing, not truncated: the file is unchanged until the command writes it for real.
                using var probe = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Refuse(error, option, path, $"cannot be written{Reason(e)}; expected a writable file");
            }
        }
        return full;
    }

    /// <summary>Writes the error of a failure to write <paramref name="path"/> after the checks passed (e.g. the disk filled up).</summary>
    public static void ReportWriteFailure(string option, string path, Exception failure, TextWriter error) =>
        Refuse(error, option, path, $"could not be written ({failure.Message.TrimEnd('.')}); expected a writable place");

    /// <summary>Whether <paramref name="failure"/> is a failure to write a file, which a command reports as bad output input.</summary>
    public static bool IsWriteFailure(Exception failure) => failure is IOException or UnauthorizedAccessException;

    private static bool MakeWritableDirectory(string option, string path, string directory, TextWriter error)
    {
        if (FirstFileAmongParents(directory) is { } file)
        {
            Refuse(error, option, path, $"{file} is a file, not a directory; expected a path whose parents are directories");
            return false;
        }
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Refuse(error, option, path, $"the directory {directory} cannot be created{Reason(e)}; expected a place where it can be");
            return false;
        }
        try
        {
            // An empty file that is gone when closed: the only way to know that the results can be written there.
            string probe = Path.Combine(directory, $".virtiosim-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Refuse(error, option, path, $"no file can be created in {directory}{Reason(e)}; expected a writable directory");
            return false;
        }
    }

    /// <summary>The first existing ancestor (or the path itself) of <paramref name="directory"/> that is a file; null when none.</summary>
    private static string? FirstFileAmongParents(string directory)
    {
        for (string? at = directory; at is not null; at = Path.GetDirectoryName(at))
        {
            if (File.Exists(at)) return at;
            if (Directory.Exists(at)) return null;
        }
        return null;
    }

    /// <summary>" (permission denied)" when that is the reason; the system's other messages name our probe, not the user's path.</summary>
    private static string Reason(Exception e) => e is UnauthorizedAccessException ? " (permission denied)" : "";

    private static string? Refuse(TextWriter error, string option, string path, string problem)
    {
        error.WriteLine($"error: {option} {path}: {problem}");
        return null;
    }
}
