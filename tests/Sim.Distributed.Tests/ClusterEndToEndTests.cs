using Sim.Cli;

namespace Sim.Distributed.Tests;

/// <summary>
/// A coordinator and two worker processes on 127.0.0.1, one worker killed mid-study: the study completes on the other,
/// no run is lost or written twice, and every file is byte-identical to a local <c>sim sweep --jobs 2</c>. Log levels
/// are not checked (a killed node makes Akka log errors with stack traces).
/// </summary>
public sealed class ClusterEndToEndTests
{
    private const int Runs = 16;

    private const string Study = """
        name: cluster-e2e
        seed: 11
        duration: 4s
        warmup: 1ms
        queueing:
          sources:
            - { name: arrivals, interarrival: { exponential: 10us }, to: server }
          servers:
            - { name: server, service: { exponential: 8us }, to: sink }
          sinks:
            - { name: sink }
        replications: 4
        sweep:
          grid:
            - name: service
              path: queueing.servers.server.service.exponential
              values: [4us, 6us, 8us, 9us]
          metrics: [sink/response.mean, sink/received.perSecond]
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long the study may take to finish on the one worker left: a guard against a hang, not a bound on speed. The
    /// survivor runs the 13 or so runs left one at a time after the failure detector gives the killed worker up, which
    /// on a loaded two-core machine (the other test assemblies running beside it) took longer than a minute.
    /// </summary>
    private static readonly TimeSpan StudyPatience = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_study_survives_a_killed_worker_and_matches_the_local_sweep_byte_for_byte()
    {
        string dir = Path.Combine(Path.GetTempPath(), "virtiosim-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "study.yaml"), Study);
        string coordinatorAt = $"127.0.0.1:{SimProcess.FreePort()}";
        string doomedAt = $"127.0.0.1:{SimProcess.FreePort()}";

        using var coordinator = new SimProcess(dir, "sweep", "study.yaml", "--cluster", "--listen", coordinatorAt, "--out", "cluster");
        Assert.True(coordinator.WaitForLine(l => l.Contains("coordinator listening"), Patience), coordinator.Error);
        using var survivor = new SimProcess(dir, "worker", "--join", coordinatorAt, "--jobs", "1");
        using var doomed = new SimProcess(dir, "worker", "--join", coordinatorAt, "--jobs", "1", "--listen", doomedAt);
        Assert.True(coordinator.WaitForLine(l => l.Contains($"worker akka.tcp://virtiosim@{doomedAt} joined"), Patience), coordinator.Error);
        Assert.True(coordinator.WaitForLine(l => SimProcess.RunsDone(l) >= 3, Patience), coordinator.Error);
        doomed.Kill();

        int? exit = coordinator.Exit(StudyPatience);
        Assert.True(exit == 0, $"the coordinator's exit: {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none within the patience"}\n{coordinator.Error}");
        Assert.Equal(0, survivor.Exit(Patience));
        Assert.Contains($"worker akka.tcp://virtiosim@{doomedAt} unreachable: re-queued", coordinator.Error);
        Assert.Contains($"{Runs}/{Runs} runs", coordinator.Error);

        var local = CliHarness(["sweep", Path.Combine(dir, "study.yaml"), "--jobs", "2", "--out", Path.Combine(dir, "local")]);
        Assert.Equal(0, local);
        var records = Directory.GetFiles(Path.Combine(dir, "cluster", "runs"), "p*.json").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(Runs, records.Count);
        Assert.Empty(Directory.GetFiles(Path.Combine(dir, "cluster", "runs"), "*.tmp"));
        foreach (string file in records.Select(r => Path.Combine("runs", r!)).Concat(["runs/study.id", "results.json", "results.csv", "report.html"]))
            Assert.True(File.ReadAllBytes(Path.Combine(dir, "local", file)).SequenceEqual(File.ReadAllBytes(Path.Combine(dir, "cluster", file))), $"{file} differs");
    }

    private static int CliHarness(string[] args) => CliApp.InvokeAsync(args, TextWriter.Null, TextWriter.Null).GetAwaiter().GetResult();

}
