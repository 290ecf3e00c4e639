using Sim.Scenarios.Model;
using Sim.Core.Time;
using Sim.Hypervisors.Costs;
using Sim.Scenarios.Loading;
using Sim.Studies.Validation;

namespace Sim.Scenarios.Tests.Validation;

/// <summary>
/// Reading a validation experiment (<see cref="ExperimentLoader"/>): a scenario with an <c>expect</c> section, or a
/// reference to a scenario file. Every malformed experiment is a <see cref="ScenarioException"/> at the file, line and
/// column of the offending text, and a validation experiment whose own costs were fitted to it is refused.
/// </summary>
public sealed class ExperimentLoaderTests
{
    private const string File = "tiny.yaml";

    /// <summary>The reasoning of <see cref="Valid"/>, padded: the loader keeps it trimmed.</summary>
    private const string Why = "why: \"  one 4 KiB job on a vhost-user disk: the rate is the vCPU's, so 10% covers the guest's stack  \"";

    /// <summary>A valid experiment: one blk device, one figure. Line 11 is the role, 13 the tolerance, 14 why, 17 the figure.</summary>
    private const string Valid = $$"""
        name: tiny
        seed: 1
        duration: 2ms
        warmup: 1ms
        costs: kvm-x86
        guests:
          - name: vm
            devices:
              - { name: blk0, type: blk, workload: { requestSize: 4KiB, queueDepth: 4 } }
        expect:
          role: validation
          fast: true
          tolerance: 0.1
          {{Why}}
          source: { title: "A talk", authors: "A. Author", where: "a conference, 2024", url: "https://example.org/talk", table: "slide 7", conditions: "one vCPU, fio 4 KiB" }
          figures:
            - { name: "4 KiB rate", published: 150000, unit: IOPS, simulated: "iops('vm/blk0')" }
        """;

    /// <summary>The scenario the reference form points at: the same device, 2 ms with 1 ms of warm-up.</summary>
    private const string Referred = """
        name: referred
        seed: 7
        duration: 2ms
        warmup: 1ms
        guests:
          - name: vm
            devices:
              - { name: blk0, type: blk, workload: { requestSize: 4KiB, queueDepth: 4 } }
        """;

    /// <summary>The <c>expect</c> section of <see cref="Valid"/>, for experiments written in the reference form.</summary>
    private static string Expect => Valid[Valid.IndexOf("expect:", StringComparison.Ordinal)..];

    private static string With(string original, string replacement)
    {
        Assert.Contains(original, Valid);
        return Valid.Replace(original, replacement, StringComparison.Ordinal);
    }

    private static ScenarioException RejectedAt(string yaml, int line, int column, string phrase, string file = File)
    {
        var error = Assert.Throws<ScenarioException>(() => ExperimentLoader.LoadText(yaml, file));
        Assert.Equal(file, error.File);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.True(error.Problem.Contains(phrase, StringComparison.Ordinal), $"'{phrase}' is not in: {error.Problem}");
        Assert.Equal($"{file}:{line}:{column}: {error.Problem}", error.Message);
        return error;
    }

    [Fact]
    public void A_minimal_experiment_keeps_its_role_source_reasoning_and_figures()
    {
        string yaml = Valid + """

                - { name: "half", published: 0.5, unit: x, ratio: true, tolerance: 0.3, simulated: "iops('vm/blk0') / (2 * iops('vm/blk0'))" }
            """;
        var experiment = ExperimentLoader.LoadText(yaml, File);

        Assert.Equal("tiny", experiment.Name);
        Assert.Equal(File, experiment.File);
        Assert.Equal(ExperimentRole.Validation, experiment.Role);
        Assert.True(experiment.Fast);
        Assert.Equal("one 4 KiB job on a vhost-user disk: the rate is the vCPU's, so 10% covers the guest's stack", experiment.Why);
        Assert.Equal(new ExperimentSource("A talk", "A. Author", "a conference, 2024", "https://example.org/talk", "slide 7", "one vCPU, fio 4 KiB"), experiment.Source);
        Assert.Equal("A. Author, A talk (a conference, 2024)", experiment.Source.Short);

        Assert.Equal(2, experiment.Figures.Count);
        var rate = experiment.Figures[0];
        Assert.Equal(("4 KiB rate", 150_000.0, "IOPS", "iops('vm/blk0')", 0.1, false),
            (rate.Name, rate.Published, rate.Unit, rate.Simulated.Text, rate.Tolerance, rate.IsRatio));
        var half = experiment.Figures[1];
        Assert.Equal(("half", 0.5, "x", 0.3, true), (half.Name, half.Published, half.Unit, half.Tolerance, half.IsRatio));

        Assert.Equal("tiny", experiment.Scenario.Name);
        Assert.Equal(SimTime.FromMilliseconds(2), experiment.Scenario.Duration);
        Assert.Equal(SimTime.FromMilliseconds(1), experiment.Scenario.Warmup);
        // The profile's own fitted entries name the calibration experiments the scenario's costs rest on.
        var kvm = CostProfileLoader.LoadBuiltIn("kvm-x86")!;
        var fitted = kvm.Entries.Select(e => e.Provenance.FittedTo).OfType<string>()
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(fitted);
        Assert.Equal(fitted, experiment.FittedTo);
    }

