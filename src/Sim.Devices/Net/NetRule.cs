namespace Sim.Devices.Net;

/// <summary>
/// The rules virtio-net's device enforces on the chains its driver makes, beyond the generic queue rules: the transmit
/// header (virtio 1.2, 5.1.6.2 and the driver requirements 5.1.6.2.1) and the control chain's shape (5.1.6.5). Breaking
/// one is a finding and DEVICE_NEEDS_RESET, like a broken queue rule. <see cref="NetRules.Describe"/> gives each rule's
/// stable name (the finding's rule) and spec section.
/// </summary>
public enum NetRule
{
    /// <summary>A device-writable buffer in a transmit chain (transmit buffers are device-readable only).</summary>
    TxWritableBuffer,
    /// <summary>A transmit chain with fewer readable bytes than a <c>virtio_net_hdr_v1</c>.</summary>
    TxHeaderTooShort,
    /// <summary>A transmit header with num_buffers not zero.</summary>
    TxNumBuffersNotZero,
    /// <summary>Transmit flags set without VIRTIO_NET_F_CSUM, or DATA_VALID / RSC_INFO set.</summary>
    TxFlagsNotAllowed,
    /// <summary>A NEEDS_CSUM checksum that ends past the packet.</summary>
    TxChecksumOutsidePacket,
    /// <summary>A gso_type that is no GSO type (or ECN with a non-TCP type).</summary>
    TxUnknownGsoType,
    /// <summary>A GSO type whose HOST_* feature (or HOST_ECN) was not negotiated.</summary>
    TxGsoNotNegotiated,
    /// <summary>A GSO packet without NEEDS_CSUM.</summary>
    TxGsoWithoutChecksum,
    /// <summary>A GSO packet with gso_size 0.</summary>
    TxGsoSizeZero,
    /// <summary>A control queue chain without a device-readable class/command header or without a device-writable ack byte.</summary>
    CtrlMalformedChain,
}

/// <summary>The stable name and spec section of each <see cref="NetRule"/>, for findings.</summary>
public static class NetRules
{
    /// <summary>(name, spec section) of <paramref name="rule"/>.</summary>
    public static (string Name, string Section) Describe(NetRule rule) => rule switch
    {
        NetRule.TxWritableBuffer => ("net-tx-writable-buffer", "virtio 1.2, 5.1.6.2"),
        NetRule.TxHeaderTooShort => ("net-tx-header-too-short", "virtio 1.2, 5.1.6 / 5.1.6.2"),
        NetRule.TxNumBuffersNotZero => ("net-tx-num-buffers-not-zero", "virtio 1.2, 5.1.6.2.1"),
        NetRule.TxFlagsNotAllowed => ("net-tx-flags-not-allowed", "virtio 1.2, 5.1.6.2.1"),
        NetRule.TxChecksumOutsidePacket => ("net-tx-checksum-outside-packet", "virtio 1.2, 5.1.6.2; Linux virtio_net_hdr_to_skb"),
        NetRule.TxUnknownGsoType => ("net-tx-unknown-gso-type", "virtio 1.2, 5.1.6"),
        NetRule.TxGsoNotNegotiated => ("net-tx-gso-not-negotiated", "virtio 1.2, 5.1.6.2.1"),
        NetRule.TxGsoWithoutChecksum => ("net-tx-gso-without-checksum", "virtio 1.2, 5.1.6.2.1"),
        NetRule.TxGsoSizeZero => ("net-tx-gso-size-zero", "virtio 1.2, 5.1.6.2.1"),
        NetRule.CtrlMalformedChain => ("net-ctrl-malformed-chain", "virtio 1.2, 5.1.6.5"),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };
}
