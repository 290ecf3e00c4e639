using Sim.Core.Costs;
using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Interconnect.Aggregation;
using Sim.Interconnect.Aggregation.Policies;
using Sim.Interconnect.Bus;
using Sim.Devices.Scmi.Protocol;
using Sim.Devices.Scmi;

namespace Sim.Platform.Scmi;

/// <summary>
/// The SCMI platform (issue 5, "Aggregator"): the firmware every VM's virtio-scmi channel reaches, serving the bus
/// performance domain (<see cref="BusPerfDomain"/>) and aggregating the VMs' bandwidth votes through an
/// <see cref="IAggregationPolicy"/> (voting convention: <see cref="PolicyArbiter"/>). One message at a time
/// (<see cref="BusyResource"/>).
/// <para>For each <see cref="ScmiCommandMessage"/> it spends the processing cost, answers the
/// <see cref="ScmiPerformanceServer"/>'s response as an <see cref="ScmiResponseMessage"/> to the message's ReplyTo after the
/// channel latency, and, when the message was a vote (LEVEL_SET or LIMITS_SET that reached the policy), asks the policy
/// for the level, as <see cref="AggregationReplay"/> does. When the decided level changes it sends
/// <see cref="BusSetLevel"/> to the bus after the control latency (the power controller reached through a mailbox) and a
/// PERFORMANCE_LEVEL_CHANGED <see cref="ScmiNotificationMessage"/> after the channel latency to each agent subscribed
/// with NOTIFY_LEVEL, at the ReplyTo that agent last used. The notification names the voting agent as agent_id; a
/// change the platform makes on its own (a deferred change applied when the policy asked to be asked again) names agent
/// 0, the platform's own SCMI agent id (DEN0056, BASE protocol).</para>
/// <para>When the policy has a <see cref="Priority"/> decorator, its <see cref="Priority.Guarantee"/> for the designated
/// VM is sent to the bus as a <see cref="BusReserve"/> (after the control latency) whenever it changes.</para>
/// <para>A decision's AskAgainAt is honoured with one timer, re-armed when the time changes; when it fires the
/// platform spends the processing cost again and decides (and may change the level) as after a vote. The policy sees
/// the time a message's service starts.</para>
/// Metrics under the actor's path, besides <see cref="BusyResource"/>'s (its <c>sojourn</c> plus the channel latency
/// is the response latency): <c>messages</c>, <c>votes/accepted</c>, <c>votes/clipped</c>, <c>votes/refused</c>,
/// <c>level_changes</c> (counters), <c>level</c> (gauge, decided level index).
/// </summary>
public sealed class ScmiPlatformActor : BusyResource
{
    private static readonly object AskAgainTimer = new();

    private readonly ActorRef _bus;
    private static readonly CostKey ProcessingKey = CostKey.Of("scmi.server.processing");
    private readonly SimTime _processingCost;
    private readonly SimTime _channelLatency;
    private readonly SimTime _controlLatency;
    private readonly Dictionary<int, ActorRef> _channels = new();
    private int _level;
    private readonly Priority? _priority;
    private double _reserved;
    private SimTime? _armedAt;
    private readonly Counter _messages;
    private readonly Counter _accepted;
    private readonly Counter _clipped;
    private readonly Counter _refused;
    private readonly Counter _levelChanges;
    private readonly TimeWeightedGauge _levelGauge;

