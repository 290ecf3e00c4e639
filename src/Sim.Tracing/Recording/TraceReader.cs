using Sim.Tracing.MessagePack;

namespace Sim.Tracing.Recording;

/// <summary>Reads a whole trace file: its header and its records in order (for tests, <c>sim explain</c> and tools).</summary>
public static class TraceReader
{
    /// <summary>The header and records of the trace in <paramref name="bytes"/>.</summary>
    public static (TraceHeader Header, IReadOnlyList<TraceRecord> Records) Read(ReadOnlySpan<byte> bytes)
    {
        var reader = new MessagePackReader(bytes);
        var header = TraceHeaderCodec.Read(ref reader);
        var records = new List<TraceRecord>((int)Math.Min(header.Events + header.Writes, 1 << 24));
        while (!reader.End)
        {
            int at = reader.Position;
            int length = reader.ReadArrayHeader();
            if (length != 6) throw new MessagePackFormatException(at, "expected a record of 6 elements");
            long tag = reader.ReadInt64();
            long time = reader.ReadInt64();
            records.Add(tag switch
            {
                TraceFormat.EventTag => new TraceEvent(time, (int)reader.ReadInt64(), (int)reader.ReadInt64(), (int)reader.ReadInt64(), reader.ReadString()),
                TraceFormat.WriteTag => new TraceWrite(time, (int)reader.ReadInt64(), (int)reader.ReadInt64(), reader.ReadUInt64(), reader.ReadBinary().ToArray()),
                _ => throw new MessagePackFormatException(at, $"expected a record tag {TraceFormat.EventTag} or {TraceFormat.WriteTag}, found {tag}"),
            });
        }
        return (header, records);
    }

    /// <summary>The header and records of the trace file at <paramref name="path"/>.</summary>
    public static (TraceHeader Header, IReadOnlyList<TraceRecord> Records) ReadFile(string path) => Read(File.ReadAllBytes(path));
}
