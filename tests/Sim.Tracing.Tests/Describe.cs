using System.Globalization;
using System.Text;
using Sim.Tracing.MessagePack;

namespace Sim.Tracing.Tests;

/// <summary>
/// A canonical text description of decoded values, produced identically here and by <see cref="PythonScript"/>:
/// nested JSON arrays of tags and ASCII strings (integers in decimal, float bits, UTF-8 and bytes in hex), so the two
/// sides can be compared as strings. NaNs are described as "nan" whatever their payload.
/// </summary>
internal static class Describe
{
    public static string All(IEnumerable<MessagePackValue> values)
    {
        var text = new StringBuilder("[");
        bool first = true;
        foreach (var value in values)
        {
            if (!first) text.Append(',');
            first = false;
            One(value, text);
        }
        return text.Append(']').ToString();
    }

    private static void One(MessagePackValue value, StringBuilder text)
    {
        switch (value)
        {
            case MessagePackNil:
                text.Append("[\"nil\"]");
                break;
            case MessagePackBoolean b:
                Tag(text, "bool", b.Value ? "true" : "false");
                break;
            case MessagePackInteger i:
                Tag(text, "int", i.ToString());
                break;
            case MessagePackFloat f:
                Tag(text, "float", double.IsNaN(f.Value) ? "nan" : BitConverter.DoubleToUInt64Bits(f.Value).ToString("x16", CultureInfo.InvariantCulture));
                break;
            case MessagePackString s:
                Tag(text, "str", Convert.ToHexStringLower(Encoding.UTF8.GetBytes(s.Value)));
                break;
            case MessagePackBinary bin:
                Tag(text, "bin", Convert.ToHexStringLower(bin.Bytes.Span));
                break;
            case MessagePackExtension e:
                text.Append("[\"ext\",\"").Append(e.TypeCode.ToString(CultureInfo.InvariantCulture)).Append("\",\"")
                    .Append(Convert.ToHexStringLower(e.Data.Span)).Append("\"]");
                break;
            case MessagePackArray a:
                text.Append("[\"array\",[");
                for (int k = 0; k < a.Items.Count; k++)
                {
                    if (k > 0) text.Append(',');
                    One(a.Items[k], text);
                }
                text.Append("]]");
                break;
            case MessagePackMap m:
                text.Append("[\"map\",[");
                for (int k = 0; k < m.Entries.Count; k++)
                {
                    if (k > 0) text.Append(',');
                    text.Append('[');
                    One(m.Entries[k].Key, text);
                    text.Append(',');
                    One(m.Entries[k].Value, text);
                    text.Append(']');
                }
                text.Append("]]");
                break;
            default:
                throw new ArgumentException($"unknown value {value.GetType()}");
        }
    }

    private static void Tag(StringBuilder text, string tag, string content) =>
        text.Append("[\"").Append(tag).Append("\",\"").Append(content).Append("\"]");
}

/// <summary>
/// The Python side of <see cref="Describe"/>: prints the description of every value in the file argv[1]. Maps come
/// as ordered pair lists (object_pairs_hook) so duplicate and unhashable keys survive; extensions come through an
/// ext_hook because msgpack.ExtType refuses the spec's reserved negative types.
/// </summary>
internal static class PythonScript
{
    public const string DescribeFile = """
        import sys, json, struct, math, msgpack

        class Pairs(list):
            pass

        class Ext(tuple):
            pass

        def d(o):
            if o is None: return ["nil"]
            if o is True: return ["bool", "true"]
            if o is False: return ["bool", "false"]
            if isinstance(o, int): return ["int", str(o)]
            if isinstance(o, float): return ["float", "nan" if math.isnan(o) else struct.pack(">d", o).hex()]
            if isinstance(o, str): return ["str", o.encode("utf-8").hex()]
            if isinstance(o, bytes): return ["bin", o.hex()]
            if isinstance(o, Ext): return ["ext", str(o[0]), o[1].hex()]
            if isinstance(o, Pairs): return ["map", [[d(k), d(v)] for k, v in o]]
            if isinstance(o, list): return ["array", [d(x) for x in o]]
            raise TypeError("unexpected %r" % type(o))

        with open(sys.argv[1], "rb") as f:
            unpacker = msgpack.Unpacker(f, raw=False, strict_map_key=False, object_pairs_hook=Pairs,
                                       ext_hook=lambda code, data: Ext((code, data)))
            print(json.dumps([d(o) for o in unpacker], separators=(",", ":")))
        """;
}
