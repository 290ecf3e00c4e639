using Sim.Cli.Commands;
using Sim.Core.Time;
using Sim.Scenarios.Loading;
using Sim.Worlds.Running;

namespace Sim.Cli.Tests.Output;

/// <summary>The text narration of <c>sim explain</c> fits the width it is given, its words wrapped under their column.</summary>
public sealed class ExplainWidthTests
{
    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    [InlineData(200)]
    public void Every_line_of_the_narration_fits_the_width(int width)
    {
        var model = ScenarioLoader.LoadFile(Path.Combine(CliHarness.RepositoryRoot(), "scenarios/teaching/one-request-xen.yaml"));
        var run = ExplainRunner.Explain(model, null, 2, SimTime.FromMilliseconds(2));
        var output = new StringWriter();
        ExplainCommand.Write(output, run, width);
        var lines = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} > {width}: {l}"));
        // Nothing is lost: every step's words are there, joined again across the wrapped lines.
        string joined = string.Join(" ", lines.Select(l => l.Trim()));
        Assert.All(run.Steps, s => Assert.Contains(string.Join(" ", s.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Split(' ')[0], joined));
    }
}
