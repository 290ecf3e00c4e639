using System.Diagnostics;

namespace Sim.Devices.Tests.Golden;

/// <summary>
/// A C program of this folder (copied next to the test assembly under Golden/), compiled with gcc against the Linux
/// UAPI headers into its own temporary directory, which <see cref="Dispose"/> deletes. gcc is required: without it the
/// golden tests fail with <see cref="GccMissing"/> rather than pass silently.
/// </summary>
internal sealed class GoldenCProgram : IDisposable
{
    /// <summary>The failure message when gcc is not on PATH.</summary>
    public const string GccMissing = "gcc is required for the golden tests: install it (apt-get install gcc) or run ./test.sh";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private GoldenCProgram(string directory, string executable)
    {
        Directory = directory;
        Executable = executable;
    }

    /// <summary>The temporary directory holding the executable; tests may put their input files here.</summary>
    public string Directory { get; }

    /// <summary>The compiled program.</summary>
    public string Executable { get; }

    /// <summary>Compiles <c>Golden/<paramref name="sourceName"/></c> with warnings as errors; fails the test if gcc is missing or the build fails.</summary>
    public static GoldenCProgram Compile(string sourceName)
    {
        string gcc = FindOnPath("gcc") ?? throw new Xunit.Sdk.XunitException(GccMissing);
        string source = Path.Combine(AppContext.BaseDirectory, "Golden", sourceName);
        if (!File.Exists(source)) throw new Xunit.Sdk.XunitException($"{source} is missing: the test project must copy Golden/*.c to its output");

        string directory = System.IO.Directory.CreateTempSubdirectory("virtiosim-golden-").FullName;
        string executable = Path.Combine(directory, Path.GetFileNameWithoutExtension(sourceName));
        var build = Run(gcc, ["-std=gnu11", "-O0", "-Wall", "-Wextra", "-Werror", "-o", executable, source]);
        if (build.ExitCode != 0)
        {
            System.IO.Directory.Delete(directory, recursive: true);
            throw new Xunit.Sdk.XunitException($"gcc could not build {sourceName} (exit {build.ExitCode}):\n{build.Stderr}{build.Stdout}");
        }
        return new GoldenCProgram(directory, executable);
    }

    /// <summary>Runs the program with <paramref name="arguments"/> and returns its exit code and output.</summary>
    public ProgramRun Run(params string[] arguments) => Run(Executable, arguments);

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory is harmless
        }
    }

    private static ProgramRun Run(string file, IEnumerable<string> arguments)
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
        return new ProgramRun(process.ExitCode, stdout, stderr.Result);
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

/// <summary>The outcome of running a program.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Stdout">Everything it printed on standard output.</param>
/// <param name="Stderr">Everything it printed on standard error.</param>
internal readonly record struct ProgramRun(int ExitCode, string Stdout, string Stderr);
