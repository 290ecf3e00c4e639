namespace Sim.Devices.Scmi;

/// <summary>
/// virtio-scmi transport facts (virtio 1.2, 5.17; Linux <c>include/uapi/linux/virtio_scmi.h</c>, checked by
/// <c>ScmiVirtioLayoutGoldenTests</c>):
/// <list type="bullet">
/// <item>Device ID 32 (<c>virtio_ids.h</c> VIRTIO_ID_SCMI).</item>
/// <item>Queue <see cref="CommandQueue"/> (cmdq): the driver posts each command as one device-readable buffer holding
/// the SCMI header and the command parameters, followed by one device-writable buffer the device fills with the
/// response: the same header, the status word and the return values (5.17.6.1). The device uses the chain with the
/// number of bytes written.</item>
/// <item>Queue <see cref="EventQueue"/> (eventq, only with <see cref="FeatureP2aChannels"/>): the driver posts empty
/// device-writable buffers; the device writes one notification (or delayed response) per buffer, the header then the
/// payload (5.17.6.2).</item>
/// </list>
/// Which VM's channel a message came in on identifies the SCMI agent; the simulator passes it as an agent id.
/// </summary>
public static class ScmiVirtioLayout
{
    /// <summary>Device ID of virtio-scmi (virtio 1.2, 5; VIRTIO_ID_SCMI).</summary>
    public const uint DeviceId = 32;

    /// <summary>VIRTIO_SCMI_F_P2A_CHANNELS (bit 0): the device sends notifications or delayed responses on the eventq.</summary>
    public const int FeatureP2aChannels = 0;

    /// <summary>VIRTIO_SCMI_F_SHARED_MEMORY (bit 1): the device exposes an SCMI statistics shared memory region.</summary>
    public const int FeatureSharedMemory = 1;

    /// <summary>VIRTIO_SCMI_VQ_TX: index of the command queue (cmdq).</summary>
    public const int CommandQueue = 0;

    /// <summary>VIRTIO_SCMI_VQ_RX: index of the event queue (eventq).</summary>
    public const int EventQueue = 1;

    /// <summary>VIRTIO_SCMI_VQ_MAX_CNT: number of virtqueues.</summary>
    public const int QueueCount = 2;

    /// <summary>
    /// Bytes after the header Linux's virtio-scmi driver allots to one message (<c>VIRTIO_SCMI_MAX_MSG_SIZE</c> in
    /// <c>drivers/firmware/arm_scmi/virtio.c</c>); a response longer than this would be truncated by that driver.
    /// </summary>
    public const int LinuxMaxMessageSize = 128;

    /// <summary>Feature <paramref name="bit"/> as a mask.</summary>
    public static ulong Mask(int bit) => 1UL << bit;
}
