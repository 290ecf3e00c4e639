namespace Sim.Scenarios.Tests.Studies;

/// <summary>Small study scenarios for the tests: an M/M/1 queue whose service time and arrival rate are swept.</summary>
internal static class StudyText
{
    /// <summary>An M/M/1 scenario with <paramref name="study"/> appended at the top level (YAML, 0-indented).</summary>
    public static string Mm1(string study, string duration = "20ms") => $"""
        name: mm1-study
        seed: 42
        duration: {duration}
        warmup: 2ms
        queueing:
          sources:
            - name: arrivals
              interarrival: {"{"} exponential: 10us {"}"}
              to: server
          servers:
            - name: server
              service: {"{"} exponential: 8us {"}"}
              to: sink
          sinks:
            - name: sink
        {study}
        """;
}
