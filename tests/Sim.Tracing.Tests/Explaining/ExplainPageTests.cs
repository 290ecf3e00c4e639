using System.Buffers.Binary;
using Sim.Layouts;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sim.Tracing.Explaining;

namespace Sim.Tracing.Tests.Explaining;

/// <summary>
/// The explain page as text: one self-contained file (no URL of any kind), the same bytes for the same run, the run
/// embedded as JSON that parses back to what was given, and no step text able to close the script element.
/// </summary>
public sealed partial class ExplainPageTests
{
    private const string DataOpen = "<script type=\"application/json\" id=\"explain-data\">";

    private static ExplainedRun Run(string kickText = "driver kicks: vring_need_event(0, 1, 0) is true")
    {
        ExplainedRegion[] regions =
        [
            new("kvm/blk0/driver/q0/desc", "split-desc", 0x1000, 128, 8),
            new("kvm/blk0/driver/q0/avail", "split-avail", 0x1080, 22, 8),
            new("kvm/blk0/driver/q0/used", "split-used", 0x10a0, 70, 8),
            new("dom1/odd", "something-else", 0xffff_ffff_ffff_0000, 16, 0),
        ];
        KeyValuePair<string, long>[] Counters(long kicks) => [new("exits", kicks), new("kicks", kicks)];
        ExplainStep[] steps =
        [
            new(0, 0, "kvm/blk0/driver", null, "descriptor", "descriptor 0: header", 40_000, "cost profile: desc-write",
                [new RegionChange(0, 0x1000, [0x00, 0x20, 0, 0, 0, 0, 0, 0, 16, 0, 0, 0, 1, 0, 1, 0])], Counters(0)),
            new(1, 1_000_000, "kvm/blk0/driver", "kvm/blk0/platform", "kick", kickText, null, null, [], Counters(1)),
            new(2, 2_500_000, "kvm/blk0/backend", null, "used", "used ring[0] = {id 0, len 4097}", null, null,
                [new RegionChange(2, 0x10a4, [0, 0, 0, 0, 0x01, 0x10, 0, 0]), new RegionChange(3, 0xffff_ffff_ffff_0004, [0xab])],
                Counters(1)),
        ];
        return new ExplainedRun("quickstart", ulong.MaxValue, "kvm/blk0", ["kvm/blk0/driver", "kvm/blk0/platform", "kvm/blk0/backend"], regions, steps);
    }

    private static JsonElement Data(string page)
    {
        int start = page.IndexOf(DataOpen, StringComparison.Ordinal);
        Assert.True(start >= 0, "no #explain-data script element");
        start += DataOpen.Length;
        int end = page.IndexOf("</script>", start, StringComparison.Ordinal);
        return JsonDocument.Parse(page[start..end]).RootElement.Clone();
    }

