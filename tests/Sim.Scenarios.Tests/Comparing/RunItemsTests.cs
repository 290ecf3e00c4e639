using Sim.Studies.Comparing;

namespace Sim.Scenarios.Tests.Comparing;

/// <summary>
/// Comparing inside one run: <c>RESULTS#ITEM</c> arguments are split from their path, a run splits into its variants,
/// guests or devices (keys relative to each), selectors choose parts by path prefix, a study's selectors are point
/// indices, a run record is read as a run labelled after its study, and units travel with every value.
/// </summary>
public sealed class RunItemsTests
{
    /// <summary>Two guests (kvm, xen) with one blk device each, and a bus metric outside any device.</summary>
    private const string TwoGuests = """
        {
          "format": "virtiosim-results/1", "scenario": "pair", "seed": 1, "duration": 2.0, "warmup": 0.5,
          "simulatedTime": 2.0, "events": 10, "partial": false, "stopReason": "end-reached",
          "metrics": {
            "kvm/blk0/driver/requests": { "kind": "counter", "unit": "", "count": 300 },
            "kvm/blk0/driver/latency": { "kind": "histogram", "unit": "s", "count": 300, "mean": 4e-05, "p99": 6e-05 },
            "xen/blk0/driver/requests": { "kind": "counter", "unit": "", "count": 150 },
            "xen/blk0/driver/latency": { "kind": "histogram", "unit": "s", "count": 150, "mean": 5e-05, "p99": 9e-05 },
            "xen/bus/energy": { "kind": "integral", "unit": "J", "total": 0.27, "rate": 0.18 }
          },
          "devices": { "kvm/blk0": {}, "xen/blk0": {} },
          "findings": []
        }
        """;

    private static string Write(string name = "pair", string text = TwoGuests) =>
        ComparisonJson.WriteResults(ComparisonJson.TempDirectory(), name, text);

    [Theory]
    [InlineData(WithinLevel.Variants, new[] { "pair#kvm", "pair#xen" }, "blk0/driver/latency.mean")]
    [InlineData(WithinLevel.Guests, new[] { "pair#kvm", "pair#xen" }, "blk0/driver/latency.mean")]
    [InlineData(WithinLevel.Devices, new[] { "pair#kvm/blk0", "pair#xen/blk0" }, "driver/latency.mean")]
    public void A_run_splits_into_its_parts_with_keys_relative_to_each(WithinLevel level, string[] labels, string key)
    {
        var loaded = ComparisonSource.Load(new ComparisonArgument("pair", Write(), []), null, level);

        Assert.Equal(labels, loaded.Items.Select(i => i.Label));
        Assert.Equal(4e-05, loaded.Items[0].Get(key)!.Mean);
        Assert.Equal("s", loaded.Items[0].Get(key)!.Unit);
        Assert.Equal(5e-05, loaded.Items[1].Get(key)!.Mean);
    }

    [Fact]
    public void Selectors_choose_parts_in_their_order_and_carry_units()
    {
        string directory = Write();
        var loaded = ComparisonSource.Load(ComparisonArgument.Parse(directory + "#xen,kvm"), null, null);

        Assert.Equal(["pair#xen", "pair#kvm"], loaded.Items.Select(i => i.Label));
        Assert.Equal("W", loaded.Items[0].Get("bus/energy.rate")!.Unit);
        Assert.Equal("J", loaded.Items[0].Get("bus/energy.total")!.Unit);
        Assert.Equal("/s", loaded.Items[1].Get("blk0/driver/requests.perSecond")!.Unit);
        Assert.Equal("", loaded.Items[1].Get("blk0/driver/requests.count")!.Unit);
        Assert.Null(loaded.Items[1].Get("bus/energy.total"));
    }

    [Fact]
    public void An_unknown_selector_names_the_input_and_what_the_run_has()
    {
        string directory = Write();
        var ex = Assert.Throws<ComparisonInputException>(() => ComparisonSource.Load(ComparisonArgument.Parse(directory + "#kvmm"), null, null));

        Assert.Contains(Path.Combine(directory, "results.json") + "#kvmm", ex.Message);
        Assert.Contains("its variants: kvm, xen; its devices: kvm/blk0, xen/blk0", ex.Message);
    }

