namespace Sim.Scenarios.Tests.Loading;

/// <summary>Small valid scenario texts that tests extend with the section they are about.</summary>
internal static class SmallScenarios
{
    /// <summary>An M/M/1 queue (source a, server s, sink k) in 7 lines; a section appended starts at line 8.</summary>
    public const string Queue = """
        name: q
        seed: 1
        duration: 1ms
        queueing:
          sources: [ { name: a, interarrival: { exponential: 10us }, to: s } ]
          servers: [ { name: s, service: { exponential: 5us }, to: k } ]
          sinks: [ { name: k } ]

        """;
}