    [Fact]
    public void The_page_is_one_self_contained_html_file()
    {
        string page = ExplainPage.Write(Run());

        Assert.StartsWith("<!DOCTYPE html>\n", page, StringComparison.Ordinal);
        Assert.Contains("<meta charset=\"utf-8\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http:", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https:", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("//", Regex.Replace(page, "<script>.*?</script>", "", RegexOptions.Singleline), StringComparison.Ordinal);
        Assert.DoesNotMatch(SrcOrHref(), page);
        Assert.DoesNotContain('\r', page);
        Assert.Single(Regex.Matches(page, "<style>"));
        // The run's data, the wire layouts and one script: exactly three script elements, each closed once.
        Assert.Equal(3, Regex.Matches(page, "<script[ >]").Count);
        Assert.Equal(3, Regex.Matches(page, "</script>").Count);
        foreach (string id in new[] { "prev", "next", "first", "last", "jump", "go", "step-label", "timeline", "narration", "counters", "regions", "changes" })
        {
            Assert.Contains($"id=\"{id}\"", page, StringComparison.Ordinal);
        }
        Assert.Contains("ArrowRight", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_run_gives_the_same_bytes()
    {
        Assert.Equal(ExplainPage.Write(Run()), ExplainPage.Write(Run()));
        Assert.NotEqual(ExplainPage.Write(Run()), ExplainPage.Write(Run("driver does not kick")));
    }

    [Fact]
    public void The_embedded_json_parses_back_to_the_run()
    {
        JsonElement data = Data(ExplainPage.Write(Run()));

        Assert.Equal("virtiosim-explain/1", data.GetProperty("format").GetString());
        Assert.Equal("18446744073709551615", data.GetProperty("seed").GetString());
        Assert.Equal(["format", "scenario", "seed", "device", "actors", "regions", "steps"], data.EnumerateObject().Select(p => p.Name));
        JsonElement regions = data.GetProperty("regions");
        Assert.Equal(4, regions.GetArrayLength());
        Assert.Equal("0x10a0", regions[2].GetProperty("start").GetString());
        Assert.Equal("0xffffffffffff0000", regions[3].GetProperty("start").GetString());
        Assert.Equal(8, regions[2].GetProperty("queueSize").GetInt32());

        JsonElement steps = data.GetProperty("steps");
        Assert.Equal(3, steps.GetArrayLength());
        Assert.Equal(2_500_000, steps[2].GetProperty("time").GetInt64());
        Assert.Equal(40_000, steps[0].GetProperty("cost").GetInt64());
        Assert.Equal(JsonValueKind.Null, steps[1].GetProperty("cost").ValueKind);
        Assert.Equal("kvm/blk0/platform", steps[1].GetProperty("target").GetString());
        Assert.Equal(JsonValueKind.Null, steps[0].GetProperty("target").ValueKind);

        JsonElement used = steps[2].GetProperty("changes")[0];
        Assert.Equal(2, used.GetProperty("region").GetInt32());
        Assert.Equal("0x10a4", used.GetProperty("address").GetString());
        Assert.Equal(4, used.GetProperty("offset").GetInt64());
        Assert.Equal("0000000001100000", used.GetProperty("hex").GetString());
        JsonElement high = steps[2].GetProperty("changes")[1];
        Assert.Equal("0xffffffffffff0004", high.GetProperty("address").GetString());
        Assert.Equal(4, high.GetProperty("offset").GetInt64());

        JsonElement counters = steps[1].GetProperty("counters");
        Assert.Equal("kicks", counters[1][0].GetString());
        Assert.Equal(1, counters[1][1].GetInt64());
    }

    [Fact]
    public void A_write_outside_its_region_or_to_an_unknown_region_has_no_offset()
    {
        ExplainedRun run = Run() with
        {
            Steps =
            [
                new ExplainStep(0, 0, "kvm/blk0/driver", null, "message", "odd writes", null, null,
                    [new RegionChange(0, 0x0fff, [1]), new RegionChange(0, 0x1080, [1]), new RegionChange(9, 0x1000, [1])], []),
            ],
        };
        JsonElement changes = Data(ExplainPage.Write(run)).GetProperty("steps")[0].GetProperty("changes");
        Assert.All(changes.EnumerateArray(), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("offset").ValueKind));
        Assert.Equal(9, changes[2].GetProperty("region").GetInt32());
    }

    [Fact]
    public void A_closing_script_tag_in_a_step_text_cannot_close_the_data_element()
    {
        const string text = "evil </script><script>alert(1)</script> & <!-- more";
        string page = ExplainPage.Write(Run(text));

        Assert.Equal(3, Regex.Matches(page, "</script>", RegexOptions.IgnoreCase).Count);
        Assert.DoesNotContain("<!--", page, StringComparison.Ordinal);
        Assert.Equal(text, Data(page).GetProperty("steps")[1].GetProperty("text").GetString());
    }

    [Fact]
    public void Header_text_is_escaped()
    {
        ExplainedRun run = Run() with { Scenario = "<b>a&b</b>", Device = "kvm/\"blk0\"" };
        string page = ExplainPage.Write(run);

        Assert.DoesNotContain("<b>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;a&amp;b&lt;/b&gt;", page, StringComparison.Ordinal);
        Assert.Equal("<b>a&b</b>", Data(page).GetProperty("scenario").GetString());
    }

    [Fact]
    public void A_run_with_no_steps_and_no_regions_still_writes_a_page()
    {
        var run = new ExplainedRun("empty", 1, "kvm/blk0", [], [], []);
        string page = ExplainPage.Write(run);

        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", page, StringComparison.Ordinal);
        JsonElement data = Data(page);
        Assert.Equal(0, data.GetProperty("steps").GetArrayLength());
        Assert.Equal(0, data.GetProperty("regions").GetArrayLength());
        Assert.Contains("0 steps", page, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_with_an_iommu_requests_region_still_writes_a_self_contained_deterministic_page()
    {
        static ExplainedRun IommuRun()
        {
            var map = new byte[40];
            map[0] = 3;
            BinaryPrimitives.WriteUInt32LittleEndian(map.AsSpan(4), 1u);
            BinaryPrimitives.WriteUInt64LittleEndian(map.AsSpan(8), 0x1000ul);
            BinaryPrimitives.WriteUInt64LittleEndian(map.AsSpan(16), 0x1ffful);
            BinaryPrimitives.WriteUInt64LittleEndian(map.AsSpan(24), 0x3000ul);
            BinaryPrimitives.WriteUInt32LittleEndian(map.AsSpan(32), 1u);
            ExplainedRegion[] regions = [new("kvm/blk0/iommu/requests", "iommu-requests", 0x5000, 4 * 256, 0)];
            ExplainStep[] steps =
            [
                new(0, 0, "kvm/blk0/driver", null, "message", "MAP posted", null, null, [new RegionChange(0, 0x5100, map)], [new("exits", 0)]),
                new(1, 1_000, "kvm/blk0/iommu", null, "message", "status OK", null, null, [new RegionChange(0, 0x5100 + 36, [0, 0, 0, 0])], [new("exits", 1)]),
            ];
            return new ExplainedRun("iommu", 3, "kvm/blk0", ["kvm/blk0/driver", "kvm/blk0/iommu"], regions, steps);
        }

        string page = ExplainPage.Write(IommuRun());

        Assert.Equal(page, ExplainPage.Write(IommuRun()));
        Assert.StartsWith("<!DOCTYPE html>\n", page, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http:", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https:", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(SrcOrHref(), page);
        Assert.Equal(3, Regex.Matches(page, "</script>").Count);
        Assert.Contains("\"iommu-requests\":\"iommu-requests\"", page, StringComparison.Ordinal); // the kind, named by the layouts
        Assert.Contains("IOMMU mappings (as the guest asked for them)", page, StringComparison.Ordinal);
        JsonElement data = Data(page);
        Assert.Equal("iommu-requests", data.GetProperty("regions")[0].GetProperty("kind").GetString());
        Assert.Equal(256, data.GetProperty("steps")[0].GetProperty("changes")[0].GetProperty("offset").GetInt64());
        Assert.Equal(292, data.GetProperty("steps")[1].GetProperty("changes")[0].GetProperty("offset").GetInt64());
    }

    [Fact]
    public void A_64_mib_bounce_window_keeps_the_page_small_and_deterministic()
    {
        const ulong Start = 0x4000_0000, Length = 64ul << 20;
        static ExplainedRun WindowRun()
        {
            var data = new byte[4096];
            for (int i = 0; i < data.Length; i++) data[i] = (byte)(i * 7);
            ExplainedRegion[] regions = [new("kvm/blk0/swiotlb", "window", Start, Length, 0)];
            ExplainStep[] steps =
            [
                new(0, 0, "kvm/blk0/backend", null, "copy", "device writes 4096 bytes into slots 5 and 6", null, null,
                    [new RegionChange(0, Start + 5 * 2048, data)], [new("copies", 1)]),
            ];
            return new ExplainedRun("bounce", 9, "kvm/blk0", ["kvm/blk0/driver", "kvm/blk0/backend"], regions, steps);
        }

        string page = ExplainPage.Write(WindowRun());

        Assert.Equal(page, ExplainPage.Write(WindowRun()));
        // The page embeds the change's bytes once, as hex; nothing scales with the window's 64 MiB.
        Assert.True(page.Length < 100_000 + 2 * 4096 + LayoutCatalog.ExportJson().Length, $"the page is {page.Length} characters");
        Assert.EndsWith("</html>\n", page, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Matches(page, "</script>").Count);
        Assert.Contains("\"window\":\"window\"", page, StringComparison.Ordinal); // the kind, named by the layouts
        Assert.Contains("window-summary", page, StringComparison.Ordinal);
        Assert.Contains("window-slot", page, StringComparison.Ordinal);
        JsonElement json = Data(page);
        JsonElement region = json.GetProperty("regions")[0];
        Assert.Equal("window", region.GetProperty("kind").GetString());
        Assert.Equal((long)Length, region.GetProperty("length").GetInt64());
        JsonElement change = json.GetProperty("steps")[0].GetProperty("changes")[0];
        Assert.Equal(5 * 2048, change.GetProperty("offset").GetInt64());
        Assert.Equal(2 * 4096, change.GetProperty("hex").GetString()!.Length);
    }

    [GeneratedRegex("""\s(src|href)\s*=\s*"(?!#)""", RegexOptions.IgnoreCase)]
    private static partial Regex SrcOrHref();
}
