using System.Buffers.Binary;
using Sim.Core.Randomness;
using Sim.Devices.Gpio;

namespace Sim.Devices.Adversaries.Requests;

/// <summary>
/// virtio-gpio requests for a hostile driver (virtio 1.2, 5.18.6): a <c>virtio_gpio_request</c> on requestq answered in a
/// <c>virtio_gpio_response</c>. Well-formed: GET_DIRECTION of one of the <paramref name="lines"/> lines. Garbage: any type,
/// line and value, a response buffer of any length. A type the spec does not define, or a line at or past ngpio for a
/// request other than GET_NAMES, must be VIRTIO_GPIO_STATUS_ERR; anything else may succeed or fail.
/// </summary>
public sealed class GpioMalformedRequests(int lines) : IMalformedRequests
{
    private static readonly Func<byte[], uint, Answer> Judge = RequestJudges.StatusAtStart(GpioLayout.StatusOk, GpioLayout.StatusErr);

    /// <inheritdoc />
    public ulong Features => 0;

    /// <inheritdoc />
    public int QueueCount => 1;

    /// <inheritdoc />
    public int RequestQueue => 0;

    /// <inheritdoc />
    public HostileRequest WellFormed(ActorRandom random) =>
        new("well-formed", [Request(GpioLayout.MsgGetDirection, (ushort)random.Next(lines), 0)], [GpioLayout.Response.Size], Expectation.MustSucceed, true, Judge);

    /// <inheritdoc />
    public HostileRequest GarbageHeader(ActorRandom random)
    {
        ushort type = (ushort)(random.Next(3) == 0 ? random.Next(ushort.MaxValue + 1) : random.Next(8));
        ushort gpio = (ushort)(random.Next(3) == 0 ? random.Next(ushort.MaxValue + 1) : random.Next(lines + 2));
        uint value = random.Next(2) == 0 ? (uint)random.Next(4) : (uint)random.Next();
        int room = random.Next(4) == 0 ? random.Next(1, 64) : GpioLayout.Response.Size;
        bool mustFail = type is 0 or > GpioLayout.MsgIrqType || (type != GpioLayout.MsgGetNames && gpio >= lines);
        return new HostileRequest("garbage-header", [Request(type, gpio, value)], [room], mustFail ? Expectation.MustFail : Expectation.Either, true, Judge);
    }

    private static byte[] Request(ushort type, ushort gpio, uint value)
    {
        var request = new byte[GpioLayout.Request.Size];
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(GpioLayout.Request.Type), type);
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(GpioLayout.Request.Gpio), gpio);
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(GpioLayout.Request.Value), value);
        return request;
    }
}
