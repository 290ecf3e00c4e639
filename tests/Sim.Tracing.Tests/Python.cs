using System.ComponentModel;
using System.Diagnostics;

namespace Sim.Tracing.Tests;

/// <summary>
/// Runs a script with Debian's python3 and its python3-msgpack (an independent MessagePack implementation).
/// /usr/bin/python3 is preferred over a python3 earlier on PATH (e.g. pyenv), which would not see Debian's module.
/// Missing python3 or msgpack fails the test with a pointer to ./test.sh, which installs both.
/// </summary>
internal static class Python
{
    private const string Install = "run ./test.sh, which installs python3 and python3-msgpack with apt-get (or: apt-get install python3-msgpack)";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string Interpreter => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/> and returns its standard output.</summary>
    public static string Run(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null");
        }
        catch (Win32Exception error)
        {
            Assert.Fail($"cannot start {Interpreter} ({error.Message}): {Install}");
            throw;
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{Interpreter} did not finish within {Timeout.TotalSeconds} s");
            }
            process.WaitForExit();
            string stderr = errors.GetAwaiter().GetResult();
            if (stderr.Contains("No module named 'msgpack'", StringComparison.Ordinal))
                Assert.Fail($"{Interpreter} has no msgpack module: {Install}");
            Assert.True(process.ExitCode == 0, $"{Interpreter} exited with {process.ExitCode}:\n{stderr}");
            return output.GetAwaiter().GetResult();
        }
    }
}
