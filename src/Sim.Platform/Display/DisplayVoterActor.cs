using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Interconnect.Aggregation;
using Sim.Devices.Scmi.Protocol;
using Sim.Devices.Scmi;

namespace Sim.Platform.Display;

/// <summary>
/// A VM's guest driver side of the display's bus vote over SCMI (issue 5, "Votes"; Arm DEN0056, 4.5 performance
/// domain management protocol, carried on the VM's virtio-scmi channel, virtio 1.2, 5.17). At
/// <see cref="StartDelay"/> it sends, as <see cref="ScmiCommandMessage"/>s encoded with the SCMI codecs:
/// PERFORMANCE_NOTIFY_LEVEL(domain, enable), then its vote, PERFORMANCE_LEVEL_SET(domain, level) and
/// PERFORMANCE_LIMITS_SET(domain, range_max, range_min), with the values its <see cref="Behaviour"/> picks from its real
/// <see cref="Need"/> (kB/s). It re-votes (LEVEL_SET then LIMITS_SET) whenever the behaviour asks for it. Commands are
/// not serialized: each is sent at once, with the next token (10 bits, counting from 0 and wrapping).
/// <para>Metrics under the actor's path: <c>votes</c>, <c>commands</c>, <c>responses</c>, <c>refused</c> (responses
/// whose status, decoded by <see cref="ScmiPerfResponseCodec"/>, is not SUCCESS), <c>levelNotifications</c>
/// (PERFORMANCE_LEVEL_CHANGED for its domain), <c>notifiedLevel</c> (gauge of the last notified level), and
/// <c>votedAverage</c> / <c>votedPeak</c> (gauges, kB/s: what its latest vote asked for, the "requested" beside the bus's
/// "obtained").</para>
/// </summary>
public sealed class DisplayVoterActor : Actor
{
    private static readonly object VoteTimer = new();

    private readonly ActorRef _platform;
    private ushort _nextToken;
    private readonly Counter _votes;
    private readonly Counter _commands;
    private readonly Counter _responses;
    private readonly Counter _refused;
    private readonly Counter _levelNotifications;
    private readonly TimeWeightedGauge _notifiedLevel;
    private readonly TimeWeightedGauge _votedAverage;
    private readonly TimeWeightedGauge _votedPeak;

    /// <summary>
    /// The voter of agent <paramref name="agent"/> needing <paramref name="need"/>, voting as <paramref name="behaviour"/>
    /// to <paramref name="platform"/> on performance domain <paramref name="domain"/>, starting after <paramref name="startDelay"/>.
    /// </summary>
    public DisplayVoterActor(int agent, DisplayBandwidthNeed need, ActorRef platform, DisplayVoteBehaviour behaviour,
        SimTime startDelay = default, uint domain = 0)
    {
        ArgumentNullException.ThrowIfNull(need);
        ArgumentNullException.ThrowIfNull(behaviour);
        if (platform.IsNone) throw new ArgumentException("the voter needs a platform to send to", nameof(platform));
        ArgumentOutOfRangeException.ThrowIfNegative(startDelay.Picoseconds, nameof(startDelay));
        Agent = agent;
        Need = need;
        _platform = platform;
        Behaviour = behaviour;
        StartDelay = startDelay;
        Domain = domain;
        _votes = NewCounter("votes");
        _commands = NewCounter("commands");
        _responses = NewCounter("responses");
        _refused = NewCounter("refused");
        _levelNotifications = NewCounter("levelNotifications");
        _notifiedLevel = NewGauge("notifiedLevel", "kB/s");
        _votedAverage = NewGauge("votedAverage", "kB/s");
        _votedPeak = NewGauge("votedPeak", "kB/s");
    }

    /// <summary>The agent (VM channel) the commands come from.</summary>
    public int Agent { get; }

    /// <summary>The display's real need.</summary>
    public DisplayBandwidthNeed Need { get; }

    /// <summary>How it votes.</summary>
    public DisplayVoteBehaviour Behaviour { get; }

    /// <summary>When the first commands are sent.</summary>
    public SimTime StartDelay { get; }

    /// <summary>The performance domain voted on (the bus).</summary>
    public uint Domain { get; }

    /// <summary>The level of the last PERFORMANCE_LEVEL_CHANGED received for <see cref="Domain"/>; null before any.</summary>
    public uint? LastNotifiedLevel { get; private set; }

    /// <summary>The status of the last response that was not SUCCESS; null while none was refused.</summary>
    public ScmiStatus? LastRefusal { get; private set; }

    /// <inheritdoc />
    protected override void OnStart()
    {
        SetTimer(VoteTimer, StartVoting.Instance, StartDelay);
    }

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        switch (message)
        {
            case StartVoting:
                SendCommand(new PerfNotifyLevelRequest(Domain, Enable: true));
                VoteNow();
                break;
            case Revote:
                VoteNow();
                break;
            case ScmiResponseMessage response:
                OnResponse(response.Message);
                break;
            case ScmiNotificationMessage notification:
                OnNotification(notification.Message);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void VoteNow()
    {
        var vote = Behaviour.Vote(Need);
        _votes.Increment();
        _votedAverage.Set(Now, vote.Level);
        _votedPeak.Set(Now, vote.RangeMin);
        SendCommand(new PerfLevelSetRequest(Domain, vote.Level));
        SendCommand(new PerfLimitsSetRequest(Domain, vote.RangeMax, vote.RangeMin));
        if (Behaviour.NextVoteDelay(Random) is { } delay) SetTimer(VoteTimer, Revote.Instance, delay);
    }

    private void SendCommand(ScmiPerfRequest request)
    {
        ushort token = _nextToken;
        _nextToken = (ushort)((_nextToken + 1) & ScmiHeader.TokenMask);
        _commands.Increment();
        Send(_platform, new ScmiCommandMessage(Agent, ScmiMessage.Command(request, token), Self));
    }

    private void OnResponse(byte[] message)
    {
        _responses.Increment();
        ScmiStatus status = ScmiMessage.TrySplit(message, out var header, out var payload)
            ? ScmiPerfResponseCodec.Decode((ScmiPerfMessageId)header.MessageId, payload).Status
            : ScmiStatus.ProtocolError;
        if (status == ScmiStatus.Success) return;
        _refused.Increment();
        LastRefusal = status;
    }

    private void OnNotification(byte[] message)
    {
        if (!ScmiMessage.TrySplit(message, out var header, out var payload)) return;
        if (header.Type != ScmiMessageType.Notification || header.ProtocolId != ScmiPerfLayout.ProtocolId
            || header.MessageId != (byte)ScmiPerfNotificationId.LevelChanged) return;
        if (PerfLevelChangedNotification.DecodePayload(payload) is not { } changed || changed.Domain != Domain) return;
        _levelNotifications.Increment();
        LastNotifiedLevel = changed.PerformanceLevel;
        _notifiedLevel.Set(Now, changed.PerformanceLevel);
    }

    /// <summary>Time to send the subscription and the first vote.</summary>
    private sealed class StartVoting
    {
        public static readonly StartVoting Instance = new();
    }

    /// <summary>Time to vote again.</summary>
    private sealed class Revote
    {
        public static readonly Revote Instance = new();
    }
}
