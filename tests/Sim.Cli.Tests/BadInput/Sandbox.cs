using System.Security.Cryptography;

namespace Sim.Cli.Tests.BadInput;

/// <summary>
/// A fresh directory for one bad-input case, holding the files a careless command could overwrite: a valid scenario
/// (<c>good.yaml</c>, a 1 ms queue), a run's output folder (<c>runout/results.json</c>), a sweep's
/// (<c>sweepout/results.json</c>, <c>sweepout/runs/</c>), a plain file (<c>afile.txt</c>) and an empty directory
/// (<c>adir/</c>). <see cref="Changed"/> lists the files that existed before and differ after.
/// </summary>
internal sealed class Sandbox
{
    /// <summary>The valid scenario every sandbox has as <c>good.yaml</c>: an M/M/1 queue for 1 ms.</summary>
    public const string GoodScenario = """
        name: good
        seed: 5
        duration: 1ms
        queueing:
          sources:
            - name: arrivals
              interarrival: { exponential: 10us }
              to: server
          servers:
            - name: server
              service: { exponential: 8us }
              to: sink
          sinks:
            - name: sink
        """;

    private readonly Dictionary<string, (byte[] Hash, DateTime Written)> _before = new(StringComparer.Ordinal);

    public Sandbox(IReadOnlyDictionary<string, string>? files)
    {
        Root = CliHarness.TempDirectory();
        Write("good.yaml", GoodScenario);
        Write("runout/results.json", """{ "format": "virtiosim-results/1", "scenario": "good" }""");
        Write("sweepout/results.json", """{ "format": "virtiosim-study/1", "scenario": "good" }""");
        Write("sweepout/runs/p0000-r00.json", "{}");
        Write("afile.txt", "not a directory\n");
        Directory.CreateDirectory(Path.Combine(Root, "adir"));
        foreach (var (name, text) in files ?? new Dictionary<string, string>()) Write(name, text);
        foreach (string file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
            _before[file] = (Hash(file), File.GetLastWriteTimeUtc(file));
    }

    /// <summary>The sandbox directory (what <c>{dir}</c> stands for).</summary>
    public string Root { get; }

    /// <summary><paramref name="text"/> with <c>{dir}</c> replaced by the sandbox's path.</summary>
    public string Expand(string text) => text.Replace("{dir}", Root, StringComparison.Ordinal);

    /// <summary>The files that existed before the case and were modified or deleted by it.</summary>
    public IReadOnlyList<string> Changed() => _before
        .Where(f => !File.Exists(f.Key) || File.GetLastWriteTimeUtc(f.Key) != f.Value.Written || !Hash(f.Key).SequenceEqual(f.Value.Hash))
        .Select(f => f.Key).ToList();

    /// <summary>results.json files that were not there before (a bad input must produce none).</summary>
    public IReadOnlyList<string> NewResults() => Directory.EnumerateFiles(Root, "results.json", SearchOption.AllDirectories)
        .Where(f => !_before.ContainsKey(f)).ToList();

    private void Write(string name, string text)
    {
        string path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static byte[] Hash(string file) => SHA256.HashData(File.ReadAllBytes(file));
}
