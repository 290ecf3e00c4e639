using System.Text.Json;
using System.Text.RegularExpressions;
using Sim.Cli.Output;
using Sim.Hypervisors.Costs;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Profiles;

namespace Sim.Cli.Tests;

public sealed class CostsCommandTests
{
    private static readonly CostProfile Kvm = CostProfileLoader.LoadBuiltIn("kvm-x86")!;

    [Fact]
    public void The_built_in_kvm_x86_lists_the_four_groups_in_order_with_their_counts()
    {
        var result = CliHarness.Run("costs", "kvm-x86");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.StartsWith("kvm-x86 (CPU frequency 3 GHz, default transport pci)", result.Output);

        int previous = -1;
        foreach (var kind in CostsListing.KindOrder)
        {
            int count = Kvm.Entries.Count(e => e.Provenance.KindName == kind);
            Assert.True(count > 0, $"kvm-x86 has no {kind} entry, so this test no longer covers that group");
            int at = result.Output.IndexOf($"── {kind} ({count})", StringComparison.Ordinal);
            Assert.True(at > previous, $"the {kind} heading with count {count} is missing or out of order");
            previous = at;
            var names = EntryNames(Section(result.Output, kind));
            Assert.Equal(Kvm.Entries.Where(e => e.Provenance.KindName == kind).Select(e => e.Name), names);
        }
        string counts = string.Join(", ", CostsListing.KindOrder.Select(k => $"{Kvm.Entries.Count(e => e.Provenance.KindName == k)} {k}"));
        string summary = result.Output.TrimEnd()[(result.Output.TrimEnd().LastIndexOf("\n\n", StringComparison.Ordinal) + 2)..].ReplaceLineEndings(" ");   // the last paragraph, as wrapped to the width
        Assert.StartsWith($"in all: {Kvm.Entries.Count} entries: {counts} (", summary);
    }

    [Fact]
    public void A_derived_entry_shows_its_formula_the_values_it_names_and_its_computed_value()
    {
        var derived = Kvm.Entries.First(e => e.Formula is { References.Count: > 1 });
        var formula = derived.Formula!;
        var block = EntryBlock(CliHarness.Run("costs", "kvm-x86").Output, derived.Name);

        Assert.StartsWith($"{derived.Name} = {Plain(CostValueText.Value(CostEntryView.Of(derived), Kvm.CpuHertz))}", block);
        Assert.Contains($"formula: {Squeeze(formula.Text)}", block);
        foreach (string name in formula.References)
            Assert.Contains($"{name} = {Plain(CostValueText.Value(CostEntryView.Of(Kvm[name]), Kvm.CpuHertz))}", block);
        if (derived.Provenance.Note is { } note) Assert.Contains($"note: {Squeeze(note)}", block);

        // The value shown is the formula's: evaluated again here from the entries it names (to the picosecond).
        var again = formula.Evaluate(name => Kvm[name].Quantity, Kvm.CpuHertz);
        Assert.Equal(again.Value, derived.Quantity.Value, 12);
    }

    [Fact]
    public void An_estimate_shows_its_range_and_distribution_and_its_reasoning()
    {
        var estimate = Kvm.Entries.First(e => e.Provenance is { Kind: ProvenanceKind.Estimate, Range.Distribution: RangeDistribution.LogUniform });
        var block = EntryBlock(CliHarness.Run("costs", "kvm-x86").Output, estimate.Name);

        var view = CostEntryView.Of(estimate);
        string range = Plain(CostValueText.Range(view, view.Range!, Kvm.CpuHertz));
        Assert.Contains($"range: {range}", block);
        Assert.EndsWith(", log-uniform", range);
        Assert.Contains($"reason: {Squeeze(estimate.Provenance.Text)}", block);
    }

    [Fact]
    public void Kind_estimate_lists_the_estimates_only()
    {
        var result = CliHarness.Run("costs", "kvm-x86", "--kind", "estimate");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        foreach (string other in new[] { "source", "derived", "fitted" }) Assert.DoesNotContain($"── {other} (", result.Output);
        var estimates = Kvm.Entries.Where(e => e.Provenance.Kind == ProvenanceKind.Estimate).Select(e => e.Name).ToList();
        Assert.Contains($"── estimate ({estimates.Count})", result.Output);
        Assert.Equal(estimates, EntryNames(result.Output));
    }

