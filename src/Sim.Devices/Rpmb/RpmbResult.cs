namespace Sim.Devices.Rpmb;

/// <summary>
/// The operation results a device writes in <c>result</c> ("RPMB Operation Results", virtio 1.2, 5.12.6.1). The low
/// bits are a code; <see cref="WriteCounterExpired"/> (0x0080) is a flag that, as in eMMC (JESD84-B51, 6.6.22), is
/// combined with the code once the write counter has reached 0xFFFF_FFFF (5.12.6.3), so <c>0x0080</c> alone reads
/// "OK, counter expired" and <c>0x0082</c> "authentication failure, counter expired".
/// </summary>
public enum RpmbResult : ushort
{
    /// <summary><c>VIRTIO_RPMB_RES_OK</c> (5.12.6.1).</summary>
    Ok = 0x0000,

    /// <summary><c>VIRTIO_RPMB_RES_GENERAL_FAILURE</c>: a wrong block count, or another error (5.12.6.1.1-5).</summary>
    GeneralFailure = 0x0001,

    /// <summary><c>VIRTIO_RPMB_RES_AUTH_FAILURE</c>: the MAC in a write does not match (5.12.6.1.3).</summary>
    AuthFailure = 0x0002,

    /// <summary><c>VIRTIO_RPMB_RES_COUNT_FAILURE</c>: the write counter in a write is not the device's (5.12.6.1.3).</summary>
    CountFailure = 0x0003,

    /// <summary><c>VIRTIO_RPMB_RES_ADDR_FAILURE</c>: the addressed blocks are out of range (5.12.6.1.3, 5.12.6.1.4).</summary>
    AddrFailure = 0x0004,

    /// <summary><c>VIRTIO_RPMB_RES_WRITE_FAILURE</c>: the write or the key programming itself failed (5.12.6.1.1, 5.12.6.1.3).</summary>
    WriteFailure = 0x0005,

    /// <summary><c>VIRTIO_RPMB_RES_READ_FAILURE</c>: fetching the addressed data failed (5.12.6.1.4).</summary>
    ReadFailure = 0x0006,

    /// <summary><c>VIRTIO_RPMB_RES_NO_AUTH_KEY</c>: no authentication key is programmed yet (5.12.6.1.2-4).</summary>
    NoAuthKey = 0x0007,

    /// <summary><c>VIRTIO_RPMB_RES_WRITE_COUNTER_EXPIRED</c>: the flag set once the counter is 0xFFFF_FFFF (5.12.6.1.3, 5.12.6.3).</summary>
    WriteCounterExpired = 0x0080,
}
