namespace Sim.Devices.Rpmb;

/// <summary>
/// What <see cref="RpmbPartition.Process"/> did with one request (virtio 1.2, 5.12.6): the operation's result, how
/// many response frames it wrote, and the refusal, if the request was malformed.
/// </summary>
/// <param name="Result">
/// The result of the request's operation as the result register or response frame holds it (5.12.6.1), expired flag
/// included; <see cref="RpmbResult.GeneralFailure"/> for a refused request ("some other error", 5.12.6.1.1-5).
/// </param>
/// <param name="ResponseFrames">Number of 512-byte frames written to the device-writable part (5.12.6.1).</param>
/// <param name="Refusal">Why the request was refused, or <see cref="RpmbRefusal.None"/>.</param>
public readonly record struct RpmbOutcome(RpmbResult Result, int ResponseFrames, RpmbRefusal Refusal)
{
    /// <summary>Number of response bytes written: the used length for the virtqueue (5.12.6.1).</summary>
    public int ResponseBytes => ResponseFrames * RpmbLayout.FrameSize;

    /// <summary>Whether the request was refused as malformed (5.12.6, 5.12.6.1).</summary>
    public bool IsRefused => Refusal != RpmbRefusal.None;

    /// <summary>The section of the virtio 1.2 specification the refusal rests on, or null when not refused.</summary>
    public string? SpecSection => Refusal switch
    {
        RpmbRefusal.None => null,
        RpmbRefusal.UnknownRequestType => "5.12.6",
        _ => "5.12.6.1",
    };

    /// <summary>A refusal of a malformed request: GENERAL_FAILURE, no response frames (5.12.6, 5.12.6.1).</summary>
    public static RpmbOutcome Refused(RpmbRefusal refusal) => new(RpmbResult.GeneralFailure, 0, refusal);
}
