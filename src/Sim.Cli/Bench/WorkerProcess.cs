using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sim.Cli.Bench;

/// <summary>
/// A <c>sim worker</c> process started by <c>sim bench cluster</c> with the same <c>dotnet</c> host and <c>sim.dll</c>
/// the bench runs from, listening at a port of its own on 127.0.0.1 so that the coordinator's events name it. Its error
/// stream is kept (shown when a pass fails); disposing kills it if it still runs.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;

    /// <summary>Starts <c>dotnet sim.dll worker --join JOIN --jobs 1 --listen 127.0.0.1:PORT</c>.</summary>
    public WorkerProcess(string join, int port)
    {
        Address = $"127.0.0.1:{port}";
        var (host, prefix) = Command();
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in prefix.Concat(["worker", "--join", join, "--jobs", "1", "--listen", Address])) start.ArgumentList.Add(arg);
        _process = new Process { StartInfo = start };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Lines.Enqueue(e.Data); };
        _process.OutputDataReceived += (_, _) => { };
        _process.Start();
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    /// <summary>HOST:PORT it listens at.</summary>
    public string Address { get; }

    /// <summary>Its error stream so far.</summary>
    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>Whether the coordinator's name for a node (<c>akka.tcp://virtiosim@HOST:PORT</c>) is this worker's.</summary>
    public bool Is(string node) => node.EndsWith("@" + Address, StringComparison.Ordinal);

    /// <summary>CPU time the process has used so far (user and system); null once it has exited.</summary>
    public TimeSpan? Cpu()
    {
        try
        {
            _process.Refresh();
            return _process.HasExited ? null : _process.TotalProcessorTime;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Kills it at once (SIGKILL), as a crashed node.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Its exit code, waiting at most <paramref name="timeout"/>; null when it still runs.</summary>
    public int? Exit(TimeSpan timeout) => _process.WaitForExit(timeout) ? _process.ExitCode : null;

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    /// <summary>
    /// How to start <c>sim</c> as this process was: the <c>dotnet</c> host running it (or, from a test host or an apphost,
    /// the one named by <c>DOTNET_HOST_PATH</c>, else <c>dotnet</c> on the PATH) with this <c>sim.dll</c>.
    /// </summary>
    private static (string Host, string[] Prefix) Command()
    {
        string simDll = typeof(WorkerProcess).Assembly.Location;
        string? self = Environment.ProcessPath;
        string host = self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? self
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return (host, [simDll]);
    }
}