    [Fact]
    public void Without_fast_and_tolerance_an_experiment_is_left_out_of_ci_and_allows_20_percent()
    {
        string yaml = With("  fast: true\n", "").Replace("  tolerance: 0.1\n", "", StringComparison.Ordinal);
        var experiment = ExperimentLoader.LoadText(yaml, File);
        Assert.False(experiment.Fast);
        Assert.Equal(0.2, Assert.Single(experiment.Figures).Tolerance);
    }

    [Fact]
    public void An_experiment_without_expect_is_located_at_the_top_level()
    {
        string yaml = Valid[..Valid.IndexOf("expect:", StringComparison.Ordinal)];
        RejectedAt(yaml, 1, 1, "missing required key 'expect' in the top level");
    }

    [Theory]
    [InlineData("role: validation", "role: verification", 11, 9, "'verification' is not an experiment role; expected one of calibration, validation")]
    [InlineData("tolerance: 0.1", "tolerance: 0", 13, 14, "a relative tolerance in (0, 1]")]
    [InlineData("tolerance: 0.1", "tolerance: 1.5", 13, 14, "a relative tolerance in (0, 1]")]
    [InlineData("unit: IOPS,", "unit: IOPS, tolerance: -0.1,", 17, 71, "a relative tolerance in (0, 1]")]
    [InlineData("fast: true", "fast: yes", 12, 9, "expected true or false")]
    [InlineData(Why, "why: \"it fits, 10%\"", 14, 8, "'why' must say how the published set-up maps onto the model")]
    [InlineData(", simulated: \"iops('vm/blk0')\"", "", 17, 7, "missing required key 'simulated' in expect.figures[0]")]
    [InlineData("simulated: \"iops('vm/blk0')\"", "simulated: \"iops('vm/blk0') *\"", 17, 71, "figure '4 KiB rate': at character 18 of 'iops('vm/blk0') *': expected a number")]
    [InlineData("published: 150000", "published: many", 17, 40, "expected a number, found 'many'")]
    [InlineData("published: 150000", "published: 0", 17, 40, "expected a published figure > 0, found '0'")]
    [InlineData("url: \"https://example.org/talk\", table: \"slide 7\", ", "url: \"https://example.org/talk\", ", 15, 11, "missing required key 'table' in expect.source")]
    public void A_malformed_expect_section_is_located(string original, string replacement, int line, int column, string phrase)
    {
        RejectedAt(With(original, replacement), line, column, phrase);
    }

    [Fact]
    public void A_ratio_published_as_exactly_1_is_refused_for_having_no_direction()
    {
        string yaml = With("published: 150000, unit: IOPS,", "published: 1, unit: x, ratio: true,");
        RejectedAt(yaml, 17, 40, "figure '4 KiB rate': a ratio of exactly 1 has no direction");
    }

    [Fact]
    public void An_experiment_without_figures_is_refused_at_the_figures()
    {
        string yaml = Valid[..Valid.IndexOf("  figures:", StringComparison.Ordinal)] + "  figures: []\n";
        RejectedAt(yaml, 16, 12, "at least one figure");
    }

    [Fact]
    public void A_warm_up_not_shorter_than_the_duration_is_located_at_the_warm_up()
    {
        RejectedAt(With("warmup: 1ms", "warmup: 2ms"), 4, 9, "a time shorter than duration");
    }

    [Fact]
    public void A_validation_experiment_whose_cost_override_was_fitted_to_it_is_refused_at_its_role()
    {
        const string overrides = "costs: kvm-x86\ncostOverrides:\n  guest.blk.request: { value: 2us, fitted: \"tiny: the guest's stack per request\" }";
        string yaml = With("costs: kvm-x86", overrides);
        RejectedAt(yaml, 13, 9, "'tiny' is a validation experiment, but cost 'guest.blk.request' was fitted to it");

        // The same override is what a calibration experiment is for.
        var calibration = ExperimentLoader.LoadText(yaml.Replace("role: validation", "role: calibration", StringComparison.Ordinal), File);
        Assert.Equal(ExperimentRole.Calibration, calibration.Role);
        Assert.Contains("tiny", calibration.FittedTo);
    }

