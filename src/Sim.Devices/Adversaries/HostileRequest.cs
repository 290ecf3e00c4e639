namespace Sim.Devices.Adversaries;

/// <summary>What a device must make of a request a hostile driver posts.</summary>
public enum Expectation
{
    /// <summary>A well-formed request: the device completes it with success (its status OK, its data right).</summary>
    MustSucceed,
    /// <summary>A request no device may carry out: answered with an error status, or a finding naming a spec section.</summary>
    MustFail,
    /// <summary>Random fields that may or may not make sense: any status the spec defines, or a finding.</summary>
    Either,
}

/// <summary>What the device's response to one request says, as its device type reads it.</summary>
public enum Answer
{
    /// <summary>Carried out: a success status (or, for a device type with no response, the chain used).</summary>
    Success,
    /// <summary>Refused with an error status the spec defines (IOERR, UNSUPP, MSG_ERR, BAD_MSG, an RPMB result code).</summary>
    Error,
    /// <summary>The chain used with nothing written where the device type's response goes.</summary>
    NoAnswer,
    /// <summary>A response no spec status has (a status value the device type does not define, a wrong response type).</summary>
    Invalid,
}

/// <summary>
/// One request of a device type as a hostile driver posts it (virtio 1.2, 2.7.4: device-readable buffers first, then
/// device-writable ones): the bytes of each readable buffer, the length of each writable one, what the device must make of
/// it, and how to read its response: <see cref="Judge"/> takes the writable buffers' bytes, concatenated, and the length
/// the device said it wrote. A device type with no response (a virtio-net transmit, a virtio-input status event) has
/// <see cref="HasResponse"/> false: using the chain is its whole answer.
/// </summary>
/// <param name="Kind">What the request is, for reports (<c>well-formed</c>, <c>garbage-header</c>, a mutation's name).</param>
/// <param name="Readable">The device-readable buffers' bytes.</param>
/// <param name="Writable">The device-writable buffers' lengths.</param>
/// <param name="Expect">What the device must make of it.</param>
/// <param name="HasResponse">Whether the device type answers in the writable buffers.</param>
/// <param name="Judge">Reads the response: the writable bytes, the used length.</param>
/// <param name="Note">What the request's fields say, for reports (e.g. a garbage header's type and sector).</param>
public sealed record HostileRequest(string Kind, IReadOnlyList<byte[]> Readable, IReadOnlyList<int> Writable, Expectation Expect, bool HasResponse,
    Func<byte[], uint, Answer> Judge, string Note = "")
{
    /// <summary>The same request with another kind and expectation (a mutation of a well-formed one).</summary>
    public HostileRequest As(string kind, Expectation expect) => this with { Kind = kind, Expect = expect };

    /// <summary>A judge for a device type with no response: the chain used is the answer.</summary>
    public static Answer Used(byte[] written, uint length) => Answer.Success;
}
