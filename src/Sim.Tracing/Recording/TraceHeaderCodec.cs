using System.Buffers;
using MessagePack;

namespace Sim.Tracing.Recording;

/// <summary>
/// Writes and reads the header record of a trace: a MessagePack map with the keys of <see cref="TraceHeader"/> in
/// camelCase, in a fixed order (format, scenario, seed, actors, kinds, memories, regions, events, writes); a region is
/// an array [memory, name, kind, start, length]; a <c>padding</c> binary may end it (see <see cref="Encode"/>). Readers
/// skip keys they do not know, so later versions may add keys. Integers take their shortest MessagePack format
/// (MessagePack-CSharp's <c>Write(long)</c> and <c>Write(ulong)</c>), strings fixstr or str 8/16/32.
/// </summary>
public static class TraceHeaderCodec
{
    private const string PaddingKey = "padding";

    /// <summary>
    /// The bytes of <paramref name="header"/>. With <paramref name="size"/>, the header takes exactly that many bytes when
    /// it fits, by ending with a <c>padding</c> key whose binary value of zeros fills the rest (readers skip it); when it
    /// does not fit, it is written without padding (longer than asked).
    /// </summary>
    public static ReadOnlyMemory<byte> Encode(TraceHeader header, int? size = null)
    {
        var output = new ArrayBufferWriter<byte>(size ?? 4096);
        if (size is { } target)
        {
            var padded = new MessagePackWriter(output);
            WriteEntries(ref padded, header, padded: true);
            padded.Write(PaddingKey);
            padded.Flush();
            int filler = PaddingLength(target - output.WrittenCount);
            if (filler >= 0)
            {
                // The binary's bytes are zeros, written in place (a header can be large: no array of zeros to copy).
                padded.WriteBinHeader(filler);
                padded.GetSpan(filler)[..filler].Clear();
                padded.Advance(filler);
                padded.Flush();
                return output.WrittenMemory;
            }
            output.ResetWrittenCount();
        }
        var writer = new MessagePackWriter(output);
        WriteEntries(ref writer, header, padded: false);
        writer.Flush();
        return output.WrittenMemory;
    }

    /// <summary>
    /// The length of a binary whose header and bytes together take exactly <paramref name="room"/> bytes, or -1 when no
    /// length does (a bin header takes 2, 3 or 5 bytes, so some rooms fall between two lengths).
    /// </summary>
    private static int PaddingLength(int room)
    {
        for (int length = Math.Max(room - 5, 0); length < room; length++)
        {
            if (length + BinHeaderLength(length) == room) return length;
        }
        return -1;
    }

    /// <summary>How many bytes the writer takes for the header of a binary of <paramref name="length"/> bytes.</summary>
    private static int BinHeaderLength(int length)
    {
        var output = new ArrayBufferWriter<byte>(8);
        var writer = new MessagePackWriter(output);
        writer.WriteBinHeader(length);
        writer.Flush();
        return output.WrittenCount;
    }

    private static void WriteEntries(ref MessagePackWriter writer, TraceHeader header, bool padded)
    {
        writer.WriteMapHeader(padded ? 10 : 9);
        writer.Write("format");
        writer.Write(header.Format);
        writer.Write("scenario");
        writer.Write(header.Scenario);
        writer.Write("seed");
        writer.Write(header.Seed);
        WriteStrings(ref writer, "actors", header.Actors);
        WriteStrings(ref writer, "kinds", header.Kinds);
        WriteStrings(ref writer, "memories", header.Memories);
        writer.Write("regions");
        writer.WriteArrayHeader(header.Regions.Count);
        foreach (var region in header.Regions)
        {
            writer.WriteArrayHeader(5);
            writer.Write((long)region.Memory);
            writer.Write(region.Name);
            writer.Write(region.Kind);
            writer.Write(region.Start);
            writer.Write(region.Length);
        }
        writer.Write("events");
        writer.Write(header.Events);
        writer.Write("writes");
        writer.Write(header.Writes);
    }

    /// <summary>
    /// Reads a header; throws <see cref="TraceFormatException"/> when it is not a trace header of a known format, and
    /// lets MessagePack-CSharp's exceptions (malformed or truncated MessagePack) through for <see cref="TraceReader"/>.
    /// </summary>
    public static TraceHeader Read(ref MessagePackReader reader)
    {
        long start = reader.Consumed;
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
                case "format": format = ReadText(ref reader); break;
                case "scenario": scenario = ReadText(ref reader); break;
                case "seed": seed = reader.ReadUInt64(); break;
                case "actors": actors = ReadStrings(ref reader); break;
                case "kinds": kinds = ReadStrings(ref reader); break;
                case "memories": memories = ReadStrings(ref reader); break;
                case "regions":
                    int n = reader.ReadArrayHeader();
                    for (int r = 0; r < n; r++)
                    {
                        long at = reader.Consumed;
                        if (reader.ReadArrayHeader() != 5) throw new TraceFormatException(at, "expected a region of 5 elements");
                        regions.Add(new TraceRegion((int)reader.ReadInt64(), ReadText(ref reader), ReadText(ref reader), reader.ReadUInt64(), reader.ReadUInt64()));
                    }
                    break;
                case "events": events = reader.ReadInt64(); break;
                case "writes": writes = reader.ReadInt64(); break;
                default: reader.Skip(); break;
            }
        }
        if (format != TraceFormat.Version) throw new TraceFormatException(start, $"expected a trace header of format {TraceFormat.Version}, found {format ?? "none"}");
        return new TraceHeader(format, scenario ?? "", seed, actors, kinds, memories, regions, events, writes);
    }

    /// <summary>A string that must be there (nil is refused).</summary>
    internal static string ReadText(ref MessagePackReader reader)
    {
        long at = reader.Consumed;
        return reader.ReadString() ?? throw new TraceFormatException(at, "expected a string but found nil");
    }

    private static void WriteStrings(ref MessagePackWriter writer, string key, IReadOnlyList<string> values)
    {
        writer.Write(key);
        writer.WriteArrayHeader(values.Count);
        foreach (string value in values) writer.Write(value);
    }

    private static List<string> ReadStrings(ref MessagePackReader reader)
    {
        int n = reader.ReadArrayHeader();
        var list = new List<string>(n);
        for (int i = 0; i < n; i++) list.Add(ReadText(ref reader));
        return list;
    }
}
