using System.Buffers.Binary;

namespace Sim.Devices.Sound;

/// <summary>
/// The control requests a virtio-snd driver sends to bring its streams up, one at a time as Linux's
/// <c>virtsnd_ctl_msg_send</c> waits for each (virtio 1.2, 5.14.5 and 5.14.6), in Linux <c>virtsnd_build_devs</c>'s
/// order: VIRTIO_SND_R_JACK_INFO for every jack the configuration names (<c>virtsnd_jack_parse_cfg</c>, 5.14.6.4.1;
/// none asked when it names none), VIRTIO_SND_R_PCM_INFO for every stream (<c>virtsnd_pcm_parse_cfg</c>),
/// VIRTIO_SND_R_CHMAP_INFO for every channel map (<c>virtsnd_chmap_parse_cfg</c>, 5.14.6.9.1; likewise), then per
/// stream the application's open: SET_PARAMS (ALSA <c>hw_params</c>), PREPARE, the pre-fill of the buffer (the
/// caller's, between PREPARE and START: output pre-buffering, 5.14.6.6.1, or for an input stream every period's
/// message posted on the rxq; Linux sends the I/O messages at the trigger, before START) and START. The output streams
/// come first, then the input streams. Each answer is checked: a status other than VIRTIO_SND_S_OK, an INFO answer
/// shorter than its items, a stream of the wrong direction or not supporting the parameters, or a jack or channel map
/// that <see cref="SoundTopologyCheck"/> rejects fails the start-up. Jacks or channel maps beyond what the caller's
/// response buffer holds are not asked for. Pure: the caller moves the bytes.
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
    /// <param name="Section">The section a malformed answer breaks (null: a refusal, 5.14.6.6).</param>
    public readonly record struct Answer(Action Do, int Stream = 0, string? Problem = null, string? Section = null);

    private enum Step { Jacks, Info, Chmaps, SetParams, Prepare, Start, Done }

    private readonly int _streams, _outputs, _jacks, _chmaps;
    private readonly PcmParameters _parameters, _captureParameters;
    private Step _step;
    private int _stream;

    /// <summary>The start-up of <paramref name="streams"/> output streams, each with <paramref name="parameters"/>, on a device with no jacks or channel maps.</summary>
    public PcmStartup(int streams, PcmParameters parameters)
        : this(streams, 0, parameters, parameters, 0, 0, int.MaxValue)
    {
    }

    /// <summary>
    /// The start-up of <paramref name="outputs"/> output streams with <paramref name="parameters"/> and then
    /// <paramref name="inputs"/> input streams with <paramref name="captureParameters"/>, on a device whose configuration names <paramref name="jacks"/> jacks and
    /// <paramref name="chmaps"/> channel maps, with <paramref name="responseCapacity"/> bytes of response buffer.
    /// </summary>
    public PcmStartup(int outputs, int inputs, PcmParameters parameters, PcmParameters captureParameters, uint jacks, uint chmaps, int responseCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(inputs);
        _outputs = outputs;
        _streams = outputs + inputs;
        _parameters = parameters;
        _captureParameters = captureParameters;
        int room = Math.Max(0, responseCapacity - SoundLayout.Hdr.Size);
        _jacks = (int)Math.Min(jacks, (uint)(room / SoundLayout.JackInfo.Size));
        _chmaps = (int)Math.Min(chmaps, (uint)(room / SoundLayout.ChmapInfo.Size));
        _step = _jacks > 0 ? Step.Jacks : Step.Info;
    }

    /// <summary>The response bytes the next request expects: a status, and for an INFO request every item.</summary>
    public int ResponseBytes => SoundLayout.Hdr.Size + _step switch
    {
        Step.Jacks => _jacks * SoundLayout.JackInfo.Size,
        Step.Info => _streams * SoundLayout.PcmInfo.Size,
        Step.Chmaps => _chmaps * SoundLayout.ChmapInfo.Size,
        _ => 0,
    };

    /// <summary>Whether stream <paramref name="stream"/> is an input stream (after the output streams).</summary>
    public bool IsInput(int stream) => stream >= _outputs;

    /// <summary>The parameters stream <paramref name="stream"/> is opened with.</summary>
    public PcmParameters ParametersOf(int stream) => IsInput(stream) ? _captureParameters : _parameters;

    /// <summary>Whether every stream is started.</summary>
    public bool IsDone => _step == Step.Done;

    /// <summary>Writes the next request into <paramref name="request"/> (at least 24 bytes); returns its length, 0 when done.</summary>
    public int NextRequest(Span<byte> request)
    {
        switch (_step)
        {
            case Step.Jacks:
                SoundLayout.EncodeQueryInfo(SoundLayout.RequestJackInfo, 0, (uint)_jacks, SoundLayout.JackInfo.Size, request);
                return SoundLayout.QueryInfo.Size;
            case Step.Info:
                SoundLayout.EncodeQueryInfo(SoundLayout.RequestPcmInfo, 0, (uint)_streams, SoundLayout.PcmInfo.Size, request);
                return SoundLayout.QueryInfo.Size;
            case Step.Chmaps:
                SoundLayout.EncodeQueryInfo(SoundLayout.RequestChmapInfo, 0, (uint)_chmaps, SoundLayout.ChmapInfo.Size, request);
                return SoundLayout.QueryInfo.Size;
            case Step.SetParams:
                ParametersOf(_stream).EncodeSetParams((uint)_stream, request);
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
            Step.Jacks => "JACK_INFO",
            Step.Info => "PCM_INFO",
            Step.Chmaps => "CHMAP_INFO",
            Step.SetParams => $"PCM_SET_PARAMS for stream {_stream}",
            Step.Prepare => $"PCM_PREPARE for stream {_stream}",
            _ => $"PCM_START for stream {_stream}",
        };
        if (response.Length < SoundLayout.Hdr.Size) return Fail($"{request}: the device wrote {response.Length} bytes, no virtio_snd_hdr status");
        uint status = BinaryPrimitives.ReadUInt32LittleEndian(response);
        if (status != SoundLayout.StatusOk) return Fail($"{request}: status 0x{status:x}, not VIRTIO_SND_S_OK");
        switch (_step)
        {
            case Step.Jacks:
                if (response.Length < ResponseBytes) return Fail($"{request}: {response.Length} bytes, fewer than {_jacks} virtio_snd_jack_info items");
                if (SoundTopologyCheck.Jacks(response[SoundLayout.Hdr.Size..], _jacks) is { } jackProblem) return Fail($"{request}: {jackProblem}", SoundTopologyCheck.JackSection);
                _step = Step.Info;
                return new Answer(Action.Next);
            case Step.Info:
                if (response.Length < ResponseBytes) return Fail($"{request}: {response.Length} bytes, fewer than {_streams} virtio_snd_pcm_info items");
                for (int s = 0; s < _streams; s++)
                {
                    var info = PcmStreamInfo.Decode(response[(SoundLayout.Hdr.Size + s * SoundLayout.PcmInfo.Size)..]);
                    byte direction = IsInput(s) ? SoundLayout.DirectionInput : SoundLayout.DirectionOutput;
                    var wanted = ParametersOf(s);
                    if (info.Direction != direction || !info.Supports(wanted))
                        return Fail($"stream {s} is not an {(IsInput(s) ? "input" : "output")} stream supporting S16, {SoundRates.HertzOf(wanted.Rate)} Hz, {wanted.Channels} channels");
                }
                _step = _chmaps > 0 ? Step.Chmaps : Step.SetParams;
                return new Answer(Action.Next);
            case Step.Chmaps:
                if (response.Length < ResponseBytes) return Fail($"{request}: {response.Length} bytes, fewer than {_chmaps} virtio_snd_chmap_info items");
                if (SoundTopologyCheck.ChannelMaps(response[SoundLayout.Hdr.Size..], _chmaps) is { } mapProblem) return Fail($"{request}: {mapProblem}", SoundTopologyCheck.ChmapSection);
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

    private Answer Fail(string problem, string? section = null)
    {
        _step = Step.Done;
        return new Answer(Action.Failed, _stream, problem, section);
    }
}
