namespace Sim.Interconnect.Aggregation;

/// <summary>
/// The SCMI status codes a performance domain answers a vote with (Arm DEN0056, 4.1.4 "Status codes"). Only the
/// ones the aggregation policies use.
/// </summary>
public enum ScmiStatus
{
    /// <summary>SUCCESS (0): the request was taken.</summary>
    Success = 0,
    /// <summary>NOT_SUPPORTED (-1): the domain does not take this message (e.g. LIMITS_SET when the domain attributes' "can set limits" bit 31 is clear).</summary>
    NotSupported = -1,
    /// <summary>INVALID_PARAMETERS (-2): a malformed request (a bandwidth that is negative or not finite, a minimum above the maximum).</summary>
    InvalidParameters = -2,
    /// <summary>DENIED (-3): the agent may not do this (e.g. its limits would leave no level for the others).</summary>
    Denied = -3,
    /// <summary>OUT_OF_RANGE (-5): the level is not in the table or outside the current limits.</summary>
    OutOfRange = -5,
    /// <summary>BUSY (-6): the agent sent too many requests; try later.</summary>
    Busy = -6,
}
