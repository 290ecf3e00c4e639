using System.Diagnostics;
using System.Globalization;

namespace Sim.Devices.Tests.Iommu;

/// <summary>
/// Compiles <c>Iommu/linux_virtio_iommu_golden.c</c> (copied next to the test assembly) with gcc against
/// /usr/include/linux in a temporary directory, runs it once per test run and parses its <c>key=value</c> lines.
/// gcc is required: without it the golden test fails with <see cref="GccMissing"/> rather than pass silently.
/// </summary>
internal static class IommuGoldenProgram
{
    public const string GccMissing = "gcc is required for the golden tests: install it (apt-get install gcc) or run ./test.sh";
    private const string SourceName = "linux_virtio_iommu_golden.c";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<IReadOnlyList<KeyValuePair<string, ulong>>> LazyLines = new(Load);

    /// <summary>Every printed line, in order.</summary>
    public static IReadOnlyList<KeyValuePair<string, ulong>> Lines => LazyLines.Value;

    private static IReadOnlyList<KeyValuePair<string, ulong>> Load()
    {
        string gcc = FindOnPath("gcc") ?? throw new Xunit.Sdk.XunitException(GccMissing);
        string source = Path.Combine(AppContext.BaseDirectory, "Iommu", SourceName);
        if (!File.Exists(source)) throw new Xunit.Sdk.XunitException($"{source} is missing: the test project must copy Iommu/*.c to its output");
        string directory = Directory.CreateTempSubdirectory("virtiosim-iommu-golden-").FullName;
        try
        {
            string executable = Path.Combine(directory, "linux_virtio_iommu_golden");
            var (buildExit, buildOut) = Run(gcc, ["-std=gnu11", "-O0", "-Wall", "-Wextra", "-Werror", "-o", executable, source]);
            if (buildExit != 0) throw new Xunit.Sdk.XunitException($"gcc could not build {SourceName} (exit {buildExit}):\n{buildOut}");
            var (exit, output) = Run(executable, []);
            if (exit != 0) throw new Xunit.Sdk.XunitException($"{SourceName} exited with {exit}:\n{output}");
            var lines = new List<KeyValuePair<string, ulong>>();
            int number = 0;
            foreach (string text in output.Split('\n'))
            {
                number++;
                if (text.Length == 0) continue;
                int equals = text.IndexOf('=');
                if (equals <= 0 || !ulong.TryParse(text.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
                    throw new Xunit.Sdk.XunitException($"{SourceName} line {number} is not 'key=decimal': '{text}'");
                lines.Add(KeyValuePair.Create(text[..equals], value));
            }
            return lines;
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { /* a leftover temp directory is harmless */ }
        }
    }

    private static (int Exit, string Output) Run(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new Xunit.Sdk.XunitException($"could not start {file}");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{file} did not finish within {Timeout.TotalSeconds} s");
        }
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static string? FindOnPath(string name)
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
