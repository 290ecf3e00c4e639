using Sim.Core.Time;
using Sim.Hypervisors.Costs;
using Sim.Scenarios.Loading;

namespace Sim.Scenarios.Tests.Loading;

/// <summary>
/// Reading cost profiles: every entry declares exactly one provenance (source, derived, fitted, estimate with a range),
/// derived entries are computed from their formulas, profiles extend others, and every broken rule is a located error.
/// </summary>
public sealed class CostProfileLoaderTests
{
    private static CostProfile Load(string costs) =>
        CostProfileLoader.LoadText($"name: p\ncpuFrequency: 2GHz\ndescription: d\ncosts:\n{costs}", "p.yaml");

    [Fact]
    public void The_default_profile_is_built_in_and_every_entry_declares_what_it_rests_on()
    {
        Assert.Contains(CostProfileSectionReader.DefaultProfile, CostProfileLoader.BuiltInNames);
        var profile = CostProfileLoader.LoadBuiltIn("kvm-x86")!;
        Assert.Equal("kvm-x86", profile.Name);
        Assert.Equal("pci", profile.DefaultTransport);
        // 3,685 cycles at 3 GHz = 1,228.3 ns (rounded to the picosecond).
        Assert.Equal(1_228_333L, profile.Time("kvm.exit.mmioIoeventfd").Picoseconds);
        // 4 KiB at 97 GB/s, rounded up: 42.227 ns.
        Assert.Equal(42_227L, profile.ForBytes("cpu.memcpy", 4096).Picoseconds);
        Assert.All(profile.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Provenance.Text)));
        Assert.Null(CostProfileLoader.LoadBuiltIn("no-such-profile"));
    }

    [Theory]
    [InlineData("  k: { value: 10 cycles }", 5, 6, "expected one of the keys source or derived or fitted or estimate")]
    [InlineData("  k: { value: 10 parsecs, source: x }", 5, 15, "is not a time unit")]
    [InlineData("  k: { value: 13GiB/s, source: x }", 5, 15, "is not a bandwidth")]
    [InlineData("  k: { value: 5us, source: ' ' }", 5, 28, "'source' is empty")]
    [InlineData("  k: { value: 5us, source: a, estimate: b, range: [1us, 9us] }", 5, 41, "only one of the keys")]
    [InlineData("  k: { value: 5us, estimate: because }", 5, 6, "needs a 'range")]
    [InlineData("  k: { value: 5us, estimate: because, range: [6us, 9us] }", 5, 46, "outside its range")]
    [InlineData("  k: { value: 5us, estimate: because, range: [9us, 6us] }", 5, 46, "low end is above its high end")]
    [InlineData("  k: { value: 5us, estimate: because, range: [1us] }", 5, 46, "a range is [low, high]")]
    [InlineData("  k: { value: 5us, estimate: because, range: [1GB/s, 9us] }", 5, 47, "in the value's unit")]
    [InlineData("  k: { value: 5us, estimate: because, range: [1us, 9us], distribution: normal }", 5, 72, "expected a distribution")]
    [InlineData("  k: { value: 5us, fitted: set so that a beats b }", 5, 28, "never on the ordering it should produce")]
    [InlineData("  k: { value: 5us, derived: 'a + b' }", 5, 15, "has no 'value'")]
    [InlineData("  k: { derived: '2 * (a + ' }", 5, 17, "the formula at character")]
    [InlineData("  k: { source: measured }", 5, 6, "needs a 'value'")]
    public void Bad_entries_are_located(string line, int row, int column, string phrase)
    {
        var ex = Assert.Throws<ScenarioException>(() => Load(line + "\n"));
        Assert.Contains(phrase, ex.Message);
        Assert.Equal((row, column), (ex.Line, ex.Column));
    }

    [Fact]
    public void Cycles_need_a_frequency()
    {
        var ex = Assert.Throws<ScenarioException>(() => CostProfileLoader.LoadText("name: p\ncosts:\n  k: { value: 10 cycles, source: s }\n", "p.yaml"));
        Assert.Contains("no cpuFrequency", ex.Message);
    }

    [Fact]
    public void Each_kind_of_provenance_is_kept_with_its_range_and_distribution()
    {
        var profile = Load("""
              a: { value: 2000 cycles, source: "a paper, table 3" }
              b: { value: 5us, fitted: "validation/x: the mean" }
              c: { value: 4us, estimate: "why", range: [2us, 8us], distribution: log-uniform }
              d: { value: 10GB/s, estimate: "why", range: [5GB/s, 20GB/s] }
            """);
        Assert.Equal(ProvenanceKind.Source, profile["a"].Provenance.Kind);
        Assert.Equal(SimTime.FromMicroseconds(1), profile.Time("a"));
        Assert.Equal(ProvenanceKind.Fitted, profile["b"].Provenance.Kind);
        Assert.Equal(new CostRange(2e-6, 8e-6, RangeDistribution.LogUniform), profile["c"].Provenance.Range);
        Assert.Equal(new CostRange(5e9, 20e9), profile["d"].Provenance.Range);
    }

    [Fact]
    public void A_derived_entry_is_computed_from_its_formula_and_recomputed_when_an_entry_it_names_is_overridden()
    {
        var profile = Load("""
              a: { value: 1us, source: s }
              b: { value: 2000 cycles, source: s }
              sum: { derived: "a + 2 * b - 500ns", note: "why it holds" }
              chain: { derived: "sum / 2" }
              rate: { value: 10GB/s, source: s }
              alias: { derived: "rate" }
            """);
        Assert.Equal(SimTime.FromNanoseconds(2500), profile.Time("sum"));
        Assert.Equal(SimTime.FromNanoseconds(1250), profile.Time("chain"));
        Assert.Equal(10e9, profile["alias"].BytesPerSecond);
        Assert.Equal("why it holds", profile["sum"].Provenance.Note);
        Assert.Equal(ProvenanceKind.Derived, profile["sum"].Provenance.Kind);

        var overridden = profile.With([new CostEntry("a", SimTime.FromMicroseconds(3), null, "scenario override")]);
        Assert.Equal(SimTime.FromNanoseconds(4500), overridden.Time("sum"));
        Assert.Equal(SimTime.FromNanoseconds(2250), overridden.Time("chain"));
    }

    [Theory]
    [InlineData("  x: { derived: 'y + 1us' }\n  y: { derived: 'x' }\n", 5, 3, "derived from itself")]
    [InlineData("  x: { derived: 'nothing + 1us' }\n", 5, 3, "which the profile does not have")]
    [InlineData("  x: { value: 1us, source: s }\n  y: { derived: 'x * x' }\n", 6, 3, "cannot multiply a time and a time")]
    [InlineData("  x: { value: 1us, source: s }\n  y: { derived: 'x / x' }\n", 6, 3, "a plain number")]
    [InlineData("  x: { value: 1us, source: s }\n  y: { derived: 'x - 2us' }\n", 6, 3, "is negative")]
    public void A_derived_entry_that_cannot_be_computed_is_located_at_its_name(string costs, int row, int column, string phrase)
    {
        var ex = Assert.Throws<ScenarioException>(() => Load(costs));
        Assert.Contains(phrase, ex.Message);
        Assert.Equal((row, column), (ex.Line, ex.Column));
    }

    [Fact]
    public void A_profile_extends_a_built_in_one_and_replaces_what_it_names()
    {
        var profile = CostProfileLoader.LoadText("""
            name: mine
            extends: kvm-x86
            costs:
              backend.wakeup: { value: 5us, estimate: "a busier host", range: [2us, 20us] }
            """, "mine.yaml");
        var parent = CostProfileLoader.LoadBuiltIn("kvm-x86")!;
        Assert.Equal(SimTime.FromMicroseconds(5), profile.Time("backend.wakeup"));
        Assert.Equal(parent.Time("kvm.exit.mmioUser"), profile.Time("kvm.exit.mmioUser"));
        Assert.Equal("pci", profile.DefaultTransport);
        // A derived entry of the parent follows the child's value.
        Assert.Equal(parent.Time("xen.ioreq.roundTrip") + SimTime.FromMicroseconds(4), profile.Time("xen.ioreq.roundTrip"));
    }

    [Fact]
    public void Extending_an_unknown_profile_is_located()
    {
        var ex = Assert.Throws<ScenarioException>(() => CostProfileLoader.LoadText("name: mine\nextends: kvm-x87\ncosts: {}\n", "mine.yaml"));
        Assert.Contains("no built-in profile 'kvm-x87'", ex.Message);
        Assert.Equal((2, 10), (ex.Line, ex.Column));
    }
}
