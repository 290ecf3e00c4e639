using Sim.Core.Randomness;
using Sim.Devices.Sound;

namespace Sim.Devices.Adversaries.Requests;

/// <summary>
/// virtio-snd control requests for a hostile driver (virtio 1.2, 5.14.6): a <c>virtio_snd_hdr</c>-led request on controlq
/// answered by a <c>virtio_snd_hdr</c> status. Well-formed: VIRTIO_SND_R_PCM_INFO of stream 0. Garbage: any code followed
/// by any bytes, room for an answer of any size or none. A code the spec does not define must be answered with an error
/// status (VIRTIO_SND_S_BAD_MSG or NOT_SUPP); anything else may succeed or fail.
/// </summary>
public sealed class SoundMalformedRequests : IMalformedRequests
{
    private static readonly uint[] Codes = [SoundLayout.RequestJackInfo, SoundLayout.RequestJackRemap, SoundLayout.RequestPcmInfo, SoundLayout.RequestPcmSetParams,
        SoundLayout.RequestPcmPrepare, SoundLayout.RequestPcmRelease, SoundLayout.RequestPcmStart, SoundLayout.RequestPcmStop, SoundLayout.RequestChmapInfo];

    private static readonly Func<byte[], uint, Answer> Judge =
        RequestJudges.Status32(SoundLayout.StatusOk, SoundLayout.StatusBadMsg, SoundLayout.StatusNotSupported, SoundLayout.StatusIoError);

    /// <inheritdoc />
    public ulong Features => 0;

    /// <inheritdoc />
    public int QueueCount => SoundLayout.QueueCount;

    /// <inheritdoc />
    public int RequestQueue => SoundLayout.ControlQueue;

    /// <inheritdoc />
    public HostileRequest WellFormed(ActorRandom random)
    {
        var request = new byte[SoundLayout.QueryInfo.Size];
        SoundLayout.EncodeQueryInfo(SoundLayout.RequestPcmInfo, 0, 1, SoundLayout.PcmInfo.Size, request);
        return new HostileRequest("well-formed", [request], [SoundLayout.Hdr.Size + SoundLayout.PcmInfo.Size], Expectation.MustSucceed, true, Judge);
    }

    /// <inheritdoc />
    public HostileRequest GarbageHeader(ActorRandom random)
    {
        uint code = random.Next(4) == 0 ? (uint)random.Next() : Codes[random.Next(Codes.Length)];
        var request = RequestJudges.Bytes(random, SoundLayout.Hdr.Size + random.Next(0, 40));
        BitConverter.TryWriteBytes(request.AsSpan(SoundLayout.Hdr.Code), code);
        if (random.Next(2) == 0 && request.Length >= SoundLayout.PcmHdr.Size)
            BitConverter.TryWriteBytes(request.AsSpan(SoundLayout.PcmHdr.StreamId), (uint)random.Next(3));   // mostly a stream that exists
        int[] writable = random.Next(8) == 0 ? [] : [SoundLayout.Hdr.Size + random.Next(0, 64)];
        if (writable.Length == 0) return new HostileRequest("garbage-header", [request], [random.Next(1, SoundLayout.Hdr.Size)], Expectation.MustFail, true, Judge);
        return new HostileRequest("garbage-header", [request], writable, Codes.Contains(code) ? Expectation.Either : Expectation.MustFail, true, Judge);
    }
}
