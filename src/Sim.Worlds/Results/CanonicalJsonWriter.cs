using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sim.Worlds.Results;

/// <summary>
/// Writes a tree of plain values as canonical JSON: object keys in ordinal order, two-space indentation, '\n' line
/// ends, numbers in invariant shortest round-trip form, non-finite numbers as null. The same tree always gives the same
/// bytes, so two results files can be compared with <c>diff</c> or a hash.
/// Values: null, bool, string, long, ulong, int, double, <see cref="IReadOnlyDictionary{TKey,TValue}"/> of string
/// keys, and <see cref="IEnumerable{T}"/> of values.
/// </summary>
public static class CanonicalJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The canonical JSON text of <paramref name="value"/>, ending with a newline.</summary>
    public static string Write(object? value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options)) WriteValue(writer, value);
        stream.WriteByte((byte)'\n');
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case string s: writer.WriteStringValue(s); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case ulong u: writer.WriteNumberValue(u); break;
            case double d when double.IsFinite(d): writer.WriteNumberValue(d); break;
            case double: writer.WriteNullValue(); break;
            case IReadOnlyDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (string key in map.Keys.OrderBy(k => k, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, map[key]);
                }
                writer.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                writer.WriteStartArray();
                foreach (object? item in list) WriteValue(writer, item);
                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"cannot write a {value.GetType().Name} as canonical JSON");
        }
    }
}