    /// <summary>A platform aggregating through <paramref name="policy"/> and setting the level of <paramref name="bus"/>.</summary>
    /// <param name="policy">The aggregation policy; its table is the bus's.</param>
    /// <param name="bus">The bus actor that receives <see cref="BusSetLevel"/>.</param>
    /// <param name="processingCost">Platform processing time per message (and per deferred decision).</param>
    /// <param name="channelLatency">Time from the platform to an agent (responses, notifications).</param>
    /// <param name="controlLatency">Time from the platform to the bus's power controller.</param>
    /// <param name="initialLevel">The bus level before any decision (the bus actor's initial level).</param>
    /// <param name="agentName">The policy's name for an SCMI agent; default <c>vm</c>n.</param>
    public ScmiPlatformActor(IAggregationPolicy policy, ActorRef bus, SimTime processingCost, SimTime channelLatency,
        SimTime controlLatency = default, int initialLevel = 0, Func<int, string>? agentName = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (bus.IsNone) throw new ArgumentException("the platform needs a bus to set", nameof(bus));
        if (processingCost < SimTime.Zero) throw new ArgumentOutOfRangeException(nameof(processingCost), processingCost, "must not be negative");
        if (channelLatency < SimTime.Zero) throw new ArgumentOutOfRangeException(nameof(channelLatency), channelLatency, "must not be negative");
        if (controlLatency < SimTime.Zero) throw new ArgumentOutOfRangeException(nameof(controlLatency), controlLatency, "must not be negative");
        _bus = bus;
        _processingCost = processingCost;
        _channelLatency = channelLatency;
        _controlLatency = controlLatency;
        Arbiter = new PolicyArbiter(policy, () => Now, agentName, initialLevel);
        Server = new ScmiPerformanceServer([BusPerfDomain.Create(policy.Table)], Arbiter, powerInMilliwatts: true);
        _level = initialLevel;
        for (var p = policy; p is not null; p = (p as PolicyDecorator)?.Inner)
            if (p is Priority priority) _priority ??= priority;
        _messages = NewCounter("messages");
        _accepted = NewCounter("votes/accepted");
        _clipped = NewCounter("votes/clipped");
        _refused = NewCounter("votes/refused");
        _levelChanges = NewCounter("level_changes");
        _levelGauge = NewGauge("level");
    }

    /// <summary>The policy adapter: the level last decided, when the policy wants to be asked again, each agent's need.</summary>
    public PolicyArbiter Arbiter { get; }

    /// <summary>The SCMI performance protocol server (one domain, the bus).</summary>
    public ScmiPerformanceServer Server { get; }

    /// <inheritdoc />
    protected override void OnStart()
    {
        base.OnStart();
        _levelGauge.Set(Now, _level);
    }

    /// <inheritdoc />
    protected override void Serve(object message, ActorRef sender)
    {
        switch (message)
        {
            case ScmiCommandMessage command:
                ServeCommand(command);
                break;
            case AskAgain:
                _armedAt = null;
                Spend(new CostCharge(ProcessingKey, 1, _processingCost));
                Decide(causingAgent: 0);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void ServeCommand(ScmiCommandMessage command)
    {
        ArgumentNullException.ThrowIfNull(command.Message);
        _messages.Increment();
        Spend(new CostCharge(ProcessingKey, 1, _processingCost));
        _channels[command.Agent] = command.ReplyTo;
        long votes = Arbiter.Votes;
        var response = Server.HandleMessage(command.Agent, command.Message);
        Send(command.ReplyTo, new ScmiResponseMessage(response), _channelLatency);
        if (Arbiter.Votes == votes) return;
        Count(Arbiter.LastOutcome!.Value);
        Decide(command.Agent);
    }

    private void Count(VoteOutcome outcome) => (outcome.Verdict switch
    {
        VoteVerdict.Accepted => _accepted,
        VoteVerdict.Clipped => _clipped,
        _ => _refused,
    }).Increment();

    private void Decide(int causingAgent)
    {
        var decision = Arbiter.Decide();
        Arm(decision.AskAgainAt);
        if (_priority is not null && _priority.Guarantee != _reserved)
        {
            _reserved = _priority.Guarantee;
            Send(_bus, new BusReserve(_priority.Agent, _reserved), _controlLatency);
        }
        if (decision.Level == _level) return;
        _level = decision.Level;
        _levelChanges.Increment();
        _levelGauge.Set(Now, _level);
        Send(_bus, new BusSetLevel(_level), _controlLatency);
        foreach (var notification in Server.LevelChanged(BusPerfDomain.Id, Arbiter.LevelValue(_level), causingAgent))
            if (_channels.TryGetValue(notification.Agent, out var channel))
                Send(channel, new ScmiNotificationMessage(notification.Message), _channelLatency);
    }

    /// <summary>Keeps one timer for <paramref name="at"/> (none when null or not in the future), re-armed only when the time changes.</summary>
    private void Arm(SimTime? at)
    {
        if (at is { } due && due <= Now) at = null;
        if (at == _armedAt) return;
        _armedAt = at;
        if (at is not { } time)
        {
            CancelTimer(AskAgainTimer);
            return;
        }
        // Sends leave after the work spent so far; a timer due before that fires as soon as the work is done.
        SimTime delay = time - Now - Spent;
        SetTimer(AskAgainTimer, AskAgain.Instance, delay < SimTime.Zero ? SimTime.Zero : delay);
    }

    /// <summary>The policy asked to be asked again now.</summary>
    private sealed class AskAgain
    {
        public static readonly AskAgain Instance = new();
    }
}
