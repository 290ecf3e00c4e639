using Sim.Core.Randomness;

namespace Sim.Devices.Adversaries;

/// <summary>
/// One device type's requests as a hostile driver (<see cref="HostileDeviceDriver"/>) makes them: the features it asks
/// for, the queues it sets up, the queue requests travel on, a well-formed request the device must complete with success
/// (the liveness probe) and a request whose header fields (type, opcode, lengths, addresses of the device's request
/// structure) are drawn at random, with what the device must make of each. The driver builds every other attack (wrong
/// directions, short and long segments, unshared buffers, descriptor loops, resets) from the well-formed request. Every
/// draw comes from the driver's stream (the <c>random</c> each method is given). One small implementation per device type, in
/// <c>Adversaries/Requests</c>.
/// </summary>
public interface IMalformedRequests
{
    /// <summary>The device type's feature bits the driver asks for (the transport's are the driver's business).</summary>
    ulong Features { get; }

    /// <summary>How many queues the driver sets up (every queue the device type has with the features asked).</summary>
    int QueueCount { get; }

    /// <summary>The queue requests travel on.</summary>
    int RequestQueue { get; }

    /// <summary>A request the device must complete with success.</summary>
    HostileRequest WellFormed(ActorRandom random);

    /// <summary>A request whose header fields are drawn at random, with what the device must make of it.</summary>
    HostileRequest GarbageHeader(ActorRandom random);
}
