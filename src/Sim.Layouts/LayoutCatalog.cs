using System.Reflection;
using System.Text.Json;

namespace Sim.Layouts;

/// <summary>
/// The wire layout descriptions (src/Sim.Layouts/Wire/*.layout.json, embedded in this assembly) at run time: the
/// structures by id for the trace narrator, and the whole set as one JSON document for the explain page's decoders.
/// The same files give the models their constants at compile time (Sim.Layouts.Generator), so there is one
/// description per structure: virtqueue areas and descriptors (virtio 1.2, 2.7 and 2.8), event suppression (2.8.10),
/// device headers (5.1, 5.2, 5.7, 5.8, 5.12, 5.13, 5.14, 5.16, 5.17, 5.18), grant entries (xen/include/public/grant_table.h), iommu requests (5.13.6).
/// </summary>
public static class LayoutCatalog
{
    private const string ResourcePrefix = "Sim.Layouts.Wire.";
    private static readonly Lazy<Loaded> Catalog = new(Load);

    /// <summary>The description files' names (<c>split-ring.layout.json</c>, ...), sorted.</summary>
    public static IReadOnlyList<string> Files => Catalog.Value.Files.Keys.ToList();

    /// <summary>The text of the description file <paramref name="name"/>.</summary>
    public static string FileText(string name) => Catalog.Value.Files[name];

    /// <summary>The structure with id <paramref name="id"/> (e.g. <c>split-avail</c>, <c>grant-entry-v1</c>).</summary>
    public static WireStruct Struct(string id) =>
        Catalog.Value.Structs.TryGetValue(id, out var s) ? s : throw new KeyNotFoundException($"no wire structure {id}");

    /// <summary>The structure a region of <paramref name="kind"/> is made of (its entries when the region is a ring or table).</summary>
    public static WireStruct Struct(RegionKind kind) => Struct(RegionStructId(kind));

    /// <summary>The flag set with id <paramref name="id"/>.</summary>
    public static WireFlagSet Flags(string id) =>
        Catalog.Value.FlagSets.TryGetValue(id, out var f) ? f : throw new KeyNotFoundException($"no flag set {id}");

    /// <summary>Every structure, by id.</summary>
    public static IReadOnlyDictionary<string, WireStruct> Structs => Catalog.Value.Structs;

    /// <summary>
    /// The id of the structure a region of <paramref name="kind"/> holds: the ring areas are their own structures
    /// (<c>split-avail</c>), both packed event areas are <c>packed-event</c>, a grant table is a table of
    /// <c>grant-entry-v1</c>, an iommu-requests region holds <c>iommu-request</c> slots; a window has no structure. Every
    /// other kind (a device's buffers) holds the structure named like it: <see cref="RegionKind.I2cOutHdr"/> holds
    /// <c>i2c-out-hdr</c>.
    /// </summary>
    public static string RegionStructId(RegionKind kind) => kind switch
    {
        RegionKind.PackedDriverEvent or RegionKind.PackedDeviceEvent => "packed-event",
        RegionKind.GrantTable => "grant-table",
        RegionKind.IommuRequests => "iommu-requests",
        RegionKind.Window => "window",
        _ => kind.WireName(),
    };

    /// <summary>
    /// The descriptions the explain page decodes with, as one JSON object: <c>regionKinds</c> (wire name → structure
    /// id, so the page knows the kinds' names only from here) and <c>families</c> (each description file that holds a
    /// region's structure or one it names, as written but for what only the C# side reads: constant names and doc comments).
    /// </summary>
    public static string ExportJson() => Catalog.Value.Export;

    private static Loaded Load()
    {
        var assembly = typeof(LayoutCatalog).Assembly;
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            files[resource[ResourcePrefix.Length..]] = reader.ReadToEnd();
        }
        var structs = new Dictionary<string, WireStruct>(StringComparer.Ordinal);
        var flagSets = new Dictionary<string, WireFlagSet>(StringComparer.Ordinal);
        foreach (string text in files.Values) LayoutFileReader.Read(text, structs, flagSets);
        return new Loaded(files, structs, flagSets, Export(files));
    }

    private static string Export(SortedDictionary<string, string> files)
    {
        var exported = Exported(files);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("regionKinds");
            foreach (var kind in RegionKinds.All) w.WriteString(kind.WireName(), RegionStructId(kind));
            w.WriteEndObject();
            w.WriteStartArray("families");
            foreach (var (name, text) in files)
            {
                if (!exported.Contains(name)) continue;
                using var doc = JsonDocument.Parse(text);
                WriteData(w, doc.RootElement);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The files the page needs: those holding a region's structure, and those holding a structure or value set they
    /// name (a request type's structure, a field's value set, an entry's <c>ref</c>), however far that goes.
    /// </summary>
    private static HashSet<string> Exported(SortedDictionary<string, string> files)
    {
        var defines = new Dictionary<string, string>(StringComparer.Ordinal); // structure or value set id -> file
        var names = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal); // file -> ids it names
        foreach (var (file, text) in files)
        {
            using var doc = JsonDocument.Parse(text);
            names[file] = [];
            Ids(doc.RootElement, file, defines, names[file], inDefinitionList: false);
        }
        var wanted = new Queue<string>(RegionKinds.All.Select(RegionStructId).Where(defines.ContainsKey).Select(id => defines[id]));
        var exported = new HashSet<string>(StringComparer.Ordinal);
        while (wanted.TryDequeue(out string? file))
        {
            if (!exported.Add(file)) continue;
            foreach (string id in names[file]) if (defines.TryGetValue(id, out string? other)) wanted.Enqueue(other);
        }
        return exported;
    }

    private static void Ids(JsonElement e, string file, Dictionary<string, string> defines, HashSet<string> named, bool inDefinitionList)
    {
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray()) Ids(item, file, defines, named, inDefinitionList);
            return;
        }
        if (e.ValueKind != JsonValueKind.Object) return;
        foreach (var p in e.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.String && p.Name is "ref" or "struct" or "flags" or "values") named.Add(p.Value.GetString()!);
            else if (p.Value.ValueKind == JsonValueKind.String && p.Name == "id" && inDefinitionList) defines.TryAdd(p.Value.GetString()!, file);
            else Ids(p.Value, file, defines, named, p.Name is "structs" or "flagsets");
        }
    }

    /// <summary>Writes <paramref name="e"/> without what only the C# side reads (names of constants, doc comments).</summary>
    private static void WriteData(Utf8JsonWriter w, JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (var p in e.EnumerateObject())
                {
                    if (CSharpOnly.Contains(p.Name) || (p.Name == "class" && p.Value.ValueKind == JsonValueKind.Object)) continue;
                    w.WritePropertyName(p.Name);
                    WriteData(w, p.Value);
                }
                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var item in e.EnumerateArray()) WriteData(w, item);
                w.WriteEndArray();
                break;
            default:
                e.WriteTo(w);
                break;
        }
    }

    private static readonly HashSet<string> CSharpOnly = new(StringComparer.Ordinal)
    {
        "doc", "const", "constType", "sizeConst", "alignConst", "offsetConst", "member", "enum", "declaration", "usings",
    };

    private sealed record Loaded(
        SortedDictionary<string, string> Files, Dictionary<string, WireStruct> Structs,
        Dictionary<string, WireFlagSet> FlagSets, string Export);
}