    [Fact]
    public void A_validation_experiment_whose_profile_file_has_an_entry_fitted_to_it_is_refused_at_its_role()
    {
        string directory = TempDirectory();
        System.IO.File.WriteAllText(Path.Combine(directory, "machine.yaml"), """
            name: machine
            extends: kvm-x86
            costs:
              backend.wakeup: { value: 5us, fitted: "tiny, the wake-up: the backend's thread on this machine" }
            """);
        string path = Path.Combine(directory, File);
        System.IO.File.WriteAllText(path, With("costs: kvm-x86", "costs: machine.yaml"));

        var error = Assert.Throws<ScenarioException>(() => ExperimentLoader.LoadFile(path));
        Assert.Equal(path, error.File);
        Assert.Equal((11, 9), (error.Line, error.Column));
        Assert.Contains("'tiny' is a validation experiment, but cost 'backend.wakeup' was fitted to it", error.Problem);
    }

    [Fact]
    public void The_reference_form_reads_the_scenario_next_to_it_with_its_own_name_seed_and_times()
    {
        string directory = TempDirectory();
        System.IO.File.WriteAllText(Path.Combine(directory, "referred.yaml"), Referred);
        string path = Path.Combine(directory, "ref.yaml");
        System.IO.File.WriteAllText(path, "name: ref\nscenario: referred.yaml\nseed: 3\nduration: 4ms\n" + Expect);

        var experiment = ExperimentLoader.LoadFile(path);
        Assert.Equal("ref", experiment.Name);
        Assert.Equal("ref", experiment.Scenario.Name);
        Assert.Equal(3UL, experiment.Scenario.Seed);
        Assert.Equal(SimTime.FromMilliseconds(4), experiment.Scenario.Duration);
        Assert.Equal(SimTime.FromMilliseconds(1), experiment.Scenario.Warmup);
        Assert.Equal("iops('vm/blk0')", Assert.Single(experiment.Figures).Simulated.Text);
    }

    [Fact]
    public void The_reference_form_naming_a_missing_scenario_file_is_located_at_the_path()
    {
        string directory = TempDirectory();
        string path = Path.Combine(directory, "ref.yaml");
        System.IO.File.WriteAllText(path, "name: ref\nscenario: absent.yaml\n" + Expect);

        var error = Assert.Throws<ScenarioException>(() => ExperimentLoader.LoadFile(path));
        Assert.Equal(path, error.File);
        Assert.Equal((2, 11), (error.Line, error.Column));
        Assert.Contains($"no scenario file 'absent.yaml' (looked for {Path.Combine(directory, "absent.yaml")})", error.Problem);
    }

    [Fact]
    public void The_reference_form_with_a_warm_up_not_shorter_than_the_duration_is_located_at_the_warm_up()
    {
        string directory = TempDirectory();
        System.IO.File.WriteAllText(Path.Combine(directory, "referred.yaml"), Referred);
        string path = Path.Combine(directory, "ref.yaml");
        System.IO.File.WriteAllText(path, "name: ref\nscenario: referred.yaml\nduration: 3ms\nwarmup: 3ms\n" + Expect);

        var error = Assert.Throws<ScenarioException>(() => ExperimentLoader.LoadFile(path));
        Assert.Equal((4, 9), (error.Line, error.Column));
        Assert.Contains("the warm-up must be shorter than the duration", error.Problem);
    }

    [Fact]
    public void The_reference_form_refuses_a_key_it_does_not_know()
    {
        string directory = TempDirectory();
        System.IO.File.WriteAllText(Path.Combine(directory, "referred.yaml"), Referred);
        string path = Path.Combine(directory, "ref.yaml");
        System.IO.File.WriteAllText(path, "name: ref\nscenario: referred.yaml\ndurration: 3ms\n" + Expect);

        var error = Assert.Throws<ScenarioException>(() => ExperimentLoader.LoadFile(path));
        Assert.Equal((3, 1), (error.Line, error.Column));
        Assert.Contains("unknown key 'durration'", error.Problem);
    }

    [Theory]
    [InlineData("christie-vhost-one-job: the guest's I/O stack per request", "christie-vhost-one-job")]
    [InlineData("str68-host-to-vm-latency, the no-VM row: host1's send path", "str68-host-to-vm-latency")]
    [InlineData("  wang-vhost-net-rx  ", "wang-vhost-net-rx")]
    public void A_fitted_entry_names_the_experiment_before_its_first_colon_or_comma(string text, string experiment)
    {
        var entry = new CostEntry("k", SimTime.FromMicroseconds(1), null, text) { Provenance = new CostProvenance(ProvenanceKind.Fitted, text, null, null) };
        Assert.Equal(experiment, entry.Provenance.FittedTo);
    }

    private static string TempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "virtiosim-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
