using System.Buffers.Binary;

namespace Sim.Devices.Adversaries.Requests;

/// <summary>
/// How the device types' responses are read by a hostile driver: a one-byte status at the end of the writable buffers
/// (virtio-blk's <c>status</c>, 5.2.6; virtio-i2c's <c>virtio_i2c_in_hdr</c>, 5.16.6) or at their start (virtio-gpio's
/// <c>virtio_gpio_response</c>, 5.18.6), or a little-endian u32 (virtio-snd's <c>virtio_snd_hdr</c>, 5.14.6), each mapped to
/// <see cref="Answer"/> by the values the spec defines.
/// </summary>
internal static class RequestJudges
{
    /// <summary>The last writable byte is the status: <paramref name="ok"/> is success, <paramref name="errors"/> are errors, anything else is invalid.</summary>
    public static Func<byte[], uint, Answer> StatusAtEnd(byte ok, params byte[] errors) => (written, length) =>
        length == 0 || written.Length == 0 ? Answer.NoAnswer : Of(written[^1], ok, errors);

    /// <summary>The first writable byte is the status.</summary>
    public static Func<byte[], uint, Answer> StatusAtStart(byte ok, params byte[] errors) => (written, length) =>
        length == 0 || written.Length == 0 ? Answer.NoAnswer : Of(written[0], ok, errors);

    /// <summary>A little-endian u32 status at the start of the writable bytes.</summary>
    public static Func<byte[], uint, Answer> Status32(uint ok, params uint[] errors) => (written, length) =>
    {
        if (length < sizeof(uint) || written.Length < sizeof(uint)) return Answer.NoAnswer;
        uint status = BinaryPrimitives.ReadUInt32LittleEndian(written);
        return status == ok ? Answer.Success : errors.Contains(status) ? Answer.Error : Answer.Invalid;
    };

    private static Answer Of(byte status, byte ok, byte[] errors) =>
        status == ok ? Answer.Success : errors.Contains(status) ? Answer.Error : Answer.Invalid;

    /// <summary><paramref name="length"/> random bytes from <paramref name="random"/>.</summary>
    public static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
