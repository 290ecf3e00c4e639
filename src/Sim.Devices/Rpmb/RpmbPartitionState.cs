namespace Sim.Devices.Rpmb;

/// <summary>
/// The life of an RPMB partition (virtio 1.2, 5.12.6.3; eMMC JESD84-B51, 6.6.22): the one-time key is programmed once,
/// then authenticated writes advance the write counter until it reaches 0xFFFF_FFFF, after which no write is accepted.
/// Nothing leads back to an earlier state: the key "cannot be overwritten, erased or read" and the counter "cannot be reset".
/// </summary>
public enum RpmbPartitionState
{
    /// <summary>No authentication key yet: writes, reads and get-counter answer NO_AUTH_KEY (5.12.6.1.2-4).</summary>
    KeyNotProgrammed,

    /// <summary>Key programmed, counter below 0xFFFF_FFFF: authenticated writes are accepted (5.12.6.1.3).</summary>
    Programmed,

    /// <summary>
    /// Key programmed and counter at 0xFFFF_FFFF: "it will not be incremented anymore" (5.12.6.3), writes are refused
    /// with the WRITE_COUNTER_EXPIRED flag (5.12.6.1.3) and every result carries that flag.
    /// </summary>
    CounterExpired,
}
