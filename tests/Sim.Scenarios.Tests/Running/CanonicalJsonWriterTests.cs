using Sim.Worlds.Results;

namespace Sim.Scenarios.Tests.Running;

public sealed class CanonicalJsonWriterTests
{
    [Fact]
    public void Keys_are_sorted_ordinally_numbers_are_invariant_and_non_finite_numbers_become_null()
    {
        var tree = new Dictionary<string, object?>
        {
            ["b"] = 1.5,
            ["a"] = new List<object?> { 1L, "x", null, true },
            ["B"] = double.NaN,
            ["c"] = new Dictionary<string, object?> { ["z"] = 0.1, ["y"] = 18446744073709551615UL },
        };
        const string expected = "{\n  \"B\": null,\n  \"a\": [\n    1,\n    \"x\",\n    null,\n    true\n  ],\n  \"b\": 1.5,\n" +
                                "  \"c\": {\n    \"y\": 18446744073709551615,\n    \"z\": 0.1\n  }\n}\n";
        Assert.Equal(expected, CanonicalJsonWriter.Write(tree));
    }

    [Fact]
    public void Unsupported_values_are_refused_rather_than_written_ambiguously() =>
        Assert.Throws<ArgumentException>(() => CanonicalJsonWriter.Write(new Dictionary<string, object?> { ["x"] = new object() }));
}
