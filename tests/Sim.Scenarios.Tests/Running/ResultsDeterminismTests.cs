using System.Text.Json;
using Sim.Scenarios.Loading;
using Sim.Worlds.Results;
using Sim.Worlds.Running;

namespace Sim.Scenarios.Tests.Running;

public sealed class ResultsDeterminismTests
{
    private static string Run(ulong seed, string extra = "") =>
        ResultsJson.Write(ScenarioRunner.Run(ScenarioLoader.LoadText(ScenarioText.MM1("10us", "8us", "200ms", "20ms", seed, extra), "mm1.yaml")));

    [Fact]
    public void The_same_seed_gives_byte_identical_results_and_another_seed_different_ones()
    {
        string first = Run(42);
        Assert.Equal(first, Run(42));
        Assert.NotEqual(first, Run(43));
    }

    [Fact]
    public void Results_json_is_canonical_with_the_required_fields()
    {
        string json = Run(42);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var keys = root.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(keys.OrderBy(k => k, StringComparer.Ordinal), keys);
        foreach (string required in new[] { "scenario", "seed", "simulatedTime", "events", "metrics", "findings", "partial" })
            Assert.Contains(required, keys);
        Assert.Equal("mm1", root.GetProperty("scenario").GetString());
        Assert.Equal(42UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal(0.2, root.GetProperty("simulatedTime").GetDouble());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("findings").ValueKind);
        Assert.Equal(0, root.GetProperty("findings").GetArrayLength());
        var sojourn = root.GetProperty("metrics").GetProperty("server/sojourn");
        foreach (string field in new[] { "count", "mean", "p50", "p90", "p99", "max" })
            Assert.True(sojourn.TryGetProperty(field, out _), $"server/sojourn lacks {field}");
        Assert.Equal("s", sojourn.GetProperty("unit").GetString());
        Assert.DoesNotContain("\r", json);
        Assert.EndsWith("}\n", json);
    }

    [Fact]
    public void Warmup_statistics_are_discarded_from_the_results()
    {
        var scenario = ScenarioLoader.LoadText(ScenarioText.MM1("10us", "8us", "200ms", "100ms"), "mm1.yaml");
        var results = ScenarioRunner.Run(scenario);
        var generated = results.Metrics.Single(m => m.Key == "arrivals/generated").Value.Get("count");
        // About 100ms / 10us = 10,000 jobs after the warm-up, not the 20,000 of the whole run.
        Assert.InRange(generated, 9_000, 11_000);
    }

    [Fact]
    public void An_event_budget_gives_results_marked_partial()
    {
        string json = Run(42, "maxEvents: 1000");
        using var document = JsonDocument.Parse(json);
        Assert.True(document.RootElement.GetProperty("partial").GetBoolean());
        Assert.Equal("event-budget", document.RootElement.GetProperty("stopReason").GetString());
        Assert.Equal(1000, document.RootElement.GetProperty("events").GetInt64());
    }
}
