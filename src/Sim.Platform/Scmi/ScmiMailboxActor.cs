using Sim.Core.Actors;
using Sim.Core.Time;
using Sim.Devices.Scmi.Protocol;
using Sim.Devices.Scmi;

namespace Sim.Platform.Scmi;

/// <summary>
/// A shared-memory SCMI mailbox between an agent and the platform, without a virtqueue (Arm DEN0056, 5.1 shared-memory
/// transport; the <c>direct</c> channel of an interconnect scenario): every <see cref="ScmiCommandMessage"/> it receives
/// reaches the platform <see cref="Latency"/> later, unchanged (responses and notifications come back from the platform
/// to the agent directly, after the platform's own channel latency). Metric: <c>commands</c>.
/// </summary>
public sealed class ScmiMailboxActor : Actor
{
    private readonly ActorRef _platform;
    private readonly Sim.Core.Statistics.Counter _commands;

    /// <summary>A mailbox to <paramref name="platform"/> taking <paramref name="latency"/> per message.</summary>
    public ScmiMailboxActor(ActorRef platform, SimTime latency)
    {
        if (platform.IsNone) throw new ArgumentException("the mailbox needs a platform", nameof(platform));
        ArgumentOutOfRangeException.ThrowIfNegative(latency.Picoseconds, nameof(latency));
        _platform = platform;
        Latency = latency;
        _commands = NewCounter("commands");
    }

    /// <summary>The time from the agent's doorbell to the platform seeing the message.</summary>
    public SimTime Latency { get; }

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        if (message is not ScmiCommandMessage command)
        {
            Unhandled(message);
            return;
        }
        _commands.Increment();
        Send(_platform, command, Latency);
    }
}
