using Sim.Core.Time;
using Sim.Interconnect.Bus;

namespace Sim.Scenarios.Model;

/// <summary>
/// The interconnect part of a scenario (issue 5): the bus and its OPP table, where the aggregator runs and what reaching
/// it costs, the VMs that vote for bus bandwidth (each a guest of the transport section, with a display and a voter),
/// and the variants to compare. Each variant is an independent world (its own bus, aggregator and copy of every guest)
/// under the path <c>variant/</c>, so one run compares every policy on the same traffic. Plain data.
/// </summary>
/// <param name="Levels">The bus's performance levels, lowest first.</param>
/// <param name="InitialLevel">The level the bus starts at, before any vote.</param>
/// <param name="Aggregator">Where the SCMI server runs and its latencies.</param>
/// <param name="Vms">The voting VMs.</param>
/// <param name="Variants">The worlds to build, each with its policy and voter overrides.</param>
/// <param name="SeriesPoints">How many points of bus time series each variant keeps for CSV (0: none).</param>
/// <param name="SeriesBin">The width of the bins each VM's bus rate is averaged over in the series.</param>
public sealed record InterconnectModel(
    OppTable Levels, int InitialLevel, AggregatorModel Aggregator, IReadOnlyList<InterconnectVmModel> Vms,
    IReadOnlyList<InterconnectVariantModel> Variants, int SeriesPoints, SimTime SeriesBin);

/// <summary>
/// Where the SCMI server that aggregates the votes runs and what reaching it costs (issue 5, "Aggregator": in the host,
/// a driver VM, or a power controller reached through a further channel with its own latency).
/// </summary>
/// <param name="Location">host, driver-vm or power-controller (for reports; the latencies carry the difference).</param>
/// <param name="Processing">Server time per SCMI message and per deferred decision.</param>
/// <param name="ForwardLatency">From a VM's channel backend to the server (virtio-scmi backend to server, or the further mailbox).</param>
/// <param name="ChannelLatency">From the server back to a VM's channel (responses, notifications).</param>
/// <param name="ControlLatency">From the server's decision to the bus's power controller starting the level change.</param>
public sealed record AggregatorModel(string Location, SimTime Processing, SimTime ForwardLatency, SimTime ChannelLatency, SimTime ControlLatency);

/// <summary>A VM that uses the bus: the guest it is, its display (if any) and how its driver votes.</summary>
/// <param name="Guest">The guest's name in the transport section (its platform, memory and background devices).</param>
/// <param name="Display">The display it scans out; null for a VM with background traffic only (it does not vote).</param>
/// <param name="Voter">How it votes (the honest driver or an adversary).</param>
/// <param name="Channel">How votes reach the server: <c>virtio-scmi</c> (the VM's virtio-scmi device) or <c>direct</c> (a mailbox without a virtqueue).</param>
public sealed record InterconnectVmModel(string Guest, DisplayModel? Display, VoterModel Voter, string Channel);

/// <summary>A display: its mode, when its first vblank falls, how its frame read is split, and the peak it votes for.</summary>
/// <param name="Width">Pixels per line.</param>
/// <param name="Height">Lines.</param>
/// <param name="RefreshMillihertz">Refresh rate in mHz.</param>
/// <param name="Phase">Time of frame 0's vblank.</param>
/// <param name="Chunks">Transfers each frame read is split into.</param>
/// <param name="PeakFraction">The fraction of the frame period a frame must be read within (the peak vote).</param>
public sealed record DisplayModel(uint Width, uint Height, uint RefreshMillihertz, SimTime Phase, int Chunks, double PeakFraction);

/// <summary>How a VM's driver votes: <c>honest</c>, <c>greedy</c>, <c>flooding</c>, <c>under-reporting</c>, and their parameters.</summary>
/// <param name="Behaviour">The behaviour's name.</param>
/// <param name="StartDelay">When it first votes.</param>
/// <param name="Period">Re-vote period (honest, greedy, under-reporting); null: vote once.</param>
/// <param name="Fraction">The fraction of its need an under-reporter asks for.</param>
/// <param name="Interval">A flooder's mean interval between votes.</param>
public sealed record VoterModel(string Behaviour, SimTime StartDelay, SimTime? Period, double Fraction, SimTime Interval);

/// <summary>One world to build: its name (an actor path segment), its policy, and voters that behave differently in it.</summary>
/// <param name="Name">The variant's name.</param>
/// <param name="Policy">The aggregation policy.</param>
/// <param name="Voters">Voter behaviours that replace a VM's own in this variant, by guest name.</param>
public sealed record InterconnectVariantModel(string Name, PolicyModel Policy, IReadOnlyDictionary<string, VoterModel> Voters);

/// <summary>
/// An aggregation policy as declared: a base rule (<c>icc</c>, <c>max-of-levels</c>, <c>last-writer-wins</c>,
/// <c>fixed</c>) or a decorator (<c>caps</c>, <c>priority</c>, <c>hysteresis</c>, <c>rate-limit</c>,
/// <c>vote-rate-limit</c>, <c>quota</c>) around <see cref="Inner"/>, with its parameters. Plain data.
/// </summary>
/// <param name="Kind">The rule or decorator.</param>
/// <param name="Inner">The wrapped policy (decorators only).</param>
/// <param name="Level">The level of <c>fixed</c>.</param>
/// <param name="Agent">The designated VM of <c>priority</c>.</param>
/// <param name="Time">The hold of <c>hysteresis</c>, the interval of <c>rate-limit</c>, the refill of <c>vote-rate-limit</c>.</param>
/// <param name="Burst">The burst of <c>vote-rate-limit</c>.</param>
/// <param name="Caps">Per-VM bandwidth caps of <c>caps</c>, B/s.</param>
/// <param name="Quotas">Per-VM quotas of <c>quota</c>.</param>
public sealed record PolicyModel(
    string Kind, PolicyModel? Inner = null, int Level = 0, string? Agent = null, SimTime Time = default, int Burst = 0,
    IReadOnlyDictionary<string, double>? Caps = null, IReadOnlyDictionary<string, QuotaModel>? Quotas = null);

/// <summary>A VM's quota: above <paramref name="BaselineLevel"/> for at most <paramref name="Budget"/> per <paramref name="Window"/>.</summary>
/// <param name="BaselineLevel">The level it may always have.</param>
/// <param name="Budget">Time above the baseline allowed per window.</param>
/// <param name="Window">The accounting window.</param>
public sealed record QuotaModel(int BaselineLevel, SimTime Budget, SimTime Window);