    [Fact]
    public void Json_parses_and_holds_every_entry_with_its_kind_value_and_unit_sorted_by_name()
    {
        var result = CliHarness.Run("costs", "kvm-x86", "--json");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        var root = document.RootElement;
        Assert.Equal("kvm-x86", root.GetProperty("name").GetString());
        Assert.Equal(Kvm.Description, root.GetProperty("description").GetString());
        Assert.Equal(Kvm.CpuHertz, root.GetProperty("cpuFrequency").GetDouble());
        Assert.Equal("pci", root.GetProperty("defaultTransport").GetString());

        var entries = root.GetProperty("entries").EnumerateArray().ToList();
        var names = entries.Select(e => e.GetProperty("name").GetString()!).ToList();
        Assert.Equal(Kvm.Entries.Select(e => e.Name).Order(StringComparer.Ordinal), names);
        foreach (var json in entries)
        {
            var entry = Kvm[json.GetProperty("name").GetString()!];
            Assert.Equal(entry.Provenance.KindName, json.GetProperty("kind").GetString());
            Assert.Equal(entry.IsBandwidth ? "bytesPerSecond" : "seconds", json.GetProperty("unit").GetString());
            Assert.Equal(entry.Quantity.Value, json.GetProperty("value").GetDouble());
            Assert.Equal(entry.Provenance.Text, json.GetProperty("text").GetString());
            Assert.Equal(entry.Formula?.Text, json.GetProperty("formula").GetString());
            if (entry.Provenance.Range is { } range)
            {
                var jsonRange = json.GetProperty("range");
                Assert.Equal(range.Low, jsonRange.GetProperty("low").GetDouble());
                Assert.Equal(range.High, jsonRange.GetProperty("high").GetDouble());
                Assert.Equal(range.Distribution == RangeDistribution.LogUniform ? "log-uniform" : "uniform", jsonRange.GetProperty("distribution").GetString());
            }
            else Assert.Equal(JsonValueKind.Null, json.GetProperty("range").ValueKind);
        }
        Assert.Equal(result.Output, CliHarness.Run("costs", "kvm-x86", "--json").Output);
    }

    [Fact]
    public void Json_with_a_kind_keeps_that_kind_only()
    {
        using var document = JsonDocument.Parse(CliHarness.Run("costs", "kvm-x86", "--json", "--kind", "fitted").Output);
        var kinds = document.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(Kvm.Entries.Count(e => e.Provenance.Kind == ProvenanceKind.Fitted), kinds.Count);
        Assert.All(kinds, kind => Assert.Equal("fitted", kind));
    }

