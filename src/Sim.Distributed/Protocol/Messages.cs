using MessagePack;

namespace Sim.Distributed.Protocol;

// The work-pulling protocol between a study's coordinator and its workers; every message crosses the network as
// MessagePack (ProtocolSerializer, bound to each type in cluster.conf). A run is named by (point, replication); the
// study by its identity (StudyRunner.Identity: a hash of the scenario text and seed), checked on every message.
//
//   worker                          coordinator
//     WorkerReady(slots)       ->
//                              <-   StudyOffer(id, file name, text, files it names)
//     WorkRequest(id)          ->   (one per free job slot)
//                              <-   RunAssignment(id, point, replication)
//     RunCompleted(id, ..., record) or RunFailed(id, ..., error)  ->
//                              <-   StopWorking(reason)   (study done, or the coordinator is stopping)
//     WorkerRefused(reason)    ->   (the worker cannot load the study or its identity differs)

/// <summary>Marker of the messages of the coordinator/worker protocol (see <c>Messages.cs</c> for the exchange).</summary>
public interface IProtocolMessage;

/// <summary>A worker joined and can run <paramref name="Slots"/> runs at a time; it asks for the study.</summary>
/// <param name="Slots">The worker's job slots (<c>sim worker --jobs</c>).</param>
[MessagePackObject]
public sealed record WorkerReady([property: Key(0)] int Slots) : IProtocolMessage;

/// <summary>
/// The study a coordinator runs: the scenario's text and the files it names beside itself (cost profile files), which
/// the worker loads itself (it needs no copy of any of them).
/// </summary>
/// <param name="StudyId">The study's identity (<c>StudyRunner.Identity</c>); the worker checks it against what it loads.</param>
/// <param name="FileName">The scenario file's name, for messages.</param>
/// <param name="Text">The scenario file's text.</param>
/// <param name="Files">The files the scenario names (<c>Study.Files</c>): the reference as written, and the text.</param>
[MessagePackObject]
public sealed record StudyOffer(
    [property: Key(0)] string StudyId, [property: Key(1)] string FileName, [property: Key(2)] string Text,
    [property: Key(3)] IReadOnlyDictionary<string, string> Files) : IProtocolMessage;

/// <summary>A worker has one free job slot and pulls one run of study <paramref name="StudyId"/>.</summary>
/// <param name="StudyId">The study the worker loaded.</param>
[MessagePackObject]
public sealed record WorkRequest([property: Key(0)] string StudyId) : IProtocolMessage;

/// <summary>Run replication <paramref name="Replication"/> of point <paramref name="Point"/> of study <paramref name="StudyId"/>.</summary>
/// <param name="StudyId">The study.</param>
/// <param name="Point">The point's index.</param>
/// <param name="Replication">The replication number.</param>
[MessagePackObject]
public sealed record RunAssignment([property: Key(0)] string StudyId, [property: Key(1)] int Point, [property: Key(2)] int Replication) : IProtocolMessage;

/// <summary>A run finished on a worker; <paramref name="Record"/> is its record text (<c>RunRecord.Write</c>), which the coordinator writes as is.</summary>
/// <param name="StudyId">The study.</param>
/// <param name="Point">The point's index.</param>
/// <param name="Replication">The replication number.</param>
/// <param name="Seed">The seed the worker ran it with (checked by the coordinator).</param>
/// <param name="Record">The run record's text (<c>runs/pNNNN-rNNN.json</c>).</param>
[MessagePackObject]
public sealed record RunCompleted(
    [property: Key(0)] string StudyId, [property: Key(1)] int Point, [property: Key(2)] int Replication,
    [property: Key(3)] ulong Seed, [property: Key(4)] string Record) : IProtocolMessage;

/// <summary>A run failed on a worker (a model bug): the study stops with an internal error naming it.</summary>
/// <param name="StudyId">The study.</param>
/// <param name="Point">The point's index.</param>
/// <param name="Replication">The replication number.</param>
/// <param name="Error">What failed (the model bug's message: actor, message type, time).</param>
[MessagePackObject]
public sealed record RunFailed(
    [property: Key(0)] string StudyId, [property: Key(1)] int Point, [property: Key(2)] int Replication, [property: Key(3)] string Error) : IProtocolMessage;

/// <summary>The worker cannot serve the study offered (it does not load, or its identity differs): the coordinator forgets it.</summary>
/// <param name="Reason">Why, in one line.</param>
[MessagePackObject]
public sealed record WorkerRefused([property: Key(0)] string Reason) : IProtocolMessage;

/// <summary>The coordinator dismisses a worker: the study is done or is stopping. The worker drops its runs in flight and leaves the cluster.</summary>
/// <param name="Reason">Why, in one line (shown by the worker).</param>
/// <param name="Completed">Whether the study is complete (the worker exits 0) or was stopped.</param>
[MessagePackObject]
public sealed record StopWorking([property: Key(0)] string Reason, [property: Key(1)] bool Completed) : IProtocolMessage;