    [Fact]
    public void A_run_without_devices_cannot_be_split_into_devices()
    {
        string directory = Write(text: TwoGuests.Replace("\"devices\": { \"kvm/blk0\": {}, \"xen/blk0\": {} },", ""));
        var ex = Assert.Throws<ComparisonInputException>(() => ComparisonSource.Load(new ComparisonArgument(directory, directory, []), null, WithinLevel.Devices));
        Assert.Contains("--within devices: this run has no devices", ex.Message);
    }

    [Fact]
    public void An_argument_is_split_at_its_last_hash_unless_it_names_a_file()
    {
        Assert.Equal(new[] { "a", "b/c" }, ComparisonArgument.Parse("out/q#a, b/c/").Selectors);
        Assert.Equal("out/q", ComparisonArgument.Parse("out/q#a").Path);
        Assert.Empty(ComparisonArgument.Parse("out/q").Selectors);
        Assert.Contains("nothing after '#'", Assert.Throws<ComparisonInputException>(() => ComparisonArgument.Parse("out/q#")).Message);
        string odd = Path.Combine(ComparisonJson.TempDirectory(), "run#1");
        Directory.CreateDirectory(odd);
        Assert.Equal(odd, ComparisonArgument.Parse(odd).Path);
    }

    [Fact]
    public void A_study_selector_is_a_point_index()
    {
        string directory = ComparisonJson.WriteResults(ComparisonJson.TempDirectory(), "study", ComparisonJson.Study((1.0, 0.1), (2.0, null), (3.0, 0.2)));

        var two = ComparisonSource.Load(ComparisonArgument.Parse(directory + "#2,0"), null, null);
        Assert.Equal(["study#0 (sharing=v0)", "study#2 (sharing=v2)"], two.Items.Select(i => i.Label));
        var ex = Assert.Throws<ComparisonInputException>(() => ComparisonSource.Load(ComparisonArgument.Parse(directory + "#kvm"), null, null));
        Assert.Contains("expected a point index", ex.Message);
    }

    [Fact]
    public void A_run_record_is_a_run_labelled_after_its_study_point_and_replication()
    {
        string runs = Path.Combine(ComparisonJson.TempDirectory(), "grants", "runs");
        Directory.CreateDirectory(runs);
        string record = Path.Combine(runs, "p0001-r002.json");
        File.WriteAllText(record, $$"""{ "format": "virtiosim-run/1", "point": 1, "replication": 2, "seed": 9, "parameters": { "vcpus": "4" }, "results": {{TwoGuests}} }""");

        var whole = ComparisonSource.Load(record);
        Assert.Equal("grants#1 r2 (vcpus=4)", Assert.Single(whole.Items).Label);
        Assert.Equal(5e-05, whole.Items[0].Get("xen/blk0/driver/latency.mean")!.Mean);
        var parts = ComparisonSource.Load(ComparisonArgument.Parse(record + "#kvm"), null, null);
        Assert.Equal("grants#1 r2 (vcpus=4)#kvm", Assert.Single(parts.Items).Label);
    }

    [Fact]
    public void Two_arguments_with_one_label_are_labelled_as_typed()
    {
        string a = ComparisonJson.WriteResults(ComparisonJson.TempDirectory(), "sweep", ComparisonJson.Run(1, 1));
        string b = ComparisonJson.WriteResults(ComparisonJson.TempDirectory(), "sweep", ComparisonJson.Run(2, 2));
        var arguments = new[] { ComparisonArgument.Parse(a), ComparisonArgument.Parse(b), ComparisonArgument.Parse(b) };
        var items = ComparedItems.Distinct(arguments.Select(x => ComparisonSource.Load(x, null, null)).ToList(), arguments);
        Assert.Equal([a, b, b + " (2)"], items.Select(i => i.Label));
    }
}
