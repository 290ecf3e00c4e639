using Sim.Core.Randomness;
using Sim.Devices.Rpmb;

namespace Sim.Devices.Adversaries.Requests;

/// <summary>
/// virtio-rpmb requests for a hostile driver (virtio 1.2, 5.12.6): whole 512-byte request frames, then room for the
/// response frames. Well-formed: GET_WRITE_COUNTER, answered by a counter response whose result is OK (or, before a key
/// is programmed, NO_AUTH_KEY: a right answer too). Garbage: one to three frames of random fields (any
/// <c>req_resp</c>, block count, address, write counter) or random bytes, room for zero to two response frames. An
/// unknown request type must be refused (a finding, 5.12.6.1); anything else may be carried out or answered with an error
/// result, and a write with no RESULT_READ has no response to give.
/// </summary>
public sealed class RpmbMalformedRequests : IMalformedRequests
{
    /// <inheritdoc />
    public ulong Features => 0;

    /// <inheritdoc />
    public int QueueCount => 1;

    /// <inheritdoc />
    public int RequestQueue => RpmbLayout.RequestQueue;

    /// <inheritdoc />
    public HostileRequest WellFormed(ActorRandom random) =>
        new("well-formed", [RpmbClient.GetWriteCounter(RequestJudges.Bytes(random, RpmbLayout.NonceSize))], [RpmbLayout.FrameSize], Expectation.MustSucceed, true,
            (written, length) => length == 0 ? Answer.NoAnswer : Judge(written, RpmbResponseType.GetCounter));

    /// <inheritdoc />
    public HostileRequest GarbageHeader(ActorRandom random)
    {
        var frames = new List<byte[]>();
        for (int i = random.Next(1, 4); i > 0; i--)
        {
            var frame = RequestJudges.Bytes(random, RpmbLayout.FrameSize);
            if (random.Next(4) != 0)
            {
                RpmbFrameFields.SetReqResp(frame, (ushort)(random.Next(3) == 0 ? random.Next(ushort.MaxValue + 1) : random.Next(1, 6)));
                RpmbFrameFields.SetBlockCount(frame, (ushort)(random.Next(2) == 0 ? random.Next(4) : random.Next(ushort.MaxValue + 1)));
                RpmbFrameFields.SetAddress(frame, (ushort)(random.Next(2) == 0 ? random.Next(4) : random.Next(ushort.MaxValue + 1)));
            }
            frames.Add(frame);
        }
        int[] writable = Enumerable.Repeat(RpmbLayout.FrameSize, random.Next(3)).ToArray();
        ushort type = RpmbFrameFields.ReqResp(frames[0]);
        bool known = type is >= (ushort)RpmbRequestType.ProgramKey and <= (ushort)RpmbRequestType.ResultRead;
        bool silent = type is (ushort)RpmbRequestType.ProgramKey or (ushort)RpmbRequestType.DataWrite;
        return new HostileRequest("garbage-header", frames, writable, known ? Expectation.Either : Expectation.MustFail, true,
            (written, length) => length == 0 ? (silent ? Answer.Success : Answer.NoAnswer) : Judge(written, null),
            $"{frames.Count} frames of type 0x{type:x4} block count {RpmbFrameFields.BlockCount(frames[0])}, {writable.Length} response frames");
    }

    /// <summary>The first response frame: its type (the expected one, or any response type) and its result code.</summary>
    private static Answer Judge(byte[] written, RpmbResponseType? expected)
    {
        if (written.Length < RpmbLayout.FrameSize) return Answer.Invalid;
        ushort type = RpmbFrameFields.ReqResp(written);
        bool typeRight = expected is { } e ? type == (ushort)e : type is >= (ushort)RpmbResponseType.ProgramKey and <= (ushort)RpmbResponseType.DataRead && type % 0x100 == 0;
        var result = RpmbFrameFields.Result(written) & ~RpmbResult.WriteCounterExpired;
        // A RESULT_READ with no write before it has no response type to return (5.12.6 leaves it open): a failure result.
        if (!typeRight) return type == 0 && expected is null && result is > RpmbResult.Ok and <= RpmbResult.NoAuthKey ? Answer.Error : Answer.Invalid;
        if (result == RpmbResult.Ok || (expected is not null && result == RpmbResult.NoAuthKey)) return Answer.Success;
        return result <= RpmbResult.NoAuthKey ? Answer.Error : Answer.Invalid;
    }
}
