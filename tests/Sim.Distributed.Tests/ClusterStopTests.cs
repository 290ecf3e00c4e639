using System.Text.Json;
using Sim.Cli;

namespace Sim.Distributed.Tests;

/// <summary>
/// Ctrl+C (SIGINT) on a coordinator with two live worker processes: it stops handing out runs, dismisses the workers
/// (both exit 130), writes the results so far marked incomplete and exits 130; the same command resumes the study
/// locally to the same bytes as an uninterrupted local sweep. The study names a cost profile file beside it, and the
/// workers run in another directory: they load the file from the text the coordinator sent, not from disk.
/// </summary>
public sealed class ClusterStopTests
{
    private const int Runs = 12;

    private const string Study = """
        name: cluster-stop
        seed: 5
        duration: 300ms
        warmup: 1ms
        costs: boards/board.yaml
        guests:
          - name: vm
            platform: kvm
            memory: 64MiB
            devices:
              - { name: blk0, type: blk, sharing: full, backend: vhost-user, kick: ioeventfd,
                  workload: { requestSize: 4KiB, queueDepth: 4, readFraction: 0.7, span: 1MiB } }
        replications: 6
        sweep:
          grid:
            - name: depth
              path: guests.vm.devices.blk0.workload.queueDepth
              values: [1, 4]
          metrics: [vm/blk0/driver/latency.mean]
        """;

    /// <summary>A board profile: kvm-x86 with a slower backend wake-up, so its results differ from the built-in profile's.</summary>
    private const string Board = """
        name: board
        extends: kvm-x86
        costs:
          backend.wakeup: { value: 17us, estimate: "a test board", range: [10us, 30us] }
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public void Ctrl_C_dismisses_live_workers_keeps_the_runs_done_and_the_same_command_resumes()
    {
        string root = Path.Combine(Path.GetTempPath(), "virtiosim-tests", Guid.NewGuid().ToString("N"));
        string studyDir = Path.Combine(root, "study");
        string elsewhere = Path.Combine(root, "elsewhere");
        Directory.CreateDirectory(Path.Combine(studyDir, "boards"));
        Directory.CreateDirectory(elsewhere);
        File.WriteAllText(Path.Combine(studyDir, "study.yaml"), Study);
        File.WriteAllText(Path.Combine(studyDir, "boards", "board.yaml"), Board);
        string at = $"127.0.0.1:{SimProcess.FreePort()}";

        using var coordinator = new SimProcess(studyDir, "sweep", "study.yaml", "--cluster", "--listen", at, "--out", "cluster");
        Assert.True(coordinator.WaitForLine(l => l.Contains("coordinator listening"), Patience), coordinator.Error);
        using var first = new SimProcess(elsewhere, "worker", "--join", at, "--jobs", "1");
        using var second = new SimProcess(elsewhere, "worker", "--join", at, "--jobs", "1");
        Assert.True(coordinator.WaitForLine(l => SimProcess.RunsDone(l) >= 2, Patience), coordinator.Error + "\n" + first.Error + "\n" + second.Error);
        coordinator.Interrupt();

        Assert.Equal(130, coordinator.Exit(Patience));
        Assert.Equal(130, first.Exit(Patience));
        Assert.Equal(130, second.Exit(Patience));
        string cluster = Path.Combine(studyDir, "cluster");
        using (var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(cluster, "results.json"))))
            Assert.False(results.RootElement.GetProperty("complete").GetBoolean());
        int kept = Directory.GetFiles(Path.Combine(cluster, "runs"), "p*.json").Length;
        Assert.InRange(kept, 2, Runs - 1);
        Assert.Empty(Directory.GetFiles(Path.Combine(cluster, "runs"), "*.tmp"));

        Assert.Equal(0, Cli(["sweep", Path.Combine(studyDir, "study.yaml"), "--jobs", "2", "--out", cluster]));
        Assert.Equal(0, Cli(["sweep", Path.Combine(studyDir, "study.yaml"), "--jobs", "2", "--out", Path.Combine(studyDir, "local")]));
        var records = Directory.GetFiles(Path.Combine(cluster, "runs"), "p*.json").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(Runs, records.Count);
        foreach (string file in records.Select(r => Path.Combine("runs", r!)).Concat(["runs/study.id", "results.json", "results.csv"]))
            Assert.True(File.ReadAllBytes(Path.Combine(studyDir, "local", file)).SequenceEqual(File.ReadAllBytes(Path.Combine(cluster, file))), $"{file} differs");
        Directory.Delete(root, recursive: true);
    }

    private static int Cli(string[] args) => CliApp.InvokeAsync(args, TextWriter.Null, TextWriter.Null).GetAwaiter().GetResult();

}
