using System.Reflection;
using System.Text.Json;
using Sim.Devices.Iommu;
using Sim.Devices.Virtio.Packed;
using Sim.Devices.Virtio.Queues;
using Sim.Devices.Virtio.Split;
using Sim.Hypervisors.Window;
using Sim.Hypervisors.Xen;
using Sim.Layouts;

namespace Sim.Devices.Tests.Layouts;

/// <summary>
/// The wire layout descriptions (src/Sim.Layouts/Wire/*.layout.json) are the source of the models' constants: every
/// constant a description names exists in its class with the description's value and type, the enums generated from
/// flag sets have the described members, and the catalog's ring-area arithmetic is the models' (virtio 1.2, 2.7 and 2.8).
/// </summary>
public sealed class WireLayoutConstantsTests
{
    private static readonly Assembly[] Models = [typeof(SplitLayout).Assembly, typeof(GrantEntryV1).Assembly];

    [Fact]
    public void Every_described_constant_is_a_public_constant_of_its_class_with_the_described_value()
    {
        int checkedConstants = 0;
        var problems = new List<string>();
        foreach (string file in LayoutCatalog.Files)
        {
            using var doc = JsonDocument.Parse(LayoutCatalog.FileText(file));
            var root = doc.RootElement;
            var scopes = root.TryGetProperty("classes", out var classes) ? classes.EnumerateArray().ToList() : root.TryGetProperty("class", out _) ? [root] : [];
            foreach (var scope in scopes) Scope(file, TypeNamed(scope.GetProperty("class").GetString()!), scope, problems, ref checkedConstants);
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(checkedConstants > 300, $"only {checkedConstants} constants were checked");
    }

    [Fact]
    public void Every_file_is_read_by_the_catalog_and_holds_the_region_structures()
    {
        Assert.Contains("split-ring.layout.json", LayoutCatalog.Files);
        foreach (var kind in RegionKinds.All) Assert.True(LayoutCatalog.Structs.ContainsKey(LayoutCatalog.RegionStructId(kind)), kind.ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(256)]
    [InlineData(32768)]
    public void The_ring_areas_of_the_catalog_are_the_models_ring_areas(int size)
    {
        var split = QueueAreas.Split(size);
        Assert.Equal(split.Descriptors.Bytes, (ulong)LayoutCatalog.Struct(RegionKind.SplitDesc).Bytes(size));
        Assert.Equal(split.Driver.Bytes, (ulong)LayoutCatalog.Struct(RegionKind.SplitAvail).Bytes(size));
        Assert.Equal(split.Device.Bytes, (ulong)LayoutCatalog.Struct(RegionKind.SplitUsed).Bytes(size));
        Assert.Equal(split.Driver.Alignment, (ulong)LayoutCatalog.Struct(RegionKind.SplitAvail).Alignment);
        Assert.Equal(split.Device.Alignment, (ulong)LayoutCatalog.Struct(RegionKind.SplitUsed).Alignment);
        Assert.Equal(SplitLayout.UsedEventOffset(size), (ulong)LayoutCatalog.Struct(RegionKind.SplitAvail).TrailerOffset(size));
        Assert.Equal(SplitLayout.AvailEventOffset(size), (ulong)LayoutCatalog.Struct(RegionKind.SplitUsed).TrailerOffset(size));
        Assert.Equal(size, LayoutCatalog.Struct(RegionKind.SplitUsed).EntriesIn((long)split.Device.Bytes));
        var packed = QueueAreas.Packed(size);
        Assert.Equal(packed.Descriptors.Bytes, (ulong)LayoutCatalog.Struct(RegionKind.PackedDesc).Bytes(size));
        Assert.Equal(packed.Driver.Bytes, (ulong)LayoutCatalog.Struct(RegionKind.PackedDriverEvent).Bytes(size));
    }

    [Fact]
    public void The_slots_the_page_decodes_are_the_models_slots()
    {
        Assert.Equal(BounceWindow.SlotSize, LayoutCatalog.Struct(RegionKind.Window).EntrySize);
        Assert.Equal(VirtqueueIommuPort.SlotBytes, LayoutCatalog.Struct(RegionKind.IommuRequests).EntrySize);
        Assert.Equal(GrantEntryV1.Size, LayoutCatalog.Struct(RegionKind.GrantTable).EntrySize);
    }

    [Fact]
    public void The_generated_enums_name_the_described_values()
    {
        Assert.Equal(IommuRequestType.Map, (IommuRequestType)LayoutCatalog.Flags("iommu-request-types").ValueOf("MAP"));
        Assert.Equal((ulong)IommuMapFlags.Write, LayoutCatalog.Flags("iommu-map-flags").ValueOf("WRITE"));
        Assert.Equal((ulong)GrantFlags.ReadOnly, LayoutCatalog.Flags("grant-flags").ValueOf("readonly"));
        Assert.Equal("permit_access|readonly", LayoutCatalog.Flags("grant-flags").Text((ulong)(GrantFlags.PermitAccess | GrantFlags.ReadOnly)));
        Assert.Equal("accept_transfer|transfer_committed", LayoutCatalog.Flags("grant-flags").Text(2 | 4));
        Assert.Equal("NOMEM", LayoutCatalog.Flags("iommu-status").NameOf(IommuStatus.NoMem));
        Assert.Equal("NEXT|WRITE|0x40", LayoutCatalog.Flags("split-desc-flags").Text(SplitLayout.FlagNext | SplitLayout.FlagWrite | 0x40));
        Assert.Equal("AVAIL|USED", LayoutCatalog.Flags("packed-desc-flags").Text(PackedLayout.FlagAvail | PackedLayout.FlagUsed));
    }

    private static void Scope(string file, Type type, JsonElement scope, List<string> problems, ref int count)
    {
        foreach (var (name, value) in Constants(scope))
        {
            count++;
            var field = type.GetField(name, BindingFlags.Public | BindingFlags.Static);
            if (field is null || !field.IsLiteral) { problems.Add($"{file}: {type.FullName}.{name} is not a public constant"); continue; }
            if (value is not null && Convert.ToDecimal(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture) != value)
                problems.Add($"{file}: {type.FullName}.{name} is {field.GetRawConstantValue()}, the description says {value}");
        }
        if (scope.TryGetProperty("nested", out var nested))
            foreach (var n in nested.EnumerateArray())
            {
                var inner = type.GetNestedType(n.GetProperty("class").GetString()!, BindingFlags.Public);
                if (inner is null) problems.Add($"{file}: {type.FullName} has no nested class {n.GetProperty("class").GetString()}");
                else Scope(file, inner, n, problems, ref count);
            }
    }

    /// <summary>Every constant a scope describes, with its value when the description gives a number.</summary>
    private static IEnumerable<(string Name, decimal? Value)> Constants(JsonElement scope)
    {
        foreach (var s in Items(scope, "structs"))
        {
            foreach (var c in StructConstants(s)) yield return c;
            if (s.TryGetProperty("entries", out var e))
            {
                if (e.TryGetProperty("offsetConst", out var oc)) yield return (oc.GetProperty("name").GetString()!, Number(e, "offset"));
                foreach (var c in StructConstants(e)) yield return c;
            }
            if (s.TryGetProperty("trailer", out var t)) foreach (var c in StructConstants(t)) yield return c;
        }
        foreach (var set in Items(scope, "flagsets"))
        {
            if (set.TryGetProperty("enum", out _) || set.TryGetProperty("class", out _)) continue;
            foreach (var f in Items(set, "flags"))
                if (f.TryGetProperty("const", out var c)) yield return (c.GetString()!, Number(f, "value"));
        }
        foreach (var c in Items(scope, "constants")) yield return (c.GetProperty("name").GetString()!, Number(c, "value"));
    }

    private static IEnumerable<(string, decimal?)> StructConstants(JsonElement s)
    {
        if (s.TryGetProperty("sizeConst", out var sc)) yield return (sc.GetProperty("name").GetString()!, Number(s, "size"));
        if (s.TryGetProperty("alignConst", out var ac)) yield return (ac.GetProperty("name").GetString()!, Number(s, "align"));
        foreach (var f in Items(s, "fields"))
            if (f.TryGetProperty("const", out var c)) yield return (c.GetString()!, Number(f, "offset"));
    }

    private static decimal? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;

    private static IEnumerable<JsonElement> Items(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) ? a.EnumerateArray() : [];

    private static Type TypeNamed(string name) =>
        Models.Select(a => a.GetType(name)).FirstOrDefault(t => t is not null) ?? throw new InvalidOperationException($"no type {name}");
}
