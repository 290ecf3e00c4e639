namespace Sim.Devices.Sound;

/// <summary>
/// Where a PCM stream is in its command lifecycle, as the device keeps it (virtio 1.2, 5.14.6.6.1): each state is named
/// after the last command that succeeded, plus <see cref="NoParameters"/> before any SET_PARAMS (a state the
/// specification does not name: a stream the driver has not configured yet). <see cref="PcmLifecycle"/> says which
/// command each state allows.
/// </summary>
public enum PcmState
{
    /// <summary>No SET_PARAMS has succeeded since the device was reset.</summary>
    NoParameters,

    /// <summary>After SET_PARAMS: the parameters are set, no resources taken.</summary>
    ParametersSet,

    /// <summary>After PREPARE: the stream is ready to run; an output stream takes I/O messages for pre-buffering.</summary>
    Prepared,

    /// <summary>After START: the device moves frames every period.</summary>
    Running,

    /// <summary>After STOP: the device moves no frames; pending I/O messages stay queued.</summary>
    Stopped,

    /// <summary>After RELEASE: the stream's resources are given back and every pending I/O message completed.</summary>
    Released,
}
