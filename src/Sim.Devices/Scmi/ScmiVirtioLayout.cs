using Sim.Devices.Scmi.Protocol;

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
public static partial class ScmiVirtioLayout
{
    /// <summary>Feature <paramref name="bit"/> as a mask.</summary>
    public static ulong Mask(int bit) => 1UL << bit;
}
