namespace Sim.Devices.Sound;

/// <summary>
/// The PCM control requests that move a stream through its lifecycle (virtio 1.2, 5.14.6.6.1; codes
/// VIRTIO_SND_R_PCM_SET_PARAMS to VIRTIO_SND_R_PCM_STOP, <see cref="SoundLayout"/>).
/// </summary>
public enum PcmCommand
{
    /// <summary>VIRTIO_SND_R_PCM_SET_PARAMS (5.14.6.6.3).</summary>
    SetParams,

    /// <summary>VIRTIO_SND_R_PCM_PREPARE (5.14.6.6.4).</summary>
    Prepare,

    /// <summary>VIRTIO_SND_R_PCM_RELEASE (5.14.6.6.5).</summary>
    Release,

    /// <summary>VIRTIO_SND_R_PCM_START (5.14.6.6.6).</summary>
    Start,

    /// <summary>VIRTIO_SND_R_PCM_STOP (5.14.6.6.7).</summary>
    Stop,
}
