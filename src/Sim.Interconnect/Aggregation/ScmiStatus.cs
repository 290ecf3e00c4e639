namespace Sim.Interconnect.Aggregation;

/// <summary>
/// SCMI status codes, the signed 32-bit first word of every response (Arm DEN0056, 4.1.4 "Status codes"; the same values
/// as Linux <c>enum scmi_error_codes</c> in <c>drivers/firmware/arm_scmi/common.h</c> and OP-TEE <c>drivers/scmi.h</c>).
/// </summary>
public enum ScmiStatus
{
    /// <summary>SUCCESS (0).</summary>
    Success = 0,

    /// <summary>NOT_SUPPORTED (-1): the protocol, message or feature is not implemented.</summary>
    NotSupported = -1,

    /// <summary>INVALID_PARAMETERS (-2): a parameter has an illegal value (for example range_min above range_max).</summary>
    InvalidParameters = -2,

    /// <summary>DENIED (-3): the agent may not do this (for example set the level of a domain without that right).</summary>
    Denied = -3,

    /// <summary>NOT_FOUND (-4): the entity (domain, message) does not exist.</summary>
    NotFound = -4,

    /// <summary>OUT_OF_RANGE (-5): a value is outside what the entity allows (for example a level not in the table).</summary>
    OutOfRange = -5,

    /// <summary>BUSY (-6): the platform cannot handle the request now.</summary>
    Busy = -6,

    /// <summary>COMMS_ERROR (-7): the transport failed.</summary>
    CommsError = -7,

    /// <summary>GENERIC_ERROR (-8): any other failure.</summary>
    GenericError = -8,

    /// <summary>HARDWARE_ERROR (-9): the hardware failed.</summary>
    HardwareError = -9,

    /// <summary>PROTOCOL_ERROR (-10): the message is malformed, for example its payload has the wrong length.</summary>
    ProtocolError = -10,
}

/// <summary>The specification names of <see cref="ScmiStatus"/> values.</summary>
public static class ScmiStatusNames
{
    /// <summary>The name DEN0056 uses for <paramref name="status"/> ("NOT_FOUND"), or "STATUS(n)" for an unknown value.</summary>
    public static string SpecName(this ScmiStatus status) => status switch
    {
        ScmiStatus.Success => "SUCCESS",
        ScmiStatus.NotSupported => "NOT_SUPPORTED",
        ScmiStatus.InvalidParameters => "INVALID_PARAMETERS",
        ScmiStatus.Denied => "DENIED",
        ScmiStatus.NotFound => "NOT_FOUND",
        ScmiStatus.OutOfRange => "OUT_OF_RANGE",
        ScmiStatus.Busy => "BUSY",
        ScmiStatus.CommsError => "COMMS_ERROR",
        ScmiStatus.GenericError => "GENERIC_ERROR",
        ScmiStatus.HardwareError => "HARDWARE_ERROR",
        ScmiStatus.ProtocolError => "PROTOCOL_ERROR",
        _ => $"STATUS({(int)status})",
    };
}
