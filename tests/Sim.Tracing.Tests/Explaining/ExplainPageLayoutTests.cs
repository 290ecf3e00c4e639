using System.Text.Json;
using System.Text.RegularExpressions;
using Sim.Layouts;
using Sim.Tracing.Explaining;

namespace Sim.Tracing.Tests.Explaining;

/// <summary>
/// The explain page has no layout knowledge of its own (issue 17): its script names no region kind, structure or flag
/// and does no offset arithmetic; it reads all of them from the layouts block the page carries
/// (<see cref="LayoutCatalog.ExportJson"/>), and the region kinds the writer declares round-trip through that block.
/// </summary>
public sealed partial class ExplainPageLayoutTests
{
    [Fact]
    public void The_script_names_no_region_kind_structure_or_flag()
    {
        string js = ExplainPageScript.Js;
        var names = RegionKinds.All.Select(k => k.WireName())
            .Concat(LayoutCatalog.Structs.Keys)
            .Concat(new[] { "split-desc-flags", "packed-desc-flags", "split-avail-flags", "split-used-flags", "packed-event-flags", "grant-flags", "iommu-map-flags", "iommu-request-types", "iommu-status" }
                .SelectMany(id => LayoutCatalog.Flags(id).Flags.Select(f => f.Name)))
            .Distinct();
        var named = names.Where(n => js.Contains($"'{n}'", StringComparison.Ordinal) || js.Contains($"\"{n}\"", StringComparison.Ordinal)).ToList();
        Assert.True(named.Count == 0, "the script names " + string.Join(", ", named));
    }

    [Fact]
    public void The_script_does_no_offset_arithmetic_of_its_own()
    {
        // The old decoders' layout numbers: descriptor and entry offsets, ring headers and trailers, request offsets,
        // slot sizes, the off_wrap mask. The little-endian readers (o + 1, o + 2, o + 4) and the hex dump's 16-byte rows
        // stay; the timeline part draws the SVG (pixels, not bytes) and is not looked at.
        string memoryPart = ExplainPageScriptMemory.Js + ExplainPageScriptDecoders.Js + ExplainPageScriptView.Js;
        var layoutNumbers = new HashSet<string> { "6", "8", "12", "14", "20", "24", "28", "32", "36", "256", "2048", "0x7fff", "15" };
        var found = ArithmeticNumber().Matches(memoryPart).Select(m => m.Groups[1].Value).Where(layoutNumbers.Contains).Distinct().ToList();
        Assert.True(found.Count == 0, "the script computes with " + string.Join(", ", found));
        foreach (string old in new[] { "SPLIT_FLAGS", "PACKED_FLAGS", "IOMMU_", "WINDOW_SLOT", "0x7fff" })
            Assert.DoesNotContain(old, ExplainPageScript.Js, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_region_kind_round_trips_through_its_wire_name_and_the_page_layouts()
    {
        using var layouts = JsonDocument.Parse(LayoutCatalog.ExportJson());
        var kinds = layouts.RootElement.GetProperty("regionKinds");
        static IEnumerable<JsonElement> Scopes(JsonElement scope) => new[] { scope }.Concat(new[] { "classes", "nested" }
            .SelectMany(m => scope.TryGetProperty(m, out var inner) ? inner.EnumerateArray().SelectMany(Scopes) : []));
        var exported = layouts.RootElement.GetProperty("families").EnumerateArray().SelectMany(Scopes)
            .SelectMany(f => f.TryGetProperty("structs", out var structs) ? structs.EnumerateArray() : []).Select(s => s.GetProperty("id").GetString()).ToHashSet();
        Assert.Equal(RegionKinds.All.Count, kinds.EnumerateObject().Count());
        foreach (var kind in RegionKinds.All)
        {
            string wire = kind.WireName();
            Assert.Equal(kind, RegionKinds.Parse(wire));
            Assert.Equal(LayoutCatalog.RegionStructId(kind), kinds.GetProperty(wire).GetString());
            Assert.Contains(kinds.GetProperty(wire).GetString(), exported);
        }
        Assert.Null(RegionKinds.Parse("no-such-kind"));
        Assert.Equal("split-avail", RegionKind.SplitAvail.WireName());
        Assert.Equal("iommu-requests", RegionKind.IommuRequests.WireName());
    }

    [Fact]
    public void The_page_carries_the_layouts_the_script_reads_and_no_csharp_names()
    {
        var run = new ExplainedRun("layouts", 1, "kvm/blk0", ["kvm/blk0/driver"],
            [new ExplainedRegion("kvm/blk0/driver/q0/avail", RegionKind.SplitAvail.WireName(), 0x1000, 6 + 2 * 8, 8)], []);
        string page = ExplainPage.Write(run);
        var block = Regex.Match(page, "<script type=\"application/json\" id=\"explain-layouts\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(block.Success);
        Assert.Equal(LayoutCatalog.ExportJson(), block.Groups[1].Value);
        Assert.Contains("explain-layouts", ExplainPageScript.Js, StringComparison.Ordinal);
        Assert.DoesNotContain("\"const\"", block.Groups[1].Value, StringComparison.Ordinal);
        Assert.DoesNotContain("\"doc\"", block.Groups[1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_structure_and_value_set_the_exported_layouts_name_is_exported()
    {
        using var layouts = JsonDocument.Parse(LayoutCatalog.ExportJson());
        var defined = new HashSet<string>(StringComparer.Ordinal);
        var named = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonElement e, bool definitions)
        {
            if (e.ValueKind == JsonValueKind.Array) foreach (var item in e.EnumerateArray()) Walk(item, definitions);
            if (e.ValueKind != JsonValueKind.Object) return;
            foreach (var p in e.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.String && p.Name is "ref" or "struct" or "flags" or "values" or "tail") named.Add(p.Value.GetString()!);
                else if (p.Value.ValueKind == JsonValueKind.String && p.Name == "id" && definitions) defined.Add(p.Value.GetString()!);
                else Walk(p.Value, p.Name is "structs" or "flagsets");
            }
        }
        Walk(layouts.RootElement.GetProperty("families"), false);
        Assert.Empty(named.Except(defined));
        Assert.Contains("snd-pcm-formats", defined); // PCM_SET_PARAMS's format names, described in another file
        Assert.Contains("snd-pcm-info", defined);    // the PCM_INFO items of a control response
        Assert.Contains("rpmb-req-resp", defined);
    }

    [GeneratedRegex(@"[-+*/%]\s*(0x[0-9a-fA-F]+|\d+)\b")]
    private static partial Regex ArithmeticNumber();
}
