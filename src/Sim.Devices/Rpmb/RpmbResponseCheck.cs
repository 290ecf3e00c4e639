namespace Sim.Devices.Rpmb;

/// <summary>What the driver found checking a device response (virtio 1.2, 5.12.6, 5.12.6.1), first failing check first.</summary>
public enum RpmbResponseCheck
{
    /// <summary>The response is whole frames of the expected type, its MAC verifies and it echoes the nonce.</summary>
    Valid = 0,

    /// <summary>The response is empty or not a whole number of 512-byte frames (5.12.6.1).</summary>
    NotWholeFrames,

    /// <summary>A frame's <c>req_resp</c> is not the expected response type (5.12.6).</summary>
    WrongResponseType,

    /// <summary>The last frame's MAC is not the HMAC-SHA256 of the frames under the key (5.12.6.1).</summary>
    BadMac,

    /// <summary>A frame's nonce is not the one the request carried (5.12.6.1, <c>nonce</c>).</summary>
    NonceMismatch,
}
