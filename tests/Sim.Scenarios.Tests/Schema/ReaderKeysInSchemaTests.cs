using Sim.Scenarios.Model;
using System.Text.Json.Nodes;
using Sim.Core.Time;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Schema;
using Sim.Studies;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Tests.Schema;

/// <summary>
/// Each reader's declared keys are the properties of its place in the schema (a table, reader by reader), the readers
/// are held to their declarations, and the schema's unit patterns accept what the unit readers parse.
/// </summary>
public sealed class ReaderKeysInSchemaTests
{
    private static readonly JsonNode Schema = JsonNode.Parse(ScenarioSchema.Generate())!;

    /// <summary>(reader, its declared keys, the JSON pointer of the schema object that must have exactly these properties).</summary>
    public static TheoryData<string, string[], string> Places() => new()
    {
        { "ScenarioLoader", [.. ScenarioLoader.Shape.KeyNames], "" },
        { "QueueingSectionReader", [.. QueueingSectionReader.Shape.KeyNames], "/properties/queueing" },
        { "TransportSectionReader guest", [.. TransportSectionReader.GuestShape.KeyNames], "/properties/guests/items" },
        { "TransportSectionReader echo", ["name", "type", "ring", "eventIdx", "indirect", "queueSize", "deviceFeatures", .. SharingReader.Keys, "workload"], "/properties/guests/items/properties/devices/items/allOf/0/then" },
        { "BlkDeviceReader", [.. BlkDeviceReader.Shape.KeyNames], "/properties/guests/items/properties/devices/items/allOf/1/then" },
        { "NetDeviceReader", [.. NetDeviceReader.Shape.KeyNames], "/properties/guests/items/properties/devices/items/allOf/2/then" },
        { "BlkDeviceReader grid", [.. BlkDeviceReader.GridShape.KeyNames], "/properties/guests/items/properties/grid" },
        { "InterconnectSectionReader", [.. InterconnectSectionReader.Shape.KeyNames], "/properties/interconnect" },
        { "PolicyReader", [.. PolicyReader.Decorators, "of"], "/definitions/policy/anyOf/1" },
        { "DistributionReader", [.. DistributionReader.Kinds], "/definitions/distribution" },
        { "ExpectSectionReader", [ExpectSectionReader.FindingsKey], "/properties/expect" },
        { "CostProfileLoader entry", [.. CostProfileLoader.EntryShape.KeyNames], "/properties/costOverrides/additionalProperties" },
        { "StudyDeclarationReader", ["grid", "zip", "confidence", "warnWidth", "seeds", "metrics", "plot"], "/properties/sweep" },
        { "SweepValueReader range", [.. SweepValueReader.RangeShape.KeyNames], "/properties/sweep/properties/grid/items/properties/range" },
    };

    [Theory]
    [MemberData(nameof(Places))]
    public void A_readers_keys_are_its_schema_properties(string reader, string[] keys, string pointer)
    {
        JsonNode place = At(pointer);
        var properties = place["properties"]!.AsObject().Select(p => p.Key).ToArray();
        Assert.Equal(keys, properties);
        Assert.False(place["additionalProperties"]!.GetValue<bool>(), $"{reader}: unknown keys must be refused");
    }

    [Fact]
    public void Every_sharing_key_is_in_every_device_type()
    {
        foreach (var shape in new[] { BlkDeviceReader.Shape, NetDeviceReader.Shape })
            Assert.Superset(SharingReader.Keys.ToHashSet(), shape.KeyNames.ToHashSet());
    }

    [Fact]
    public void A_reader_asking_for_an_undeclared_key_is_a_bug_not_bad_input()
    {
        var root = YamlSource.Parse("a: 1\nb: 2\n", "t.yaml")!.AsMapping();
        root.Declare("t", ["a"]);
        Assert.Equal(1, root.OptionalInt64("a"));
        var bug = Assert.Throws<InvalidOperationException>(() => root.Optional("b"));
        Assert.Contains("'b'", bug.Message);
    }

    [Fact]
    public void Declaring_checks_the_keys_already_asked()
    {
        var root = YamlSource.Parse("a: 1\n", "t.yaml")!.AsMapping();
        root.Optional("z");
        Assert.Throws<InvalidOperationException>(() => root.Declare("t", ["a"]));
    }

    [Theory]
    [InlineData("250ns")]
    [InlineData("1.5us")]
    [InlineData("1.5µs")]
    [InlineData("10ms")]
    [InlineData("2s")]
    [InlineData("1min")]
    [InlineData("3ps")]
    [InlineData("10 ms")]
    [InlineData(".5s")]
    [InlineData("+4ms")]
    public void The_time_pattern_accepts_what_SimTime_parses(string text)
    {
        Assert.True(SimTime.TryParse(text, out _, out string error), error);
        Assert.Matches(QuantityPattern.Time.Pattern, text);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("10 m")]
    [InlineData("10hours")]
    [InlineData("1e3ms")]
    [InlineData("ms")]
    public void The_time_pattern_refuses_what_SimTime_refuses(string text)
    {
        Assert.False(SimTime.TryParse(text, out _, out _));
        Assert.DoesNotMatch(QuantityPattern.Time.Pattern, text);
    }

    [Fact]
    public void Every_time_unit_of_the_pattern_is_one_SimTime_parses()
    {
        foreach (string unit in QuantityPattern.TimeUnits) Assert.True(SimTime.TryParse($"1{unit}", out _, out string error), error);
    }

    [Theory]
    [InlineData("4KiB", true)]
    [InlineData("64MiB", true)]
    [InlineData("1GiB", true)]
    [InlineData("4KB", false)]
    [InlineData("1.5MiB", false)]
    [InlineData("4096", false)]
    public void The_size_pattern_follows_the_byte_units(string text, bool valid)
    {
        Assert.Equal(valid, System.Text.RegularExpressions.Regex.IsMatch(text, QuantityPattern.Bytes.Pattern));
    }

    [Theory]
    [InlineData("800MB/s")]
    [InlineData("6.4GB/s")]
    [InlineData("1e3B/s")]
    public void The_bandwidth_pattern_accepts_what_UnitReader_parses(string text)
    {
        Assert.True(UnitReader.TryBandwidth(text, out _));
        Assert.Matches(QuantityPattern.Bandwidth.Pattern, text);
    }

    private static JsonNode At(string pointer)
    {
        JsonNode node = Schema;
        foreach (string part in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
            node = int.TryParse(part, out int index) && node is JsonArray array ? array[index]! : node[part]!;
        return node;
    }
}
