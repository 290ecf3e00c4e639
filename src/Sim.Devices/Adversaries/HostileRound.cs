using Sim.Core.Time;

namespace Sim.Devices.Adversaries;

/// <summary>What became of one request a hostile driver posted.</summary>
public enum RoundOutcome
{
    /// <summary>Completed with success, as expected of it.</summary>
    Succeeded,
    /// <summary>Answered with an error status the spec defines.</summary>
    Failed,
    /// <summary>Used with no answer to read where the device type has one: only right with a finding.</summary>
    UsedWithoutAnswer,
    /// <summary>
    /// A malformed request used by a device type that has no response to give (a virtio-net transmit, 5.1.6.2; a
    /// virtio-input status event, 5.8.6.2): using it is all the spec asks.
    /// </summary>
    Consumed,
    /// <summary>The device set DEVICE_NEEDS_RESET (virtio 1.2, 2.1.2): only right with a finding.</summary>
    NeedsReset,
    /// <summary>Never used and no DEVICE_NEEDS_RESET within the driver's patience: silently dropped.</summary>
    Unanswered,
    /// <summary>An answer the request does not allow (a well-formed one failed, a malformed one succeeded, a status no spec has).</summary>
    Wrong,
    /// <summary>The driver reset the device with the request in its ring (the attack "reset in the middle").</summary>
    Abandoned,
    /// <summary>The platform could not map the request's buffers now; nothing was posted.</summary>
    NotPosted,
}

/// <summary>
/// One round of a hostile driver: the request it posted (<paramref name="Kind"/>, <paramref name="Expect"/>), what
/// became of it, and when it was posted and settled (a finding that explains a <see cref="RoundOutcome.NeedsReset"/> or
/// <see cref="RoundOutcome.UsedWithoutAnswer"/> falls between the two). <paramref name="Detail"/> says what was wrong.
/// </summary>
public sealed record HostileRound(long Index, string Kind, Expectation Expect, RoundOutcome Outcome, SimTime Posted, SimTime Settled, string Detail)
{
    /// <summary>Whether this round is only right if the device reported a finding while it was open.</summary>
    public bool NeedsFinding => Outcome is RoundOutcome.NeedsReset or RoundOutcome.UsedWithoutAnswer;
}

/// <summary>
/// A buffer a hostile driver put in a descriptor, by DMA address: <paramref name="Reachable"/> when it lies within what
/// the driver mapped for the device (the platform's DMA API), false for one it pointed outside guest RAM, at a page it
/// never shared, or past the end of a mapping. The device may touch a reachable one; an access to an unreachable one must
/// be refused by the platform.
/// </summary>
public readonly record struct OfferedSegment(ulong Start, ulong Length, bool Reachable)
{
    /// <summary>Whether [<paramref name="address"/>, +<paramref name="length"/>) lies within this segment.</summary>
    public bool Holds(ulong address, ulong length) => address >= Start && length <= Length && address - Start <= Length - length;

    /// <summary>Whether [<paramref name="address"/>, +<paramref name="length"/>) overlaps this segment (an empty range counts as one byte).</summary>
    public bool Overlaps(ulong address, ulong length) => address < End(Start, Length) && Start < End(address, length);

    private static ulong End(ulong start, ulong length) => start + Math.Max(length, 1) < start ? ulong.MaxValue : start + Math.Max(length, 1);
}
