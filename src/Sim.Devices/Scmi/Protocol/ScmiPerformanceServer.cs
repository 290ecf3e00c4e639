using Sim.Devices.Scmi;
using Sim.Interconnect.Aggregation;

namespace Sim.Devices.Scmi.Protocol;

/// <summary>
/// The platform side of the SCMI performance domain management protocol (Arm DEN0056, 4.5) for a fixed set of domains:
/// pure logic, no actors and no timing. Each request comes with the id of the agent whose virtio-scmi channel carried
/// it. Level and limit requests are validated here and forwarded to an <see cref="IPerformanceArbiter"/>, which owns
/// the live level and limits; subscriptions to level notifications are kept per domain and agent.
/// <para>Statuses (DEN0056, 4.1.4 and the return values of each command in 4.5.2; SCP-firmware <c>scmi_perf</c> where the spec leaves a choice):</para>
/// <list type="bullet">
/// <item>another protocol than 0x13, or an unknown message id: NOT_SUPPORTED; a payload of the wrong length or a
/// message whose type is not a command: PROTOCOL_ERROR.</item>
/// <item>a domain id with no domain: NOT_FOUND (every per-domain command).</item>
/// <item>PROTOCOL_MESSAGE_ATTRIBUTES of a message not implemented: NOT_FOUND.</item>
/// <item>DESCRIBE_LEVELS with level_index past the table: OUT_OF_RANGE.</item>
/// <item>LEVEL_SET of a value not in the table: OUT_OF_RANGE (SCP-firmware maps the DVFS range error to it; a domain
/// with <see cref="ScmiPerfDomain.AcceptsAnyValue"/> takes any value up to its top and refuses only those above);
/// LEVEL_SET / LIMITS_SET on a domain whose flags refuse it: DENIED; LIMITS_SET with range_min above range_max:
/// INVALID_PARAMETERS (as SCP-firmware).</item>
/// <item>NOTIFY_LEVEL / NOTIFY_LIMITS on a domain that does not offer that notification: NOT_SUPPORTED.</item>
/// </list>
/// </summary>
public sealed class ScmiPerformanceServer
{
    /// <summary>
    /// Default for the most level entries per DESCRIBE_LEVELS response: 10, the most that fit in the 128 bytes after the
    /// header Linux's virtio-scmi driver allots to a message (<see cref="ScmiVirtioLayout.LinuxMaxMessageSize"/>):
    /// status 4 + num_levels 4 + 10 × 12 = 128.
    /// </summary>
    public const int DefaultMaxLevelsPerResponse =
        (ScmiVirtioLayout.LinuxMaxMessageSize - ScmiPerfLayout.DescribeLevels.ResponseLevels) / ScmiPerfLayout.Level.Size;

    private readonly IReadOnlyList<ScmiPerfDomain> _domains;
    private readonly IPerformanceArbiter _arbiter;
    private readonly SortedSet<int>[] _levelSubscribers;
    private readonly SortedSet<int>[] _limitsSubscribers;

    /// <summary>A server for <paramref name="domains"/> (domain id = index) deciding through <paramref name="arbiter"/>.</summary>
    /// <param name="domains">The domains; at most 65535 (the domain count has 16 bits).</param>
    /// <param name="arbiter">The aggregation policy.</param>
    /// <param name="maxLevelsPerResponse">Most entries per DESCRIBE_LEVELS response, 1..4095.</param>
    /// <param name="powerInMilliwatts">Whether power costs are milliwatts (PROTOCOL_ATTRIBUTES bit 16).</param>
    public ScmiPerformanceServer(IReadOnlyList<ScmiPerfDomain> domains, IPerformanceArbiter arbiter,
        int maxLevelsPerResponse = DefaultMaxLevelsPerResponse, bool powerInMilliwatts = false)
    {
        if (domains.Count > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(domains), domains.Count, "at most 65535 domains");
        if (maxLevelsPerResponse is < 1 or > ScmiPerfLayout.DescribeLevels.MaxReturned)
            throw new ArgumentOutOfRangeException(nameof(maxLevelsPerResponse), maxLevelsPerResponse, "1..4095 levels per response");
        _domains = domains.ToArray();
        _arbiter = arbiter;
        MaxLevelsPerResponse = maxLevelsPerResponse;
        PowerInMilliwatts = powerInMilliwatts;
        _levelSubscribers = _domains.Select(_ => new SortedSet<int>()).ToArray();
        _limitsSubscribers = _domains.Select(_ => new SortedSet<int>()).ToArray();
    }

