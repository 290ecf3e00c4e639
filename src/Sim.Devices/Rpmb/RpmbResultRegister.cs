namespace Sim.Devices.Rpmb;

/// <summary>
/// The result of the last program-key or data-write, kept by the device until a RESULT_READ returns it (virtio 1.2,
/// 5.12.6: "the device returns the RPMB frame with the response ..., the incremented counter value, the data address,
/// the calculated MAC and the result"). The expired flag is not stored: it is added when the result is read (5.12.6.3).
/// </summary>
/// <param name="ResponseType">The response type of the operation, or 0 before any.</param>
/// <param name="Result">The operation's result code.</param>
/// <param name="WriteCounter">The write counter after the operation (0 for a program-key).</param>
/// <param name="Address">The data write's address (0 for a program-key).</param>
public readonly record struct RpmbResultRegister(RpmbResponseType ResponseType, RpmbResult Result, uint WriteCounter, ushort Address)
{
    /// <summary>
    /// The register before any program-key or data-write: no response type and GENERAL_FAILURE, since there is no
    /// result to read (a choice; 5.12.6 does not say what a RESULT_READ with nothing before it returns).
    /// </summary>
    public static RpmbResultRegister Empty => new(0, RpmbResult.GeneralFailure, 0, 0);
}
