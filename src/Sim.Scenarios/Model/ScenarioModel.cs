using Sim.Core.Time;

namespace Sim.Scenarios.Model;

/// <summary>
/// A scenario as read from its file and validated: what to simulate, for how long, from which seed. Plain data, free of
/// any YAML type; the world builder turns it into live actors. Change a field for a sweep or a replay with <c>with</c>
/// (e.g. <c>model with { Seed = 7 }</c>).
/// </summary>
/// <param name="SourceFile">The file it was read from, as named to the loader (for messages and run records).</param>
/// <param name="Name">The scenario's name: letters, digits, '.', '_' and '-' only, as it names the output directory.</param>
/// <param name="Description">A free-text description; null when not given.</param>
/// <param name="Seed">The root of every actor's random stream: the same seed gives the same run.</param>
/// <param name="Duration">The end of simulated time; greater than zero.</param>
/// <param name="Warmup">Statistics gathered before this time are discarded; at least zero and less than <paramref name="Duration"/>.</param>
/// <param name="MaxEvents">An event budget: the run stops early, marked partial, after this many events; null for none.</param>
/// <param name="Queueing">The queueing section (sources, servers, sinks); null when the scenario has none.</param>
/// <param name="Transport">The virtio transport section (cost profile, guests, devices); null when the scenario has none.</param>
/// <param name="Interconnect">The interconnect section (bus, aggregator, voting VMs, variants); null when the scenario has none.
/// With it, the transport's guests are built once per variant, their DMA through that variant's bus.</param>
/// <param name="Study">The study the file declares (<c>sweep:</c>, <c>replications:</c>); null reads as one point, one run.
/// The model itself holds the values as written; the study loader makes one model per point.</param>
/// <param name="ExpectedFindings">The finding rules the scenario declares expected (<c>expect: { findings: [...] }</c>):
/// runs that report only these exit 0. Null or empty: every finding is unexpected.</param>
/// <param name="Overrides">Values set on the command line (<c>--set PATH=VALUE</c>, <c>ScenarioOverrides</c> in Sim.Studies), in order; null when none.</param>
public sealed record ScenarioModel(
    string SourceFile,
    string Name,
    string? Description,
    ulong Seed,
    SimTime Duration,
    SimTime Warmup,
    long? MaxEvents,
    QueueingModel? Queueing,
    TransportModel? Transport = null,
    InterconnectModel? Interconnect = null,
    StudyDeclaration? Study = null,
    IReadOnlyList<string>? ExpectedFindings = null,
    IReadOnlyList<KeyValuePair<string, string>>? Overrides = null)
{
    /// <summary>The figures the scenario is about (<c>headline:</c>, <c>path.value</c> keys), shown first in its summary; null when none.</summary>
    public IReadOnlyList<string>? Headline { get; init; }

    /// <summary>The host's cores the guests' threads run on (<c>host:</c>); null: every thread has a core of its own.</summary>
    public HostModel? Host { get; init; }

    /// <summary>The scenario's claims (<c>claims:</c>), in file order; empty when none.</summary>
    public IReadOnlyList<Claims.Claim> Claims { get; init; } = [];

    /// <summary>The declared finding rules (empty when none).</summary>
    public IReadOnlyList<string> Expected => ExpectedFindings ?? [];
}
