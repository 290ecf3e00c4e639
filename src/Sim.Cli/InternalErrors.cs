using Sim.Core.Running;

namespace Sim.Cli;

/// <summary>
/// What <c>sim</c> says when the simulator itself fails (exit <see cref="ExitCodes.InternalError"/>), for every command
/// alike. A model bug the kernel named (<see cref="ActorFailedException"/>: an actor failed or got a message it does not
/// handle, one line naming the actor, the message type and the simulated time; <see cref="ReservedActorMissingException"/>:
/// a world builder reserved an actor it never added, one line naming the paths) is reported without a stack trace, wherever it was thrown (a run, one of a sweep's runs, an experiment run in parallel). Anything else is a bug
/// in the CLI or a library and keeps its stack trace.
/// </summary>
internal static class InternalErrors
{
    /// <summary>Writes <paramref name="failure"/> to <paramref name="error"/>; returns <see cref="ExitCodes.InternalError"/>.</summary>
    public static int Report(Exception failure, TextWriter error)
    {
        if (ModelBugIn(failure) is { } bug) error.WriteLine($"internal error: {bug.Message}");
        else error.WriteLine($"internal error: {failure}");
        return ExitCodes.InternalError;
    }

    /// <summary>The model bug the kernel named that <paramref name="failure"/> is or wraps (also inside an <see cref="AggregateException"/>), or null.</summary>
    public static Exception? ModelBugIn(Exception failure) => failure switch
    {
        ActorFailedException bug => bug,
        ReservedActorMissingException bug => bug,
        AggregateException many => many.InnerExceptions.Select(ModelBugIn).FirstOrDefault(b => b is not null),
        { InnerException: { } inner } => ModelBugIn(inner),
        _ => null,
    };
}
