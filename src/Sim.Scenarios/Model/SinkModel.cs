namespace Sim.Scenarios.Model;

/// <summary>An absorber of jobs: where a job's time in the system ends.</summary>
/// <param name="Name">Unique within its section.</param>
public sealed record SinkModel(string Name);