    [Fact]
    public void An_unknown_name_exits_2_naming_the_built_in_profiles_without_a_stack_trace()
    {
        var result = CliHarness.Run("costs", "kvm-arm");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Single(Lines(result.Error));
        Assert.StartsWith("error: no cost profile 'kvm-arm'", result.Error);
        Assert.NotEmpty(CostProfileLoader.BuiltInNames);
        foreach (string name in CostProfileLoader.BuiltInNames) Assert.Contains(name, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void A_missing_file_exits_2_naming_the_file_and_the_built_in_profiles()
    {
        string file = Path.Combine(CliHarness.TempDirectory(), "absent.yaml");
        var result = CliHarness.Run("costs", file);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith($"error: {file}: no such file", result.Error);
        foreach (string name in CostProfileLoader.BuiltInNames) Assert.Contains(name, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void A_file_with_an_entry_lacking_provenance_exits_2_at_its_line_and_column()
    {
        string file = Path.Combine(CliHarness.TempDirectory(), "unsourced.yaml");
        File.WriteAllText(file, "name: unsourced\ncpuFrequency: 3GHz\ncosts:\n  host.syscall: { value: 250ns }\n");
        var result = CliHarness.Run("costs", file);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith($"error: {file}:4:17: ", result.Error);
        Assert.Contains("source or derived or fitted or estimate", result.Error);
        Assert.Single(Lines(result.Error));
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void A_valid_profile_file_is_listed_like_a_built_in_one()
    {
        string file = Path.Combine(CliHarness.TempDirectory(), "mine.yaml");
        File.WriteAllText(file, "name: mine\nextends: x86-server\ncosts:\n  host.syscall: { value: 90ns, source: \"measured here with a tight getppid loop\" }\n");
        var result = CliHarness.Run("costs", file, "--kind", "source");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.StartsWith("mine (CPU frequency 3 GHz, default transport pci)", result.Output);
        Assert.Contains("host.syscall = 90 ns (270 cycles)", result.Output);
    }

    [Theory]
    [MemberData(nameof(BuiltInProfiles))]
    public void Text_output_at_80_columns_has_no_longer_line_and_every_text_in_full(string name)
    {
        var result = CliHarness.Run("costs", name);
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.All(Lines(result.Output), line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.All(Lines(result.Output), line => Assert.Equal(line.TrimEnd(), line));
        var profile = CostProfileLoader.LoadBuiltIn(name)!;
        foreach (var entry in profile.Entries)
        {
            string block = EntryBlock(result.Output, entry.Name);
            Assert.Contains(Squeeze(entry.Provenance.Text), block);
            if (entry.Provenance.Note is { } note) Assert.Contains(Squeeze(note), block);
        }
    }

    [Theory]
    [InlineData(120)]
    [InlineData(50)]
    [InlineData(30)]
    [InlineData(12)]
    public void At_any_width_no_line_is_longer_and_no_text_is_lost(int width)
    {
        var writer = new StringWriter();
        var console = OutputConsole.For(writer);
        console.Profile.Width = width;
        CostsListing.Write(console, CostProfileView.Of(Kvm), null);
        string output = writer.ToString();

        Assert.All(Lines(output), line => Assert.True(line.Length <= width, $"{line.Length} columns: {line}"));
        string squashed = Squash(output);
        foreach (var entry in Kvm.Entries)
        {
            Assert.Contains(Squash(entry.Name + "=" + Plain(CostValueText.Value(CostEntryView.Of(entry), Kvm.CpuHertz))), squashed);
            Assert.Contains(Squash(entry.Provenance.Text), squashed);
            if (entry.Provenance.Note is { } note) Assert.Contains(Squash(note), squashed);
        }
    }

    [Theory]
    [InlineData(587.333e-9, "587.3 ns")]
    [InlineData(1.018e-6, "1.018 us")]
    [InlineData(999.96e-9, "1 us")]
    [InlineData(0.5e-9, "500 ps")]
    [InlineData(3.2e-9, "3.2 ns")]
    [InlineData(124e-6, "124 us")]
    [InlineData(2.5e-3, "2.5 ms")]
    [InlineData(0, "0 ps")]
    public void Times_read_in_the_most_readable_unit_with_at_most_four_significant_digits(double seconds, string expected) =>
        Assert.Equal(expected, Plain(CostValueText.Time(seconds)));

    [Fact]
    public void Values_carry_cycles_at_cpu_scale_and_bandwidths_read_in_decimal_units()
    {
        CostEntryView Time(string t) => CostEntryView.Of(new CostEntry("t", Sim.Core.Time.SimTime.Parse(t), null, "x"));
        CostEntryView Rate(double r) => CostEntryView.Of(new CostEntry("r", Sim.Core.Time.SimTime.Zero, r, "x"));
        Assert.Equal("666.7 ns (2,000 cycles)", Plain(CostValueText.Value(Time("666.667ns"), 3e9)));
        Assert.Equal("666.7 ns", Plain(CostValueText.Value(Time("666.667ns"), null)));
        Assert.Equal("3.2 ns", Plain(CostValueText.Value(Time("3.2ns"), 3e9)));
        Assert.Equal("20 us", Plain(CostValueText.Value(Time("20us"), 3e9)));
        Assert.Equal("97 GB/s", Plain(CostValueText.Value(Rate(97e9), 3e9)));
        Assert.Equal("312.5 MB/s", Plain(CostValueText.Value(Rate(312.5e6), 3e9)));
        Assert.Equal("2.4 GHz", Plain(CostValueText.Frequency(2.4e9)));
    }

    public static TheoryData<string> BuiltInProfiles()
    {
        var data = new TheoryData<string>();
        foreach (string name in CostProfileLoader.BuiltInNames) data.Add(name);
        return data;
    }

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

    /// <summary>The output from the group's heading to the next heading or the summary.</summary>
    private static string Section(string output, string kind)
    {
        int start = output.IndexOf($"── {kind} (", StringComparison.Ordinal);
        int end = output.IndexOf("\n\n", start, StringComparison.Ordinal);
        return output[start..end];
    }

    /// <summary>The names of the entries listed, in order (their lines start with two spaces and name = value).</summary>
    private static List<string> EntryNames(string output) =>
        Lines(output).Select(line => Regex.Match(line, @"^  ([A-Za-z0-9_.]+) = ")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The entry's lines (its name line and the indented ones under it) as one line, runs of spaces squeezed to one.</summary>
    private static string EntryBlock(string output, string name)
    {
        var lines = Lines(output);
        int at = Array.FindIndex(lines, line => line.StartsWith($"  {name} = ", StringComparison.Ordinal));
        Assert.True(at >= 0, $"no entry line for '{name}'");
        var block = lines.Skip(at + 1).TakeWhile(line => line.StartsWith("    ", StringComparison.Ordinal)).Prepend(lines[at]);
        return Squeeze(string.Join(' ', block));
    }

    private static string Squeeze(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    private static string Squash(string text) => Regex.Replace(text, @"\s+", "");

    private static string Plain(string text) => text.Replace(WrappedText.Glue, ' ');
}
