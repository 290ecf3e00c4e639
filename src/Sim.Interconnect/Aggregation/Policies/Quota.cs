using Sim.Core.Time;

namespace Sim.Interconnect.Aggregation.Policies;

/// <summary>
/// Per-VM time quotas, a decorator (a burst budget, where <see cref="PerAgentCaps"/> is a hard ceiling): an agent with
/// an <see cref="AgentQuota"/> has its demand forwarded as it is while its time above the baseline level in the current
/// window is under budget. Its demand level is the larger of its latest bandwidth vote's lowest meeting level (or
/// level vote) and its latest limits minimum. When the budget is spent, its latest votes are forwarded again clipped
/// to the baseline (bandwidth to the baseline's, level and limits minimum to the baseline), and so are its later
/// votes, answered <see cref="VoteVerdict.Clipped"/>, until the window ends; then its latest votes are forwarded
/// unclipped and a new budget starts. Exhaustion and window ends are applied at their exact times, in time order
/// over all agents, whenever the policy is next called; it asks to be asked again at the next such time.
/// A departing agent's demand drops to nothing but its account stays: leaving and coming back does not refill the
/// budget. Agents without a quota pass unchanged.
/// </summary>
public sealed class Quota : PolicyDecorator
{
    private sealed class Account(AgentQuota quota, SimTime windowStart)
    {
        public AgentQuota Quota { get; } = quota;
        public SimTime WindowStart { get; set; } = windowStart;
        public SimTime Used { get; set; }
        public SimTime? OverSince { get; set; }
        public bool Exhausted { get; set; }
        public BusVote? Demand { get; set; }
        public LimitsVote? Limits { get; set; }
        public SimTime WindowEnd => WindowStart + Quota.Window;
        public SimTime? ExhaustAt => OverSince is { } since && !Exhausted ? since + (Quota.Budget - Used) : null;
        public SimTime NextEvent => LevelDecision.Earliest(ExhaustAt, WindowEnd)!.Value;
    }

    private readonly Dictionary<string, AgentQuota> _quotas;
    private readonly SortedDictionary<string, Account> _accounts = new(StringComparer.Ordinal);

    /// <summary>Quotas <paramref name="quotas"/> by agent, around <paramref name="inner"/>.</summary>
    public Quota(IAggregationPolicy inner, IReadOnlyDictionary<string, AgentQuota> quotas) : base(inner)
    {
        ArgumentNullException.ThrowIfNull(quotas);
        _quotas = new Dictionary<string, AgentQuota>(quotas, StringComparer.Ordinal);
        foreach (var (agent, q) in _quotas)
        {
            if (!Table.Contains(q.BaselineLevel)) throw new ArgumentException($"{agent}: baseline level {q.BaselineLevel} is not in the table (0..{Table.Top})", nameof(quotas));
            if (q.Window <= SimTime.Zero || q.Budget < SimTime.Zero || q.Budget > q.Window)
                throw new ArgumentException($"{agent}: need 0 <= budget <= window and a positive window, was budget {q.Budget}, window {q.Window}", nameof(quotas));
        }
    }

    /// <summary>Times an agent's budget ran out.</summary>
    public long Exhaustions { get; private set; }

    /// <summary>Whether <paramref name="agent"/> is held to its baseline now (as of the latest call).</summary>
    public bool IsExhausted(string agent) => _accounts.TryGetValue(agent, out var a) && a.Exhausted;

    /// <inheritdoc />
    protected override VoteOutcome Take(SimTime time, BusVote vote)
    {
        Settle(time);
        if (!_quotas.TryGetValue(vote.Agent, out var quota)) return Inner.Accept(time, vote);
        if (!_accounts.TryGetValue(vote.Agent, out var account))
            _accounts[vote.Agent] = account = new Account(quota, SimTime.FromPicoseconds(time.Picoseconds - time.Picoseconds % quota.Window.Picoseconds));
        if (vote is AgentLeft)
        {
            account.Demand = null;
            account.Limits = null;
            Track(account, time);
            return Inner.Accept(time, vote);
        }
        var sent = account.Exhausted ? Clip(vote, quota.BaselineLevel) : vote;
        var outcome = Inner.Accept(time, sent);
        if (!outcome.Taken) return outcome;
        if (vote is LimitsVote limits) account.Limits = limits; else account.Demand = vote;
        Track(account, time);
        return sent == vote ? outcome : VoteOutcome.Clipped($"{vote.Agent}: quota of {quota.Budget} above level {quota.BaselineLevel} per {quota.Window} spent");
    }

    /// <inheritdoc />
    protected override LevelDecision Choose(SimTime time)
    {
        Settle(time);
        var decision = Inner.Decide(time);
        SimTime? next = _accounts.Values.Select(a => (SimTime?)a.NextEvent).DefaultIfEmpty(null).Min();
        return decision with { AskAgainAt = LevelDecision.Earliest(decision.AskAgainAt, next) };
    }

    /// <summary>Applies every exhaustion and window end up to <paramref name="time"/>, earliest first over all agents.</summary>
    private void Settle(SimTime time)
    {
        while (_accounts.Values.Where(a => a.NextEvent <= time).MinBy(a => a.NextEvent) is { } account)
        {
            SimTime at = account.NextEvent;
            if (account.ExhaustAt == at)
            {
                account.Used = account.Quota.Budget;
                account.OverSince = null;
                account.Exhausted = true;
                Exhaustions++;
                Forward(account, at, clip: true);
            }
            else
            {
                bool wasExhausted = account.Exhausted;
                account.WindowStart = at;
                account.Used = SimTime.Zero;
                account.Exhausted = false;
                account.OverSince = null;
                if (wasExhausted) Forward(account, at, clip: false);
                Track(account, at);
            }
        }
    }

    /// <summary>Starts or stops the agent's over-baseline clock after its demand changed at <paramref name="time"/>.</summary>
    private void Track(Account account, SimTime time)
    {
        if (account.Exhausted) return;
        bool over = DemandLevel(account) > account.Quota.BaselineLevel;
        if (over && account.OverSince is null) account.OverSince = time;
        if (!over && account.OverSince is { } since)
        {
            account.Used += time - since;
            account.OverSince = null;
        }
    }

    private int DemandLevel(Account account)
    {
        int demand = account.Demand switch
        {
            BandwidthVote b => Table.LowestMeeting(b.Demand),
            LevelVote l => l.Level,
            _ => 0,
        };
        return Math.Max(demand, account.Limits?.MinLevel ?? 0);
    }

    private void Forward(Account account, SimTime at, bool clip)
    {
        foreach (var vote in new BusVote?[] { account.Demand, account.Limits })
            if (vote is not null) Inner.Accept(at, clip ? Clip(vote, account.Quota.BaselineLevel) : vote);
    }

    private BusVote Clip(BusVote vote, int baseline) => vote switch
    {
        BandwidthVote b => b with
        {
            AverageBytesPerSecond = Math.Min(b.AverageBytesPerSecond, Table[baseline].BytesPerSecond),
            PeakBytesPerSecond = Math.Min(b.PeakBytesPerSecond, Table[baseline].BytesPerSecond),
        },
        LevelVote l => l with { Level = Math.Min(l.Level, baseline) },
        LimitsVote m => m with { MinLevel = Math.Min(m.MinLevel, baseline) },
        _ => vote,
    };
}
