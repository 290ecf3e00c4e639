using Microsoft.Extensions.Logging;
using Sim.Core.Actors;
using Sim.Core.Time;

namespace Sim.Core.Logging;

/// <summary>
/// The logger an actor gets: it opens a scope carrying the simulated time and the actor's path around every message it
/// writes, so log lines read <c>[t=1.5us server]</c>. Costs nothing beyond the inner logger's level check when disabled.
/// </summary>
internal sealed class SimLogger(ILogger inner, Actor actor) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel)) return;
        using (inner.BeginScope(new SimulatedTimeScope(actor.CurrentTime, actor.Id.Path)))
            inner.Log(logLevel, eventId, state, exception, formatter);
    }
}

/// <summary>The log scope of an actor's message: simulated time and actor path.</summary>
/// <param name="Time">Simulated time of the event being handled.</param>
/// <param name="Actor">The actor's path.</param>
public sealed record SimulatedTimeScope(SimTime Time, string Actor)
{
    /// <inheritdoc />
    public override string ToString() => $"t={Time} {Actor}";
}