    /// <summary>Most entries one DESCRIBE_LEVELS response returns.</summary>
    public int MaxLevelsPerResponse { get; }

    /// <summary>Whether power costs are reported as milliwatts.</summary>
    public bool PowerInMilliwatts { get; }

    /// <summary>The domains, indexed by domain id.</summary>
    public IReadOnlyList<ScmiPerfDomain> Domains => _domains;

    /// <summary>
    /// Answers a whole command message from <paramref name="agent"/> (header, parameters) with the whole response
    /// message (the request's header echoed, status, return values), as the cmdq buffers carry them (virtio 1.2,
    /// 5.17.6.1). A message shorter than a header is answered with a zero header and PROTOCOL_ERROR.
    /// </summary>
    public byte[] HandleMessage(int agent, ReadOnlySpan<byte> message)
    {
        if (!ScmiMessage.TrySplit(message, out var header, out var payload))
            return Respond(default, ScmiStatus.ProtocolError);
        if (header.Type != ScmiMessageType.Command) return Respond(header, ScmiStatus.ProtocolError);
        if (header.ProtocolId != ScmiPerfLayout.ProtocolId) return Respond(header, ScmiStatus.NotSupported);
        var decoded = ScmiPerfRequestCodec.Decode(header.MessageId, payload);
        if (decoded.Request is null) return Respond(header, decoded.Status);
        var reply = Handle(agent, decoded.Request);
        return ScmiMessage.Compose(header, ScmiPerfResponseCodec.Encode(decoded.Request.MessageId, reply));
    }

    /// <summary>Answers a decoded <paramref name="request"/> from <paramref name="agent"/>.</summary>
    public ScmiPerfReply Handle(int agent, ScmiPerfRequest request) => request switch
    {
        PerfProtocolVersionRequest => ScmiPerfReply.Ok(new PerfProtocolVersionResponse(ScmiPerfLayout.ProtocolVersion)),
        PerfProtocolAttributesRequest => ScmiPerfReply.Ok(new PerfProtocolAttributesResponse((ushort)_domains.Count, PowerInMilliwatts, 0, 0, 0)),
        PerfProtocolMessageAttributesRequest r => r.QueriedMessageId <= byte.MaxValue && ScmiPerfRequestCodec.IsKnown((byte)r.QueriedMessageId)
            ? ScmiPerfReply.Ok(new PerfProtocolMessageAttributesResponse(0))
            : ScmiPerfReply.Of(ScmiStatus.NotFound),
        PerfDomainAttributesRequest r => WithDomain(r.Domain, d => ScmiPerfReply.Ok(
            new PerfDomainAttributesResponse(d.Flags, d.RateLimitUs, d.SustainedFreqKhz, d.SustainedPerfLevel, d.Name))),
        PerfDescribeLevelsRequest r => WithDomain(r.Domain, d => DescribeLevels(d, r.LevelIndex)),
        PerfLimitsSetRequest r => WithDomain(r.Domain, d => LimitsSet(agent, r, d)),
        PerfLimitsGetRequest r => WithDomain(r.Domain, _ =>
        {
            var (min, max) = _arbiter.CurrentLimits(r.Domain);
            return ScmiPerfReply.Ok(new PerfLimitsGetResponse(max, min));
        }),
        PerfLevelSetRequest r => WithDomain(r.Domain, d => LevelSet(agent, r, d)),
        PerfLevelGetRequest r => WithDomain(r.Domain, _ => ScmiPerfReply.Ok(new PerfLevelGetResponse(_arbiter.CurrentLevel(r.Domain)))),
        PerfNotifyLimitsRequest r => WithDomain(r.Domain, d =>
            Subscribe(_limitsSubscribers[r.Domain], d.Has(ScmiPerfDomainFlags.LimitsNotifications), agent, r.Enable)),
        PerfNotifyLevelRequest r => WithDomain(r.Domain, d =>
            Subscribe(_levelSubscribers[r.Domain], d.Has(ScmiPerfDomainFlags.LevelNotifications), agent, r.Enable)),
        _ => ScmiPerfReply.Of(ScmiStatus.NotSupported),
    };

