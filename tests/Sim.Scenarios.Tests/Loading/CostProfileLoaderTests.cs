using Sim.Core.Time;
using Sim.Scenarios.Loading;

namespace Sim.Scenarios.Tests.Loading;

public sealed class CostProfileLoaderTests
{
    [Fact]
    public void The_default_profile_is_built_in_and_every_entry_cites_a_source()
    {
        Assert.Contains(TransportSectionReader.DefaultProfile, CostProfileLoader.BuiltInNames);
        var profile = CostProfileLoader.LoadBuiltIn("kvm-x86")!;
        Assert.Equal("kvm-x86", profile.Name);
        // 3,609 cycles at 3 GHz = 1,203 ns.
        Assert.Equal(SimTime.Parse("1203ns"), profile.Time("kvm.exit.mmioIoeventfd"));
        // 4 KiB at 97 GB/s, rounded up: 42.227 ns.
        Assert.Equal(42_227L, profile.ForBytes("cpu.memcpy", 4096).Picoseconds);
        Assert.All(profile.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Source)));
        Assert.Null(CostProfileLoader.LoadBuiltIn("no-such-profile"));
    }

    [Theory]
    [InlineData("  k: { value: 10 cycles }", 5, 6, "missing required key 'source'")]
    [InlineData("  k: { value: 10 parsecs, source: x }", 5, 15, "is not a time unit")]
    [InlineData("  k: { value: 13GiB/s, source: x }", 5, 15, "is not a bandwidth")]
    [InlineData("  k: { value: 5us, source: ' ' }", 5, 28, "needs a source")]
    public void Bad_entries_are_located(string line, int row, int column, string phrase)
    {
        string yaml = $"name: p\ncpuFrequency: 2GHz\ndescription: d\ncosts:\n{line}\n";
        var ex = Assert.Throws<ScenarioException>(() => CostProfileLoader.LoadText(yaml, "p.yaml"));
        Assert.Contains(phrase, ex.Message);
        Assert.Equal((row, column), (ex.Line, ex.Column));
    }

    [Fact]
    public void Cycles_need_a_frequency()
    {
        var ex = Assert.Throws<ScenarioException>(() => CostProfileLoader.LoadText("name: p\ncosts:\n  k: { value: 10 cycles, source: s }\n", "p.yaml"));
        Assert.Contains("no cpuFrequency", ex.Message);
    }
}
