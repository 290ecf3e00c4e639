namespace Sim.Tracing.Recording;

/// <summary>
/// A file that is not a readable <c>virtiosim-trace/1</c> trace (docs/trace-format.md): malformed or truncated
/// MessagePack, or MessagePack that does not have the header's or a record's shape. Names the byte offset (from the
/// start of the file) of the value or record where reading stopped, and what was expected there.
/// </summary>
public sealed class TraceFormatException : Exception
{
    /// <summary>An error at <paramref name="offset"/>; the message is prefixed with the offset.</summary>
    /// <param name="offset">Byte offset from the start of the trace where the problem was found.</param>
    /// <param name="detail">What was expected, and what was found instead.</param>
    /// <param name="inner">The MessagePack reader's own exception, when it found the problem.</param>
    public TraceFormatException(long offset, string detail, Exception? inner = null)
        : base($"trace: at byte offset {offset}: {detail}", inner)
    {
        Offset = offset;
    }

    /// <summary>Byte offset from the start of the trace where the problem was found.</summary>
    public long Offset { get; }
}