    /// <summary>The agents subscribed to level notifications of <paramref name="domain"/>, ascending.</summary>
    public IReadOnlyCollection<int> LevelSubscribers(uint domain) => _levelSubscribers[CheckDomain(domain)];

    /// <summary>The agents subscribed to limits notifications of <paramref name="domain"/>, ascending.</summary>
    public IReadOnlyCollection<int> LimitsSubscribers(uint domain) => _limitsSubscribers[CheckDomain(domain)];

    /// <summary>
    /// The PERFORMANCE_LEVEL_CHANGED messages to send now that <paramref name="domain"/> runs at <paramref name="level"/>
    /// because of <paramref name="causingAgent"/>'s request: one per subscribed agent, in ascending agent order, each
    /// naming <paramref name="causingAgent"/> as agent_id. Throws <see cref="ArgumentOutOfRangeException"/> for an unknown domain.
    /// </summary>
    public IReadOnlyList<ScmiAgentNotification> LevelChanged(uint domain, uint level, int causingAgent)
    {
        var message = new PerfLevelChangedNotification((uint)causingAgent, domain, level).EncodeMessage();
        return _levelSubscribers[CheckDomain(domain)]
            .Select(agent => new ScmiAgentNotification(agent, (byte[])message.Clone()))
            .ToList();
    }

    private static byte[] Respond(ScmiHeader header, ScmiStatus status) =>
        ScmiMessage.Compose(header, ScmiPerfResponseCodec.EncodeStatus(status));

    private int CheckDomain(uint domain) => domain < (uint)_domains.Count
        ? (int)domain
        : throw new ArgumentOutOfRangeException(nameof(domain), domain, $"the server has {_domains.Count} domains");

    private ScmiPerfReply WithDomain(uint domain, Func<ScmiPerfDomain, ScmiPerfReply> answer) =>
        domain < (uint)_domains.Count ? answer(_domains[(int)domain]) : ScmiPerfReply.Of(ScmiStatus.NotFound);

    private ScmiPerfReply DescribeLevels(ScmiPerfDomain domain, uint levelIndex)
    {
        int count = domain.Levels.Count;
        if (levelIndex >= (uint)count) return ScmiPerfReply.Of(ScmiStatus.OutOfRange);
        int returned = Math.Min(MaxLevelsPerResponse, count - (int)levelIndex);
        var page = domain.Levels.Skip((int)levelIndex).Take(returned).ToArray();
        int remaining = count - (int)levelIndex - returned;
        return ScmiPerfReply.Ok(new PerfDescribeLevelsResponse(page, (ushort)Math.Min(remaining, ushort.MaxValue)));
    }

    private ScmiPerfReply LevelSet(int agent, PerfLevelSetRequest request, ScmiPerfDomain domain)
    {
        if (!domain.Has(ScmiPerfDomainFlags.CanSetLevel)) return ScmiPerfReply.Of(ScmiStatus.Denied);
        if (!domain.AcceptsLevel(request.Level)) return ScmiPerfReply.Of(ScmiStatus.OutOfRange);
        return ScmiPerfReply.Of(_arbiter.RequestLevel(agent, request.Domain, request.Level));
    }

    private ScmiPerfReply LimitsSet(int agent, PerfLimitsSetRequest request, ScmiPerfDomain domain)
    {
        if (!domain.Has(ScmiPerfDomainFlags.CanSetLimits)) return ScmiPerfReply.Of(ScmiStatus.Denied);
        if (request.RangeMin > request.RangeMax) return ScmiPerfReply.Of(ScmiStatus.InvalidParameters);
        return ScmiPerfReply.Of(_arbiter.RequestLimits(agent, request.Domain, request.RangeMin, request.RangeMax));
    }

    private static ScmiPerfReply Subscribe(SortedSet<int> subscribers, bool supported, int agent, bool enable)
    {
        if (!supported) return ScmiPerfReply.Of(ScmiStatus.NotSupported);
        if (enable) subscribers.Add(agent);
        else subscribers.Remove(agent);
        return ScmiPerfReply.Ok();
    }
}
