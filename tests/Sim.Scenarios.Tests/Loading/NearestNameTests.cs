using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Tests.Loading;

/// <summary>The "did you mean" distance behind every unknown key and undefined name.</summary>
public class NearestNameTests
{
    [Theory]
    [InlineData("duration", "duration", 0)]
    [InlineData("durration", "duration", 1)]
    [InlineData("nmae", "name", 1)] // an adjacent transposition is one edit
    [InlineData("Seed", "seed", 0)] // case is ignored
    [InlineData("", "to", 2)]
    [InlineData("kitten", "sitting", 3)]
    public void Distance_counts_edits(string a, string b, int expected)
    {
        Assert.Equal(expected, NearestName.Distance(a, b));
        Assert.Equal(expected, NearestName.Distance(b, a));
    }

    [Fact]
    public void Find_prefers_the_closest_candidate()
    {
        Assert.Equal("server", NearestName.Find("servr", ["sink", "servers", "server"]));
    }

    [Theory]
    [InlineData("xy")] // 2 edits from "to": too far for a 2-letter name
    [InlineData("colour")]
    [InlineData("to")] // the name itself is not a suggestion
    public void Find_offers_nothing_beyond_typo_distance(string name)
    {
        Assert.Null(NearestName.Find(name, ["to", "name", "seed", "duration"]));
    }

    [Fact]
    public void Hint_lists_the_candidates_when_none_is_close()
    {
        Assert.Equal("expected one of: a1, b2", NearestName.Hint("zzzz", ["a1", "b2"]));
        Assert.Equal("did you mean 'limit'?", NearestName.Hint("limt", ["name", "limit"]));
    }
}
