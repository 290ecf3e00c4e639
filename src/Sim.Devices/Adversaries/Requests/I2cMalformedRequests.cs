using System.Buffers.Binary;
using Sim.Core.Randomness;
using Sim.Devices.I2c;

namespace Sim.Devices.Adversaries.Requests;

/// <summary>
/// virtio-i2c requests for a hostile driver (virtio 1.2, 5.16.6): a <c>virtio_i2c_out_hdr</c>, an optional data buffer and
/// the <c>virtio_i2c_in_hdr</c> status. Well-formed: a two-byte read of the sensor at 7-bit <paramref name="target"/>.
/// Garbage: any address, padding and flags (VIRTIO_I2C_FLAGS_FAIL_NEXT left clear: a failed group would fail the next
/// request by design, 5.16.6.2), a data buffer of any length and direction or none, the status sometimes missing.
/// Reserved flag bits, a 10-bit address or one no target answers must be VIRTIO_I2C_MSG_ERR; anything else may succeed.
/// </summary>
public sealed class I2cMalformedRequests(byte target) : IMalformedRequests
{
    private static readonly Func<byte[], uint, Answer> Judge = RequestJudges.StatusAtEnd(I2cLayout.MsgOk, I2cLayout.MsgErr);

    /// <inheritdoc />
    public ulong Features => 1UL << I2cLayout.FeatureZeroLengthRequest;

    /// <inheritdoc />
    public int QueueCount => 1;

    /// <inheritdoc />
    public int RequestQueue => 0;

    /// <inheritdoc />
    public HostileRequest WellFormed(ActorRandom random)
    {
        var header = new byte[I2cLayout.OutHdr.Size];
        I2cRequest.WriteHeader(header, target, I2cLayout.FlagMRd);
        return new HostileRequest("well-formed", [header], [2, I2cLayout.InHdr.Size], Expectation.MustSucceed, true, Judge);
    }

    /// <inheritdoc />
    public HostileRequest GarbageHeader(ActorRandom random)
    {
        var header = RequestJudges.Bytes(random, I2cLayout.OutHdr.Size);
        if (random.Next(2) == 0) BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(I2cLayout.OutHdr.Addr), (ushort)(target << 1 | (random.Next(4) == 0 ? random.Next() & 0xFF01 : 0)));
        uint flags = random.Next(2) == 0 ? (uint)random.Next(4) : (uint)random.Next();
        flags &= ~I2cLayout.FlagFailNext;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(I2cLayout.OutHdr.Flags), flags);
        var readable = new List<byte[]> { header };
        var writable = new List<int>();
        switch (random.Next(3))
        {
            case 0: readable.Add(RequestJudges.Bytes(random, random.Next(1, 64))); break;
            case 1: writable.Add(random.Next(1, 64)); break;
        }
        if (random.Next(8) != 0) writable.Add(I2cLayout.InHdr.Size);
        ushort address = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(I2cLayout.OutHdr.Addr));
        bool mustFail = (flags & ~(I2cLayout.FlagFailNext | I2cLayout.FlagMRd)) != 0 || (address & 0xFF01) != 0 || (address >> 1) != target;
        return new HostileRequest("garbage-header", readable, writable, mustFail ? Expectation.MustFail : Expectation.Either, true, Judge);
    }
}
