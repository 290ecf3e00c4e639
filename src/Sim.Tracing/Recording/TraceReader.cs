using System.Buffers;
using MessagePack;

namespace Sim.Tracing.Recording;

/// <summary>
/// Reads a whole trace file: its header and its records in order (for tests, <c>sim explain</c> and tools), with
/// MessagePack-CSharp's <see cref="MessagePackReader"/>. Anything that is not a trace, malformed or truncated
/// MessagePack included, throws <see cref="TraceFormatException"/> with the offset of the header or record.
/// </summary>
public static class TraceReader
{
    /// <summary>The header and records of the trace in <paramref name="bytes"/>.</summary>
    public static (TraceHeader Header, IReadOnlyList<TraceRecord> Records) Read(ReadOnlyMemory<byte> bytes)
    {
        var reader = new MessagePackReader(bytes);
        long at = 0;
        try
        {
            var header = TraceHeaderCodec.Read(ref reader);
            var records = new List<TraceRecord>((int)Math.Clamp(header.Events + header.Writes, 0, 1 << 24));
            while (!reader.End)
            {
                at = reader.Consumed;
                records.Add(ReadRecord(ref reader, at));
            }
            return (header, records);
        }
        catch (Exception error) when (error is MessagePackSerializationException or EndOfStreamException or OverflowException)
        {
            throw new TraceFormatException(at, $"{(at == 0 ? "the header" : "a record")} is not readable MessagePack of the trace's shape: {error.Message}", error);
        }
    }

    /// <summary>The header and records of the trace file at <paramref name="path"/>.</summary>
    public static (TraceHeader Header, IReadOnlyList<TraceRecord> Records) ReadFile(string path) => Read(File.ReadAllBytes(path));

    /// <summary>One record, an array of 6 (docs/trace-format.md, "Records"), starting at byte <paramref name="at"/>.</summary>
    private static TraceRecord ReadRecord(ref MessagePackReader reader, long at)
    {
        if (reader.ReadArrayHeader() != 6) throw new TraceFormatException(at, "expected a record of 6 elements");
        long tag = reader.ReadInt64();
        long time = reader.ReadInt64();
        return tag switch
        {
            TraceFormat.EventTag => new TraceEvent(time, (int)reader.ReadInt64(), (int)reader.ReadInt64(), (int)reader.ReadInt64(), TraceHeaderCodec.ReadText(ref reader)),
            TraceFormat.WriteTag => new TraceWrite(time, (int)reader.ReadInt64(), (int)reader.ReadInt64(), reader.ReadUInt64(), ReadBytes(ref reader)),
            _ => throw new TraceFormatException(at, $"expected a record tag {TraceFormat.EventTag} or {TraceFormat.WriteTag}, found {tag}"),
        };
    }

    private static byte[] ReadBytes(ref MessagePackReader reader)
    {
        long at = reader.Consumed;
        return reader.ReadBytes() is { } bytes ? bytes.ToArray() : throw new TraceFormatException(at, "expected binary but found nil");
    }
}
