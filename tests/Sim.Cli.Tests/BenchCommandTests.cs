using System.Text.Json;

namespace Sim.Cli.Tests;

/// <summary>The benchmark's output contract (figures themselves are checked by running the benchmark, not by tests).</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public void Json_output_has_the_rate_the_allocation_and_the_baseline()
    {
        var result = CliHarness.Run("bench", "kernel", "--pending", "100", "--events", "200000", "--baseline", "--json");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("eventsPerSecond").GetDouble() > 0);
        Assert.True(root.GetProperty("baselineEventsPerSecond").GetDouble() > 0);
        Assert.Equal(200_000, root.GetProperty("events").GetInt64());
        Assert.Equal(100, root.GetProperty("pending").GetInt32());
        // The steady-state hold loop allocates nothing; allow for runtime noise but not for a per-event object.
        Assert.InRange(root.GetProperty("bytesPerEvent").GetDouble(), 0, 8);
    }

    [Fact]
    public void Bad_sizes_are_rejected()
    {
        var result = CliHarness.Run("bench", "kernel", "--pending", "0");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--pending must be at least 1", result.Error);
    }
}

/// <summary>The virtqueue benchmark's output contract.</summary>
public sealed class VirtqueueBenchCommandTests
{
    [Fact]
    public void Json_output_has_a_rate_per_ring_format_and_every_round_trip_notified()
    {
        var result = CliHarness.Run("bench", "virtqueue", "--round-trips", "50000", "--json");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Output);
        foreach (string format in new[] { "split", "packed" })
        {
            var entry = json.RootElement.GetProperty(format);
            Assert.True(entry.GetProperty("roundTripsPerSecond").GetDouble() > 0);
            Assert.Equal(50_000, entry.GetProperty("roundTrips").GetInt64());
            // One request in flight at a time with notifications re-enabled: each round trip needs its kick and interrupt.
            Assert.Equal(50_000, entry.GetProperty("kicks").GetInt64());
            Assert.Equal(50_000, entry.GetProperty("interrupts").GetInt64());
            Assert.InRange(entry.GetProperty("bytesPerRoundTrip").GetDouble(), 0, 8);
        }
    }
}

/// <summary>
/// <c>sim bench cluster</c>'s arguments and JSON shape, on a tiny study (3 runs of 2 s simulated, 2 worker processes
/// started from the sim.dll beside the tests). No figure is checked against a bound: timing is the benchmark's business.
/// </summary>
public sealed class ClusterBenchCommandTests
{
    [Theory]
    [InlineData(new[] { "--workers", "1" }, "--workers must be at least 2")]
    [InlineData(new[] { "--duration-ms", "0" }, "--duration-ms must be at least 1")]
    [InlineData(new[] { "--workers", "3", "--runs", "3" }, "--runs must be at least --workers + 1 (4)")]
    public void Bad_arguments_are_rejected_before_anything_starts(string[] args, string message)
    {
        var result = CliHarness.Run(["bench", "cluster", .. args]);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void Json_output_has_every_pass_the_overhead_the_requeue_time_and_identical_results()
    {
        var result = CliHarness.Run("bench", "cluster", "--workers", "2", "--runs", "3", "--duration-ms", "2000", "--json");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        using var json = System.Text.Json.JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("cluster", root.GetProperty("benchmark").GetString());
        Assert.Equal(3, root.GetProperty("runs").GetInt32());
        Assert.Equal(2, root.GetProperty("workers").GetInt32());
        Assert.Equal(2000, root.GetProperty("durationMs").GetInt32());
        foreach (string seconds in new[] { "localSeconds", "oneWorkerSeconds", "manyWorkersSeconds", "speedUp", "localCpuSecondsPerRun", "oneWorkerCpuSecondsPerRun", "manyWorkersCpuSecondsPerRun" })
            Assert.True(root.GetProperty(seconds).GetDouble() > 0, seconds);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, root.GetProperty("overheadMsPerRun").ValueKind);
        // 3 runs on 2 single-slot workers: one is always handed a second run and killed then; whether it still holds the
        // run when the kill lands is a race on a loaded machine (then nothing is re-queued and the time is null).
        var requeue = root.GetProperty("deathToRequeueSeconds");
        Assert.True(requeue.ValueKind == System.Text.Json.JsonValueKind.Null || requeue.GetDouble() > 0, requeue.ToString());
        Assert.True(root.GetProperty("sameResults").GetBoolean());
        Assert.Contains("one killed after its first record", result.Error);
    }
}
