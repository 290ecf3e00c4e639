using Sim.Cli.Commands;

namespace Sim.Cli.Tests;

/// <summary>
/// Where results go when the path is fine: missing output directories are created (as <c>out/NAME/</c> always was,
/// now also for <c>--html</c>), and <c>sim run</c> and <c>sim sweep</c> of one scenario never share a folder.
/// </summary>
public sealed class OutputLayoutTests
{
    private static string Echo => """
        name: echo
        seed: 1
        duration: 200us
        guests:
          - name: vm
            devices:
              - name: echo0
                type: echo
                workload: { requestBytes: 64, responseBytes: 64, outstanding: 1 }

        """;

    [Fact]
    public void Explain_html_into_a_missing_directory_creates_it()
    {
        string dir = CliHarness.TempDirectory();
        string file = Path.Combine(dir, "e.yaml");
        File.WriteAllText(file, Echo);
        string page = Path.Combine(dir, "new", "deeper", "page.html");
        var result = CliHarness.Run("explain", file, "--html", page);
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.True(File.Exists(page));
        Assert.Contains($"step-through page: {page}", result.Output);
    }

    [Fact]
    public void Run_out_into_a_missing_nested_directory_creates_it()
    {
        string dir = CliHarness.TempDirectory();
        string file = Path.Combine(dir, "e.yaml");
        File.WriteAllText(file, Echo);
        string outDir = Path.Combine(dir, "a", "b", "c");
        Assert.Equal(ExitCodes.Ok, CliHarness.Run("run", file, "--out", outDir).ExitCode);
        Assert.True(File.Exists(Path.Combine(outDir, "results.json")));
    }

    [Fact]
    public void A_sweep_writes_by_default_beside_the_run_not_over_it()
    {
        Assert.Equal(Path.Combine("out", "echo", "sweep"), SweepCommand.DefaultDirectory("echo"));
    }

    [Fact]
    public void A_sweep_into_a_run_folder_is_refused_and_the_run_results_survive()
    {
        string dir = CliHarness.TempDirectory();
        string file = Path.Combine(dir, "e.yaml");
        File.WriteAllText(file, Echo);
        string outDir = Path.Combine(dir, "out");
        Assert.Equal(ExitCodes.Ok, CliHarness.Run("run", file, "--out", outDir).ExitCode);
        byte[] before = File.ReadAllBytes(Path.Combine(outDir, "results.json"));

        var sweep = CliHarness.Run("sweep", file, "--jobs", "1", "--out", outDir);

        Assert.Equal(ExitCodes.BadInput, sweep.ExitCode);
        Assert.Contains("holds the results of 'sim run'", sweep.Error);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(outDir, "results.json")));
        Assert.False(Directory.Exists(Path.Combine(outDir, "runs")));
    }

    [Fact]
    public void Run_and_sweep_may_each_repeat_into_their_own_folder()
    {
        string dir = CliHarness.TempDirectory();
        string file = Path.Combine(dir, "e.yaml");
        File.WriteAllText(file, Echo);
        string runDir = Path.Combine(dir, "run"), sweepDir = Path.Combine(dir, "sweep");
        Assert.Equal(ExitCodes.Ok, CliHarness.Run("run", file, "--out", runDir).ExitCode);
        Assert.Equal(ExitCodes.Ok, CliHarness.Run("run", file, "--out", runDir).ExitCode);
        Assert.Equal(ExitCodes.Ok, CliHarness.Run("sweep", file, "--jobs", "1", "--out", sweepDir).ExitCode);
        Assert.Equal(ExitCodes.Ok, CliHarness.Run("sweep", file, "--jobs", "1", "--out", sweepDir).ExitCode);
    }
}
