namespace Sim.Scenarios.Model;

/// <summary>
/// An open queueing network: sources emit jobs, servers serve them one at a time in FIFO order, sinks absorb them.
/// Names are unique across all three lists, every route ends at a server or a sink of this section, and there is at
/// least one source and one sink.
/// </summary>
/// <param name="Sources">The job generators, in file order.</param>
/// <param name="Servers">The single-server FIFO queues, in file order.</param>
/// <param name="Sinks">The job absorbers, in file order.</param>
public sealed record QueueingModel(
    IReadOnlyList<SourceModel> Sources,
    IReadOnlyList<ServerModel> Servers,
    IReadOnlyList<SinkModel> Sinks);
