using System.Buffers.Binary;

namespace Sim.Devices.Sound;

/// <summary>
/// The control requests a virtio-snd driver sends to bring its output streams up, one at a time as Linux's
/// <c>virtsnd_ctl_msg_send</c> waits for each (virtio 1.2, 5.14.5 and 5.14.6.6): VIRTIO_SND_R_PCM_INFO for every
/// stream (Linux <c>virtsnd_pcm_parse_cfg</c>; the device has no jacks or channel maps, so no JACK_INFO or CHMAP_INFO),
/// then per stream the application's open: SET_PARAMS (ALSA <c>hw_params</c>), PREPARE, the pre-fill of the buffer
/// (the caller's, between PREPARE and START: 5.14.6.6.1, output pre-buffering; Linux sends the I/O messages at the
/// trigger, before START) and START. Each answer is checked: a status other than VIRTIO_SND_S_OK, a PCM_INFO answer
/// shorter than its items, or a stream that is not an output stream supporting the parameters fails the start-up.
/// Pure: the caller moves the bytes.
/// </summary>
public sealed class PcmStartup
{
    /// <summary>What the caller does after an answer.</summary>
    public enum Action
    {
        /// <summary>Send the next request.</summary>
        Next,
        /// <summary>Fill <see cref="Answer.Stream"/>'s buffer, then send the next request.</summary>
        Prefill,
        /// <summary>Every stream is started: nothing more to send.</summary>
        Done,
        /// <summary>The device refused (see <see cref="Answer.Problem"/>): stop.</summary>
        Failed,
    }

    /// <summary>What to do after an answer, for which stream, and why a start-up failed.</summary>
    /// <param name="Do">The action.</param>
    /// <param name="Stream">The stream it concerns.</param>
    /// <param name="Problem">Why the start-up failed (with <see cref="Action.Failed"/>).</param>
    public readonly record struct Answer(Action Do, int Stream = 0, string? Problem = null);

    private enum Step { Info, SetParams, Prepare, Start, Done }

    private readonly int _streams;
    private readonly PcmParameters _parameters;
    private Step _step = Step.Info;
    private int _stream;

    /// <summary>The start-up of <paramref name="streams"/> output streams, each with <paramref name="parameters"/>.</summary>
    public PcmStartup(int streams, PcmParameters parameters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(streams, 1);
        _streams = streams;
        _parameters = parameters;
    }

    /// <summary>The response bytes the next request expects: a status, and for PCM_INFO every stream's item.</summary>
    public int ResponseBytes => SoundLayout.Hdr.Size + (_step == Step.Info ? _streams * SoundLayout.PcmInfo.Size : 0);

    /// <summary>Whether every stream is started.</summary>
    public bool IsDone => _step == Step.Done;

    /// <summary>Writes the next request into <paramref name="request"/> (at least 24 bytes); returns its length, 0 when done.</summary>
    public int NextRequest(Span<byte> request)
    {
        switch (_step)
        {
            case Step.Info:
                SoundLayout.EncodeQueryInfo(SoundLayout.RequestPcmInfo, 0, (uint)_streams, SoundLayout.PcmInfo.Size, request);
                return SoundLayout.QueryInfo.Size;
            case Step.SetParams:
                _parameters.EncodeSetParams((uint)_stream, request);
                return SoundLayout.PcmSetParams.Size;
            case Step.Prepare:
                SoundLayout.EncodePcmHeader(SoundLayout.RequestPcmPrepare, (uint)_stream, request);
                return SoundLayout.PcmHdr.Size;
            case Step.Start:
                SoundLayout.EncodePcmHeader(SoundLayout.RequestPcmStart, (uint)_stream, request);
                return SoundLayout.PcmHdr.Size;
            default:
                return 0;
        }
    }

    /// <summary>The device answered the last request with <paramref name="response"/> (the bytes it wrote).</summary>
    public Answer Answered(ReadOnlySpan<byte> response)
    {
        if (_step == Step.Done) return new Answer(Action.Done);
        string request = _step switch
        {
            Step.Info => "PCM_INFO",
            Step.SetParams => $"PCM_SET_PARAMS for stream {_stream}",
            Step.Prepare => $"PCM_PREPARE for stream {_stream}",
            _ => $"PCM_START for stream {_stream}",
        };
        if (response.Length < SoundLayout.Hdr.Size) return Fail($"{request}: the device wrote {response.Length} bytes, no virtio_snd_hdr status");
        uint status = BinaryPrimitives.ReadUInt32LittleEndian(response);
        if (status != SoundLayout.StatusOk) return Fail($"{request}: status 0x{status:x}, not VIRTIO_SND_S_OK");
        switch (_step)
        {
            case Step.Info:
                if (response.Length < ResponseBytes) return Fail($"{request}: {response.Length} bytes, fewer than {_streams} virtio_snd_pcm_info items");
                for (int s = 0; s < _streams; s++)
                {
                    var info = PcmStreamInfo.Decode(response[(SoundLayout.Hdr.Size + s * SoundLayout.PcmInfo.Size)..]);
                    if (info.Direction != SoundLayout.DirectionOutput || !info.Supports(_parameters))
                        return Fail($"stream {s} is not an output stream supporting S16, {SoundRates.HertzOf(_parameters.Rate)} Hz, {_parameters.Channels} channels");
                }
                _step = Step.SetParams;
                return new Answer(Action.Next);
            case Step.SetParams:
                _step = Step.Prepare;
                return new Answer(Action.Next);
            case Step.Prepare:
                _step = Step.Start;
                return new Answer(Action.Prefill, _stream);
            default:
                int started = _stream;
                if (++_stream < _streams) _step = Step.SetParams;
                else _step = Step.Done;
                return new Answer(_step == Step.Done ? Action.Done : Action.Next, started);
        }
    }

    private Answer Fail(string problem)
    {
        _step = Step.Done;
        return new Answer(Action.Failed, _stream, problem);
    }
}
