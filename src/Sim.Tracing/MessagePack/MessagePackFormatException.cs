namespace Sim.Tracing.MessagePack;

/// <summary>
/// Malformed or truncated MessagePack input: what the reader expected and the byte offset (from the start of the
/// input) where it was expected. Raised for anything the MessagePack specification
/// (https://github.com/msgpack/msgpack/blob/master/spec.md, section "Formats") does not allow, and for values that do
/// not fit the type asked for.
/// </summary>
public sealed class MessagePackFormatException : Exception
{
    /// <summary>An error at <paramref name="offset"/>; the message is prefixed with the offset.</summary>
    /// <param name="offset">Byte offset from the start of the input where the problem was found.</param>
    /// <param name="detail">What was expected, and what was found instead.</param>
    public MessagePackFormatException(int offset, string detail)
        : base($"MessagePack: at byte offset {offset}: {detail}")
    {
        Offset = offset;
    }

    /// <summary>Byte offset from the start of the input where the reader found the problem.</summary>
    public int Offset { get; }
}
