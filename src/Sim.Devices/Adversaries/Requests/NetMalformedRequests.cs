using System.Buffers.Binary;
using Sim.Core.Randomness;
using Sim.Devices.Net;

namespace Sim.Devices.Adversaries.Requests;

/// <summary>
/// virtio-net transmissions for a hostile driver (virtio 1.2, 5.1.6.2) on the first transmit queue: a
/// <c>virtio_net_hdr_v1</c> in its own buffer, then the frame. The device has no response: a used chain is its whole
/// answer, a header it cannot carry out is a finding. Well-formed: a header of zeros (no offloads) and a frame of 60 to
/// 1514 bytes. Garbage: any flags, GSO type, header length, MSS, checksum start and offset, and a frame of any length or
/// none.
/// </summary>
public sealed class NetMalformedRequests : IMalformedRequests
{
    /// <inheritdoc />
    public ulong Features => 0;

    /// <inheritdoc />
    public int QueueCount => NetQueues.QueueCount(1, controlQueue: false);

    /// <inheritdoc />
    public int RequestQueue => NetQueues.TransmitQueue(0);

    /// <inheritdoc />
    public HostileRequest WellFormed(ActorRandom random) =>
        new("well-formed", [new byte[NetLayout.HeaderSize], RequestJudges.Bytes(random, random.Next(60, 1515))], [], Expectation.MustSucceed, false, HostileRequest.Used);

    /// <inheritdoc />
    public HostileRequest GarbageHeader(ActorRandom random)
    {
        var header = RequestJudges.Bytes(random, NetLayout.HeaderSize);
        if (random.Next(2) == 0)
        {
            header[NetLayout.HeaderFlagsOffset] = (byte)random.Next(4);
            header[NetLayout.HeaderGsoTypeOffset] = (byte)(random.Next(6) | (random.Next(4) == 0 ? NetLayout.GsoEcn : 0));
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(NetLayout.HeaderNumBuffersOffset), 0);
        }
        var readable = new List<byte[]> { header };
        if (random.Next(6) != 0) readable.Add(RequestJudges.Bytes(random, random.Next(1, 4096)));
        return new HostileRequest("garbage-header", readable, [], Expectation.Either, false, HostileRequest.Used);
    }
}
