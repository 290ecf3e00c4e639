namespace Sim.Devices.Sound;

/// <summary>
/// The PCM command lifecycle of virtio 1.2, 5.14.6.6.1, as an explicit table: after SET_PARAMS the valid next commands
/// are SET_PARAMS and PREPARE; after PREPARE, SET_PARAMS, PREPARE, START and RELEASE; after START, STOP; after STOP,
/// START and RELEASE; after RELEASE, SET_PARAMS and PREPARE. The section is descriptive (it has no device requirement);
/// this device enforces it, as vhost-device-sound and crosvm do, and answers a command the table does not allow with
/// VIRTIO_SND_S_BAD_MSG, leaving the state as it was. Before any SET_PARAMS (<see cref="PcmState.NoParameters"/>, where
/// the specification is silent) only SET_PARAMS is allowed: there is nothing to prepare. A command that succeeds moves
/// the stream to the state named after it. Pure.
/// </summary>
public static class PcmLifecycle
{
    /// <summary>Whether <paramref name="command"/> is valid for a stream in <paramref name="state"/>.</summary>
    public static bool Allows(PcmState state, PcmCommand command) => command switch
    {
        PcmCommand.SetParams => state is PcmState.NoParameters or PcmState.ParametersSet or PcmState.Prepared or PcmState.Released,
        PcmCommand.Prepare => state is PcmState.ParametersSet or PcmState.Prepared or PcmState.Released,
        PcmCommand.Start => state is PcmState.Prepared or PcmState.Stopped,
        PcmCommand.Stop => state is PcmState.Running,
        PcmCommand.Release => state is PcmState.Prepared or PcmState.Stopped,
        _ => false,
    };

    /// <summary>The state a successful <paramref name="command"/> leaves the stream in.</summary>
    public static PcmState After(PcmCommand command) => command switch
    {
        PcmCommand.SetParams => PcmState.ParametersSet,
        PcmCommand.Prepare => PcmState.Prepared,
        PcmCommand.Start => PcmState.Running,
        PcmCommand.Stop => PcmState.Stopped,
        PcmCommand.Release => PcmState.Released,
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "not a PCM lifecycle command"),
    };

    /// <summary>Whether an output stream in <paramref name="state"/> takes I/O messages (5.14.6.6.1: pre-buffering after PREPARE; queued while stopped).</summary>
    public static bool TakesMessages(PcmState state) => state is PcmState.Prepared or PcmState.Running or PcmState.Stopped;

    /// <summary>The command a request code names, or null for a code that is not a lifecycle command.</summary>
    public static PcmCommand? CommandOf(uint code) => code switch
    {
        SoundLayout.RequestPcmSetParams => PcmCommand.SetParams,
        SoundLayout.RequestPcmPrepare => PcmCommand.Prepare,
        SoundLayout.RequestPcmRelease => PcmCommand.Release,
        SoundLayout.RequestPcmStart => PcmCommand.Start,
        SoundLayout.RequestPcmStop => PcmCommand.Stop,
        _ => null,
    };

    /// <summary>The request code of <paramref name="command"/>.</summary>
    public static uint CodeOf(PcmCommand command) => command switch
    {
        PcmCommand.SetParams => SoundLayout.RequestPcmSetParams,
        PcmCommand.Prepare => SoundLayout.RequestPcmPrepare,
        PcmCommand.Release => SoundLayout.RequestPcmRelease,
        PcmCommand.Start => SoundLayout.RequestPcmStart,
        PcmCommand.Stop => SoundLayout.RequestPcmStop,
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "not a PCM lifecycle command"),
    };
}
