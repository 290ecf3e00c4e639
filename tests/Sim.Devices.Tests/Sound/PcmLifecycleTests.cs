using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Sound;
using Sim.Tests.Shared;

namespace Sim.Devices.Tests.Sound;

/// <summary>
/// The PCM command lifecycle (virtio 1.2, 5.14.6.6.1) the device enforces: every (state, command) pair is allowed or
/// refused as the specification's list of valid transitions says (written out here independently of
/// <see cref="PcmLifecycle"/>), and any random sequence of control requests, valid or not, never throws and moves each
/// stream exactly as that list says, answering a refused command VIRTIO_SND_S_BAD_MSG.
/// </summary>
public sealed class PcmLifecycleTests
{
    /// <summary>The specification's "possible valid transitions" from each state; NoParameters (before any SET_PARAMS) is the model's own.</summary>
    private static readonly Dictionary<PcmState, PcmCommand[]> Valid = new()
    {
        [PcmState.NoParameters] = [PcmCommand.SetParams],
        [PcmState.ParametersSet] = [PcmCommand.SetParams, PcmCommand.Prepare],
        [PcmState.Prepared] = [PcmCommand.SetParams, PcmCommand.Prepare, PcmCommand.Start, PcmCommand.Release],
        [PcmState.Running] = [PcmCommand.Stop],
        [PcmState.Stopped] = [PcmCommand.Start, PcmCommand.Release],
        [PcmState.Released] = [PcmCommand.SetParams, PcmCommand.Prepare],
    };

    private static readonly PcmParameters Good = new(7680, 1920, 0, 2, SoundLayout.PcmFormat.S16, SoundLayout.PcmRate.Hz48000);

    public static TheoryData<PcmState, PcmCommand> Pairs()
    {
        var data = new TheoryData<PcmState, PcmCommand>();
        foreach (var state in Enum.GetValues<PcmState>())
            foreach (var command in Enum.GetValues<PcmCommand>()) data.Add(state, command);
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Every_transition_is_allowed_or_refused_as_the_specification_lists(PcmState state, PcmCommand command)
    {
        bool valid = Valid[state].Contains(command);
        Assert.Equal(valid, PcmLifecycle.Allows(state, command));
        var stream = new PcmDeviceStream(PcmStreamInfo.Playback(SoundLayout.PcmRate.Hz48000)) { State = state, Parameters = Good };
        var device = new SoundControlDevice([stream]);
        var outcome = device.Handle(Request(command, 0, Good), SoundLayout.PcmSetParams.Size, SoundLayout.Hdr.Size, new byte[device.MaxResponseBytes]);
        Assert.Equal(valid ? SoundLayout.StatusOk : SoundLayout.StatusBadMsg, outcome.Status);
        Assert.Equal(valid ? PcmLifecycle.After(command) : state, stream.State);
        Assert.Equal(valid ? command : null, outcome.Succeeded);
    }

    [Fact]
    public void Any_sequence_of_control_requests_never_throws_and_follows_the_lifecycle()
    {
        var requests = Gen.ArrayOf(
            from command in Gen.Elements(Enum.GetValues<PcmCommand>())
            from stream in Gen.Choose(0, 2)
            from goodParams in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
            select (Command: command, Stream: stream, GoodParams: goodParams));
        var property = Prop.ForAll(Arb.From(requests), sequence =>
        {
            var streams = new[] { new PcmDeviceStream(PcmStreamInfo.Playback(SoundLayout.PcmRate.Hz48000)), new PcmDeviceStream(PcmStreamInfo.Playback(SoundLayout.PcmRate.Hz48000)) };
            var device = new SoundControlDevice(streams);
            var response = new byte[device.MaxResponseBytes];
            foreach (var (command, id, goodParams) in sequence)
            {
                var parameters = goodParams ? Good : Good with { Format = SoundLayout.PcmFormat.Float };
                var before = id < streams.Length ? streams[id].State : (PcmState?)null;
                var outcome = device.Handle(Request(command, (uint)id, parameters), SoundLayout.PcmSetParams.Size, SoundLayout.Hdr.Size, response);
                bool valid = before is { } state && Valid[state].Contains(command) && (command != PcmCommand.SetParams || goodParams);
                uint expected = valid ? SoundLayout.StatusOk
                    : before is { } s && Valid[s].Contains(command) ? SoundLayout.StatusNotSupported
                    : SoundLayout.StatusBadMsg;
                if (outcome.Status != expected || BinaryPrimitives.ReadUInt32LittleEndian(response) != expected) return false.Label($"{command} on {id} in {before}: 0x{outcome.Status:x}");
                if (before is { } was && streams[id].State != (valid ? PcmLifecycle.After(command) : was)) return false.Label($"{command} on {id}: {was} -> {streams[id].State}");
            }
            return true.Label("ok");
        });
        Check.One(PropertyRuns.Config(300), property);
    }

    /// <summary>A lifecycle request: SET_PARAMS with <paramref name="parameters"/>, the others a <c>virtio_snd_pcm_hdr</c>.</summary>
    private static byte[] Request(PcmCommand command, uint stream, PcmParameters parameters)
    {
        var request = new byte[SoundLayout.PcmSetParams.Size];
        if (command == PcmCommand.SetParams) parameters.EncodeSetParams(stream, request);
        else SoundLayout.EncodePcmHeader(PcmLifecycle.CodeOf(command), stream, request);
        return request;
    }
}
