namespace Sim.Scenarios.Tests.Running;

/// <summary>One-line scenario builders for tests: a queueing model as YAML text.</summary>
internal static class ScenarioText
{
    /// <summary>An M/M/1 queue with the given mean gaps, duration and warm-up.</summary>
    public static string MM1(string meanInterarrival, string meanService, string duration, string warmup = "0s", ulong seed = 42, string extra = "") => $"""
        name: mm1
        seed: {seed}
        duration: {duration}
        warmup: {warmup}
        {extra}
        queueing:
          sources:
            - name: arrivals
              interarrival: {"{"} exponential: {meanInterarrival} {"}"}
              to: server
          servers:
            - name: server
              service: {"{"} exponential: {meanService} {"}"}
              to: sink
          sinks:
            - name: sink
        """;
}
