using System.CommandLine;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Scenarios.Loading;
using Sim.Worlds.Running;

namespace Sim.Cli.Tests;

/// <summary>
/// A run that fails because of a model bug (here: an actor of the quickstart world sent a message it does not handle)
/// exits 3 with one line naming the actor, the message type and the simulated time, and no stack trace, whichever
/// command ran it and however deep it was thrown (on the command's thread, or inside a parallel loop as the fidelity
/// suite runs experiments). The scenario commands cannot be made to send such a message, so the failing runs come
/// from a command added for the test to the real command tree.
/// </summary>
public sealed class ModelBugExitTests
{
    private const string Backend = "kvm-vhost-user/blk0/backend";

    /// <summary>A message no actor of the world knows.</summary>
    private sealed class StrayMessage;

    private static CliHarness.Result Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = CliApp.Build(output, error);
        var parallel = new Option<bool>("--parallel");
        var stray = new Command("stray", "Runs the quickstart world with a stray message to its backend.") { parallel };
        stray.SetAction(async (parse, cancel) =>
        {
            if (parse.GetValue(parallel)) Parallel.For(0, 2, _ => RunWithStrayMessage());
            else await Task.Run(RunWithStrayMessage, cancel);
            return ExitCodes.Ok;
        });
        root.Add(stray);
        var unbuilt = new Command("unbuilt", "Runs a world whose builder reserved an actor it never added.");
        unbuilt.SetAction(new Func<ParseResult, int>(_ =>
        {
            var simulation = new Simulation(1);
            simulation.Reserve("vm0/blk0/backend");
            simulation.Run(new RunLimits(SimTime.FromMicroseconds(1), SimTime.Zero));
            return ExitCodes.Ok;
        }));
        root.Add(unbuilt);
        var broken = new Command("broken", "Fails with a bug of its own.");
        broken.SetAction(new Func<ParseResult, int>(_ => throw new InvalidOperationException("not a model bug")));
        root.Add(broken);
        int code = CliApp.InvokeAsync(root, args, output, error).GetAwaiter().GetResult();
        return new CliHarness.Result(code, output.ToString(), error.ToString());
    }

    private static void RunWithStrayMessage()
    {
        var model = ScenarioLoader.LoadFile(Path.Combine(CliHarness.RepositoryRoot(), "scenarios", "quickstart.yaml"));
        var simulation = ScenarioRunner.Build(model);
        Assert.Contains(simulation.Actors, a => a.Id.Path == Backend);
        simulation.Schedule(simulation.Find(Backend)!.Value, new StrayMessage(), SimTime.FromMicroseconds(250));
        simulation.Run(new RunLimits(model.Duration, SimTime.Zero));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_message_an_actor_does_not_handle_exits_3_with_one_line_naming_actor_message_and_time(bool parallel)
    {
        var result = parallel ? Run("stray", "--parallel") : Run("stray");

        Assert.Equal(ExitCodes.InternalError, result.ExitCode);
        Assert.Equal("", result.Output);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string line = Assert.Single(lines);
        Assert.StartsWith($"internal error: actor '{Backend}' got a message it does not handle at ", line, StringComparison.Ordinal);
        Assert.Contains(nameof(StrayMessage), line, StringComparison.Ordinal);
        Assert.Matches(@" at \d+(\.\d+)?(ps|ns|us|ms|s): ", line);   // the simulated time, in the kernel's notation
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_world_with_a_reserved_actor_never_added_exits_3_with_one_line_naming_the_path()
    {
        var result = Run("unbuilt");

        Assert.Equal(ExitCodes.InternalError, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("internal error: actors reserved but never added (a model bug): 'vm0/blk0/backend'", Assert.Single(lines));
    }

    [Fact]
    public void Any_other_failure_of_a_command_exits_3_with_its_stack_trace()
    {
        var result = Run("broken");

        Assert.Equal(ExitCodes.InternalError, result.ExitCode);
        Assert.StartsWith("internal error: System.InvalidOperationException: not a model bug", result.Error, StringComparison.Ordinal);
        Assert.Contains(" at ", result.Error, StringComparison.Ordinal);
    }
}
