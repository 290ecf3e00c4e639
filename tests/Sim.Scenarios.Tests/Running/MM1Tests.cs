using Sim.Core.Statistics;
using Sim.Scenarios.Loading;
using Sim.Worlds.Running;

namespace Sim.Scenarios.Tests.Running;

/// <summary>The kernel against queueing theory: an M/M/1 queue's known means.</summary>
public sealed class MM1Tests
{
    [Fact]
    public void Mean_sojourn_time_is_within_five_percent_of_one_over_mu_minus_lambda()
    {
        // lambda = 1/10us = 100,000/s, mu = 1/5us = 200,000/s: rho = 0.5, E[T] = 1/(mu - lambda) = 10us,
        // E[W] = rho/(mu - lambda) = 5us. 5 s of simulated time is about 500,000 jobs.
        var scenario = ScenarioLoader.LoadText(ScenarioText.MM1("10us", "5us", "5s", "100ms"), "mm1.yaml");
        var results = ScenarioRunner.Run(scenario);
        var metrics = results.Metrics.ToDictionary(m => m.Key, m => m.Value);

        double sojourn = metrics["server/sojourn"].Get("mean");
        double wait = metrics["server/wait"].Get("mean");
        double utilization = metrics["server/utilization"].Get("mean");
        Assert.InRange(sojourn, 10e-6 * 0.95, 10e-6 * 1.05);
        Assert.InRange(wait, 5e-6 * 0.95, 5e-6 * 1.05);
        Assert.InRange(utilization, 0.5 * 0.98, 0.5 * 1.02);
        Assert.InRange(metrics["sink/received"].Get("count"), 490_000 * 0.97, 490_000 * 1.03);
        Assert.Empty(results.Findings);
        Assert.False(results.Outcome.IsPartial);
    }

    [Fact]
    public void Tandem_queues_with_weighted_routing_split_the_flow_by_weight()
    {
        const string yaml = """
            name: split
            seed: 9
            duration: 1s
            queueing:
              sources:
                - name: in
                  interarrival: { exponential: 10us }
                  to: [ { target: fast, weight: 3 }, { target: slow, weight: 1 } ]
              servers:
                - name: fast
                  service: { constant: 1us }
                  to: out
                - name: slow
                  service: { uniform: { min: 1us, max: 3us } }
                  to: out
              sinks:
                - name: out
            """;
        var results = ScenarioRunner.Run(ScenarioLoader.LoadText(yaml, "split.yaml"));
        var metrics = results.Metrics.ToDictionary(m => m.Key, m => m.Value);
        double fast = metrics["fast/served"].Get("count");
        double slow = metrics["slow/served"].Get("count");
        Assert.InRange(fast / (fast + slow), 0.74, 0.76);
        Assert.Equal(fast + slow, metrics["out/received"].Get("count"), 0);
        Assert.Equal(1e-6, metrics["fast/sojourn"].Get("min"), 12);
    }
}
