namespace Sim.Devices.Sound;

/// <summary>
/// One PCM stream as the device keeps it (virtio 1.2, 5.14.6.6): what it supports (<see cref="PcmStreamInfo"/>), where
/// it is in its lifecycle (<see cref="PcmState"/>) and the parameters its last SET_PARAMS set. Device state, owned by
/// the one backend that serves the stream.
/// </summary>
public sealed class PcmDeviceStream
{
    /// <summary>A stream supporting <paramref name="info"/>, before any SET_PARAMS.</summary>
    public PcmDeviceStream(PcmStreamInfo info) => Info = info;

    /// <summary>What the stream supports (its VIRTIO_SND_R_PCM_INFO item).</summary>
    public PcmStreamInfo Info { get; }

    /// <summary>Where the stream is in its lifecycle.</summary>
    public PcmState State { get; set; } = PcmState.NoParameters;

    /// <summary>The parameters of the last successful SET_PARAMS (default before one).</summary>
    public PcmParameters Parameters { get; set; }

    /// <summary>Back to the state after a device reset: no parameters.</summary>
    public void Reset()
    {
        State = PcmState.NoParameters;
        Parameters = default;
    }
}
