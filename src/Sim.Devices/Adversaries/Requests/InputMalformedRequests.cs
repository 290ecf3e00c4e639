using System.Buffers.Binary;
using Sim.Core.Randomness;
using Sim.Devices.Input;

namespace Sim.Devices.Adversaries.Requests;

/// <summary>
/// virtio-input status events for a hostile driver (virtio 1.2, 5.8.6.2): one <c>virtio_input_event</c> on statusq, which
/// the device uses with no response. Well-formed: the num-lock LED switched on or off. Garbage: any type, code and value,
/// in a buffer of any length.
/// </summary>
public sealed class InputMalformedRequests : IMalformedRequests
{
    /// <inheritdoc />
    public ulong Features => 0;

    /// <inheritdoc />
    public int QueueCount => InputLayout.QueueCount;

    /// <inheritdoc />
    public int RequestQueue => InputLayout.StatusQueue;

    /// <inheritdoc />
    public HostileRequest WellFormed(ActorRandom random) =>
        new("well-formed", [Event((ushort)InputCodes.EvLed, (ushort)InputCodes.LedNuml, (uint)random.Next(2))], [], Expectation.MustSucceed, false, HostileRequest.Used);

    /// <inheritdoc />
    public HostileRequest GarbageHeader(ActorRandom random)
    {
        var bytes = random.Next(4) == 0
            ? RequestJudges.Bytes(random, random.Next(1, 64))
            : Event((ushort)random.Next(ushort.MaxValue + 1), (ushort)random.Next(ushort.MaxValue + 1), (uint)random.Next());
        return new HostileRequest("garbage-header", [bytes], [], Expectation.Either, false, HostileRequest.Used);
    }

    private static byte[] Event(ushort type, ushort code, uint value)
    {
        var bytes = new byte[InputLayout.Event.Size];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(InputLayout.Event.Type), type);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(InputLayout.Event.Code), code);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(InputLayout.Event.Value), value);
        return bytes;
    }
}
