using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sim.Distributed.Tests;

/// <summary>
/// A <c>dotnet sim.dll ...</c> process, with the sim.dll built beside the tests (same configuration). Its error stream
/// is kept line by line; disposing kills it if it still runs.
/// </summary>
internal sealed partial class SimProcess : IDisposable
{
    private readonly Process _process;
    private readonly SemaphoreSlim _changed = new(0);

    public SimProcess(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sim.dll"));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        _process = new Process { StartInfo = start };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) Lines.Enqueue(e.Data);
            _changed.Release(); // a line, or the end of the stream
        };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) Output.Enqueue(e.Data); };
        _process.Start();
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    /// <summary>The error stream's lines so far.</summary>
    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>The output stream's lines so far.</summary>
    public ConcurrentQueue<string> Output { get; } = new();

    /// <summary>The error stream so far, as one text.</summary>
    public string Error => string.Join('\n', Lines);

    /// <summary>Waits until a line of the error stream satisfies <paramref name="match"/>; false after <paramref name="timeout"/> or when the process ended.</summary>
    public bool WaitForLine(Func<string, bool> match, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Lines.Any(match))
        {
            if (_process.HasExited || clock.Elapsed >= timeout) return Lines.Any(match);
            _changed.Wait(TimeSpan.FromMilliseconds(500)); // woken by each line; the bound only rechecks the exit
        }
        return true;
    }

    /// <summary>The exit code, waiting at most <paramref name="timeout"/>; null when it still runs.</summary>
    public int? Exit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return null;
        _process.WaitForExit(); // the streams are drained
        return _process.ExitCode;
    }

    /// <summary>Kills the process at once (SIGKILL), as a crashed node.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Sends SIGINT, as Ctrl+C in the process's terminal would.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -INT {_process.Id} exited {kill.ExitCode}");
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        _changed.Dispose();
    }

    /// <summary>The runs recorded that a sweep's progress line (<c>name: 3/16 runs, ...</c>) reports; -1 for another line.</summary>
    public static int RunsDone(string line) => ProgressLine().Match(line) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;

    [System.Text.RegularExpressions.GeneratedRegex(@": (\d+)/\d+ runs")]
    private static partial System.Text.RegularExpressions.Regex ProgressLine();

    /// <summary>A TCP port free on 127.0.0.1 now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
