using Sim.Tracing.MessagePack;

namespace Sim.Tracing.Recording;

/// <summary>
/// Writes and reads the header record of a trace: a MessagePack map with the keys of <see cref="TraceHeader"/> in
/// camelCase, in a fixed order (format, scenario, seed, actors, kinds, memories, regions, events, writes); a region is
/// an array [memory, name, kind, start, length]; a <c>padding</c> binary may end it (see <see cref="Write"/>). Readers
/// skip keys they do not know, so later versions may add keys.
/// </summary>
public static class TraceHeaderCodec
{
    /// <summary>
    /// Writes <paramref name="header"/> to <paramref name="writer"/>. With <paramref name="size"/>, the header takes exactly
    /// that many bytes when it fits, by ending with a <c>padding</c> key whose binary value fills the rest (readers skip
    /// it); when it does not fit, it is written without padding (longer than asked).
    /// </summary>
    public static void Write(MessagePackWriter writer, TraceHeader header, int? size = null)
    {
        if (size is not null && writer.WrittenCount != 0) throw new ArgumentException("a padded header is written into an empty writer", nameof(writer));
        WriteEntries(writer, header, padded: false);
        if (size is not { } target) return;
        // The padding entry: its fixstr key (8 bytes), then a bin whose header (2, 3 or 5 bytes) and filler take the rest.
        int room = target - writer.WrittenCount - 8;
        int filler = new[] { room - 2, room - 3, room - 5 }.FirstOrDefault(length => length >= 0 && length + BinHeader(length) == room, -1);
        if (filler < 0) return;
        writer.Reset();
        WriteEntries(writer, header, padded: true);
        writer.WriteString("padding");
        writer.WriteBinary(new byte[filler]);
    }

    /// <summary>The bytes of a bin header for <paramref name="length"/> bytes (bin 8, 16 or 32).</summary>
    private static int BinHeader(int length) => length <= byte.MaxValue ? 2 : length <= ushort.MaxValue ? 3 : 5;

    private static void WriteEntries(MessagePackWriter writer, TraceHeader header, bool padded)
    {
        writer.WriteMapHeader(padded ? 10 : 9);
        writer.WriteString("format");
        writer.WriteString(header.Format);
        writer.WriteString("scenario");
        writer.WriteString(header.Scenario);
        writer.WriteString("seed");
        writer.WriteUInt64(header.Seed);
        WriteStrings(writer, "actors", header.Actors);
        WriteStrings(writer, "kinds", header.Kinds);
        WriteStrings(writer, "memories", header.Memories);
        writer.WriteString("regions");
        writer.WriteArrayHeader(header.Regions.Count);
        foreach (var region in header.Regions)
        {
            writer.WriteArrayHeader(5);
            writer.WriteInt64(region.Memory);
            writer.WriteString(region.Name);
            writer.WriteString(region.Kind);
            writer.WriteUInt64(region.Start);
            writer.WriteUInt64(region.Length);
        }
        writer.WriteString("events");
        writer.WriteInt64(header.Events);
        writer.WriteString("writes");
        writer.WriteInt64(header.Writes);
    }

    /// <summary>Reads a header; throws <see cref="MessagePackFormatException"/> when it is not a trace header of a known format.</summary>
    public static TraceHeader Read(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = reader.ReadMapHeader();
        string? format = null, scenario = null;
        ulong seed = 0;
        long events = 0, writes = 0;
        IReadOnlyList<string> actors = [], kinds = [], memories = [];
        var regions = new List<TraceRegion>();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadString())
            {
                case "format": format = reader.ReadString(); break;
                case "scenario": scenario = reader.ReadString(); break;
                case "seed": seed = reader.ReadUInt64(); break;
                case "actors": actors = ReadStrings(ref reader); break;
                case "kinds": kinds = ReadStrings(ref reader); break;
                case "memories": memories = ReadStrings(ref reader); break;
                case "regions":
                    int n = reader.ReadArrayHeader();
                    for (int r = 0; r < n; r++)
                    {
                        if (reader.ReadArrayHeader() != 5) throw new MessagePackFormatException(reader.Position, "expected a region of 5 elements");
                        regions.Add(new TraceRegion((int)reader.ReadInt64(), reader.ReadString(), reader.ReadString(), reader.ReadUInt64(), reader.ReadUInt64()));
                    }
                    break;
                case "events": events = reader.ReadInt64(); break;
                case "writes": writes = reader.ReadInt64(); break;
                default: reader.Skip(); break;
            }
        }
        if (format != TraceFormat.Version) throw new MessagePackFormatException(start, $"expected a trace header of format {TraceFormat.Version}, found {format ?? "none"}");
        return new TraceHeader(format, scenario ?? "", seed, actors, kinds, memories, regions, events, writes);
    }

    private static void WriteStrings(MessagePackWriter writer, string key, IReadOnlyList<string> values)
    {
        writer.WriteString(key);
        writer.WriteArrayHeader(values.Count);
        foreach (string value in values) writer.WriteString(value);
    }

    private static List<string> ReadStrings(ref MessagePackReader reader)
    {
        int n = reader.ReadArrayHeader();
        var list = new List<string>(n);
        for (int i = 0; i < n; i++) list.Add(reader.ReadString());
        return list;
    }
}
