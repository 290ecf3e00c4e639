using Microsoft.Extensions.Logging;
using Sim.Core.Actors;
using Sim.Core.Logging;
using Sim.Core.Running;
using Sim.Core.Time;

namespace Sim.Core.Tests.Running;

public sealed class LoggingTests
{
    private sealed class Captured : ILoggerProvider, ILogger
    {
        private readonly Stack<object> _scopes = new();
        public List<(string Message, object? Scope)> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;
        public void Dispose() { }
        public bool IsEnabled(LogLevel logLevel) => true;

        public IDisposable BeginScope<TState>(TState state) where TState : notnull
        {
            _scopes.Push(state);
            return new Pop(_scopes);
        }

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((formatter(state, exception), _scopes.Count > 0 ? _scopes.Peek() : null));

        private sealed class Pop(Stack<object> scopes) : IDisposable
        {
            public void Dispose() => scopes.Pop();
        }
    }

    private sealed class Chatty : Actor
    {
        protected override void OnStart() => Send(Self, "go", SimTime.Parse("1.5us"));

        protected override void Receive(object message, ActorRef sender) => Log.LogInformation("handling {Message}", message);
    }

    [Fact]
    public void Log_lines_carry_the_simulated_time_and_the_actor_in_their_scope()
    {
        var captured = new Captured();
        using var factory = LoggerFactory.Create(b => b.AddProvider(captured));
        var simulation = new Simulation(1, factory);
        simulation.Add("vm1/driver", new Chatty());
        simulation.Run(new RunLimits(SimTime.Parse("1ms"), SimTime.Zero));
        var (message, scope) = Assert.Single(captured.Lines);
        Assert.Equal("handling go", message);
        var simScope = Assert.IsType<SimulatedTimeScope>(scope);
        Assert.Equal(SimTime.Parse("1.5us"), simScope.Time);
        Assert.Equal("t=1.5us vm1/driver", simScope.ToString());
    }
}
