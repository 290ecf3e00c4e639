using Akka.Actor;
using Akka.Serialization;
using MessagePack;

namespace Sim.Distributed.Protocol;

/// <summary>
/// Serializes the coordinator/worker messages (<see cref="IProtocolMessage"/>) as MessagePack (MessagePack-CSharp,
/// LZ4-compressed: run records are repetitive JSON), each under a short string manifest naming its type. Bound to every
/// protocol type in <c>cluster.conf</c> (<c>akka.actor.serialization-bindings</c>). Data from the network is read with
/// MessagePack's untrusted-data limits.
/// </summary>
public sealed class ProtocolSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>The manifest of each protocol type: the wire name of the message.</summary>
    public static readonly IReadOnlyDictionary<Type, string> Manifests = new Dictionary<Type, string>
    {
        [typeof(WorkerReady)] = "ready",
        [typeof(StudyOffer)] = "offer",
        [typeof(WorkRequest)] = "request",
        [typeof(RunAssignment)] = "assign",
        [typeof(RunCompleted)] = "completed",
        [typeof(RunFailed)] = "failed",
        [typeof(WorkerRefused)] = "refused",
        [typeof(StopWorking)] = "stop",
    };

    private static readonly Dictionary<string, Type> Types = Manifests.ToDictionary(m => m.Value, m => m.Key);

    private static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard
        .WithSecurity(MessagePackSecurity.UntrustedData)
        .WithCompression(MessagePackCompression.Lz4BlockArray);

    /// <summary>The serializer's identifier (unique in the actor system; Akka reserves 0 to 40).</summary>
    public override int Identifier => 1515;

    /// <inheritdoc />
    public override string Manifest(object o) => Manifests.TryGetValue(o.GetType(), out var manifest)
        ? manifest
        : throw new ArgumentException($"{o.GetType()} is not a message of the study protocol", nameof(o));

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => MessagePackSerializer.Serialize(obj.GetType(), obj, Options);

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest) => Types.TryGetValue(manifest, out var type)
        ? MessagePackSerializer.Deserialize(type, bytes, Options)!
        : throw new System.Runtime.Serialization.SerializationException($"unknown study protocol manifest '{manifest}'");
}
