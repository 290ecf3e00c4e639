using System.Globalization;
using System.Text.Json;

namespace Sim.Layouts;

/// <summary>
/// Reads one layout description file (src/Sim.Layouts/Wire/README.md gives the format) into <see cref="WireStruct"/>s
/// and <see cref="WireFlagSet"/>s, those of its classes and their nested classes too.
/// </summary>
internal static class LayoutFileReader
{
    /// <summary>Adds the structures and flag sets of <paramref name="text"/> to the two tables.</summary>
    public static void Read(string text, Dictionary<string, WireStruct> structs, Dictionary<string, WireFlagSet> flagSets)
    {
        using var doc = JsonDocument.Parse(text);
        Scope(doc.RootElement, structs, flagSets);
    }

    private static void Scope(JsonElement scope, Dictionary<string, WireStruct> structs, Dictionary<string, WireFlagSet> flagSets)
    {
        foreach (var s in Items(scope, "structs"))
        {
            var wire = Struct(s, structs);
            structs.Add(wire.Id, wire);
        }
        foreach (var f in Items(scope, "flagsets"))
        {
            var flags = Items(f, "flags").Where(x => x.TryGetProperty("name", out _)).Select(x => new WireFlag(
                Number(x, "value"), x.GetProperty("name").GetString()!, x.TryGetProperty("isType", out var t) && t.GetBoolean(),
                x.TryGetProperty("forType", out _) ? Number(x, "forType") : null,
                x.TryGetProperty("notForType", out _) ? Number(x, "notForType") : null,
                x.TryGetProperty("struct", out var st) ? st.GetString() : null)
            { Values = x.TryGetProperty("values", out var codes) ? codes.GetString() : null }).ToList();
            string id = f.GetProperty("id").GetString()!;
            flagSets.Add(id, new WireFlagSet(id, flags, Number(f, "typeMask"), f.TryGetProperty("values", out var v) && v.GetBoolean()));
        }
        foreach (var n in Items(scope, "classes").Concat(Items(scope, "nested"))) Scope(n, structs, flagSets);
    }

    private static WireStruct Struct(JsonElement s, Dictionary<string, WireStruct> known)
    {
        if (s.TryGetProperty("ref", out var r)) return known[r.GetString()!];
        string id = s.TryGetProperty("id", out var i) ? i.GetString()! : s.GetProperty("name").GetString()!;
        WireStruct? entries = s.TryGetProperty("entries", out var e) ? Struct(e, known) : null;
        var trailer = s.TryGetProperty("trailer", out var t) ? Fields(t) : [];
        return new WireStruct(id, (int)Number(s, "size"), s.TryGetProperty("align", out _) ? (int)Number(s, "align") : 1,
            Fields(s), entries is null ? 0 : (int)Number(e, "offset"), entries, trailer);
    }

    private static List<WireField> Fields(JsonElement s) => Items(s, "fields").Select(f => new WireField(
        f.GetProperty("name").GetString()!, f.GetProperty("type").GetString()!, (int)Number(f, "offset"),
        f.TryGetProperty("flags", out var fl) ? fl.GetString() : f.TryGetProperty("values", out var v) ? v.GetString() : null,
        Items(f, "bits").Select(b => new WireBits(b.GetProperty("name").GetString()!, (int)Number(b, "shift"), (int)Number(b, "width"))).ToList())
    {
        Signed = f.TryGetProperty("signed", out var signed) && signed.GetBoolean(),
        ValuesBy = f.TryGetProperty("valuesBy", out var by) ? by.GetString() : null,
    }).ToList();

    private static IEnumerable<JsonElement> Items(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray() : [];

    private static ulong Number(JsonElement obj, string name) =>
        !obj.TryGetProperty(name, out var v) ? 0
        : v.ValueKind == JsonValueKind.Number ? v.GetUInt64()
        : ulong.Parse(v.GetString()!, CultureInfo.InvariantCulture);
}
