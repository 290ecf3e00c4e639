namespace Sim.Devices.Net;

/// <summary>
/// Why a transmit chain is not a valid virtio-net packet (virtio 1.2, 5.1.6.2 and its driver requirements
/// 5.1.6.2.1). A device model reports it as a queue violation (<see cref="NetTxErrors.Rule"/>) and stops using the device until reset.
/// </summary>
public enum NetTxError
{
    /// <summary>The packet is valid.</summary>
    None,
    /// <summary>A device-writable buffer in a transmit chain: transmit buffers are device-readable only (5.1.6.2).</summary>
    WritableBuffer,
    /// <summary>Fewer readable bytes than a <c>virtio_net_hdr_v1</c> (5.1.6).</summary>
    HeaderTooShort,
    /// <summary>The access path refused a header buffer.</summary>
    BufferRefused,
    /// <summary>num_buffers is not zero: the driver MUST set it to zero on transmit (5.1.6.2.1).</summary>
    NumBuffersNotZero,
    /// <summary>Flags set without VIRTIO_NET_F_CSUM (the driver MUST set flags to zero), or DATA_VALID / RSC_INFO set (MUST NOT) (5.1.6.2.1).</summary>
    FlagsNotAllowed,
    /// <summary>NEEDS_CSUM with a checksum (csum_start + csum_offset + 2 bytes) that ends past the packet (Linux virtio_net_hdr_to_skb).</summary>
    ChecksumOutsidePacket,
    /// <summary>A gso_type that is none of NONE, TCPV4, UDP, TCPV6, UDP_L4, or ECN with a non-TCP type (5.1.6).</summary>
    UnknownGsoType,
    /// <summary>A GSO type whose HOST_* feature was not negotiated (HOST_TSO4, HOST_TSO6, HOST_UFO, HOST_USO, HOST_ECN) (5.1.6.2.1).</summary>
    GsoNotNegotiated,
    /// <summary>A GSO packet without NEEDS_CSUM: the driver MUST set it with any gso_type other than NONE (5.1.6.2.1).</summary>
    GsoWithoutChecksum,
    /// <summary>A GSO packet with gso_size 0: the driver MUST set gso_size to the MSS (5.1.6.2.1).</summary>
    GsoSizeZero,
}

/// <summary>
/// The virtio-net rule each <see cref="NetTxError"/> breaks (virtio 1.2, 5.1.6.2 / 5.1.6.2.1): a malformed transmit chain
/// is a device-rule finding (named by <see cref="NetRules.Describe"/>), and DEVICE_NEEDS_RESET.
/// </summary>
public static class NetTxErrors
{
    /// <summary>The rule <paramref name="error"/> breaks; <see cref="NetTxError.None"/> and <see cref="NetTxError.BufferRefused"/> have none (the latter is the queue's own <see cref="Virtio.Queues.QueueRule.BufferOutsideMemory"/>).</summary>
    public static NetRule Rule(this NetTxError error) => error switch
    {
        NetTxError.WritableBuffer => NetRule.TxWritableBuffer,
        NetTxError.HeaderTooShort => NetRule.TxHeaderTooShort,
        NetTxError.NumBuffersNotZero => NetRule.TxNumBuffersNotZero,
        NetTxError.FlagsNotAllowed => NetRule.TxFlagsNotAllowed,
        NetTxError.ChecksumOutsidePacket => NetRule.TxChecksumOutsidePacket,
        NetTxError.UnknownGsoType => NetRule.TxUnknownGsoType,
        NetTxError.GsoNotNegotiated => NetRule.TxGsoNotNegotiated,
        NetTxError.GsoWithoutChecksum => NetRule.TxGsoWithoutChecksum,
        NetTxError.GsoSizeZero => NetRule.TxGsoSizeZero,
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "not a transmit rule"),
    };
}
