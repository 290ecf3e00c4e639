namespace Sim.Cli.Tests;

/// <summary>
/// Exit codes against <c>expect: { findings: [...] }</c>: a finding the scenario declares is exit 0 (and said), an
/// undeclared one exit 1, a declared one that did not occur exit 0 with a note.
/// </summary>
public sealed class ExpectedFindingsTests
{
    /// <summary>An echo device offered 20 times what it serves for 2 ms: one offered-load-exceeds-capacity finding.</summary>
    private const string Overload = """
        name: overload
        seed: 1
        duration: 2ms
        guests:
          - name: vm
            devices:
              - name: echo0
                type: echo
                queueSize: 8
                workload: { requestBytes: 64, responseBytes: 64, outstanding: 4, service: { constant: 20us }, interarrival: { exponential: 1us } }

        """;

    private static (string File, string Dir) Write(string yaml)
    {
        string dir = CliHarness.TempDirectory();
        string file = Path.Combine(dir, "s.yaml");
        File.WriteAllText(file, yaml);
        return (file, dir);
    }

    [Fact]
    public void An_undeclared_finding_is_exit_1_and_names_the_rule_to_declare()
    {
        var (file, dir) = Write(Overload);
        var result = CliHarness.Run("run", file, "--out", Path.Combine(dir, "out"));
        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.Contains("unexpected findings: offered-load-exceeds-capacity x1", result.Output);
        Assert.Contains("expect: { findings: [offered-load-exceeds-capacity] }", result.Output);
    }

    [Fact]
    public void A_declared_finding_is_exit_0_and_a_declared_one_that_did_not_occur_is_said()
    {
        var (file, dir) = Write(Overload + "expect: { findings: [offered-load-exceeds-capacity, dma-map-refused] }\n");
        var result = CliHarness.Run("run", file, "--out", Path.Combine(dir, "out"));
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("expected findings (declared in expect.findings): offered-load-exceeds-capacity x1", result.Output);
        Assert.Contains("declared finding 'dma-map-refused' did not occur", result.Output);
        Assert.DoesNotContain("unexpected", result.Output);
    }

    [Fact]
    public void A_sweep_of_a_scenario_declaring_its_findings_is_exit_0()
    {
        var (file, dir) = Write(Overload + "expect: { findings: [offered-load-exceeds-capacity] }\n");
        var result = CliHarness.Run("sweep", file, "--jobs", "1", "--out", Path.Combine(dir, "sweep"));
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("expected findings (declared in expect.findings): offered-load-exceeds-capacity x1", result.Output);
    }

    [Fact]
    public void A_sweep_with_an_undeclared_finding_is_exit_1()
    {
        var (file, dir) = Write(Overload);
        var result = CliHarness.Run("sweep", file, "--jobs", "1", "--out", Path.Combine(dir, "sweep"));
        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.Contains("unexpected findings: offered-load-exceeds-capacity x1", result.Output);
    }

    [Theory]
    [InlineData("scenarios/interconnect/four-vms-display.yaml")]
    [InlineData("scenarios/interconnect/secure-vm-priority.yaml")]
    public void The_interconnect_studies_declare_their_deadline_misses(string scenario)
    {
        var model = Sim.Scenarios.Loading.ScenarioLoader.LoadFile(Path.Combine(CliHarness.RepositoryRoot(), scenario));
        Assert.Equal(["gpu-scanout-deadline-miss"], model.Expected);
    }
}
