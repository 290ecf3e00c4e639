namespace Sim.Devices.Rpmb;

/// <summary>The request a virtio-rpmb driver has in flight (virtio 1.2, 5.12.6), chosen by where it is in its protocol.</summary>
public enum RpmbOperation
{
    /// <summary>Programming the key, with a RESULT_READ (5.12.6.1.1): first, once.</summary>
    ProgramKey,
    /// <summary>Reading the write counter with a nonce (5.12.6.1.2): after the key, and after a counter mismatch.</summary>
    GetCounter,
    /// <summary>An authenticated data write with a RESULT_READ (5.12.6.1.3).</summary>
    Write,
    /// <summary>An authenticated data read with a nonce (5.12.6.1.4).</summary>
    Read,
}
