namespace Sim.Tracing.Explaining;

/// <summary>
/// One device's first requests, told step by step (<c>sim explain</c>): plain data that the terminal narration and
/// the browser step-through page are both written from.
/// </summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Device">The device explained (its path, e.g. <c>kvm/blk0</c>).</param>
/// <param name="Actors">The actors that appear in the steps, in lane order (driver first, then platform, backend, ...).</param>
/// <param name="Regions">The guest-memory regions of the device's rings (and grant table) shown in the memory panel.</param>
/// <param name="Steps">The steps, in time order.</param>
public sealed record ExplainedRun(
    string Scenario,
    ulong Seed,
    string Device,
    IReadOnlyList<string> Actors,
    IReadOnlyList<ExplainedRegion> Regions,
    IReadOnlyList<ExplainStep> Steps);

/// <summary>A region of guest memory shown in the memory panel, with what is needed to decode it.</summary>
/// <param name="Name">Its name (e.g. <c>kvm/blk0/driver/q0/used</c>).</param>
/// <param name="Kind">Its layout: <c>split-desc</c>, <c>split-avail</c>, <c>split-used</c>, <c>packed-desc</c>,
/// <c>packed-driver-event</c>, <c>packed-device-event</c>, <c>grant-table</c>, <c>iommu-requests</c> or <c>window</c>
/// (see docs/trace-format.md).</param>
/// <param name="Start">Its first guest-physical address.</param>
/// <param name="Length">Its length in bytes; before any write it holds zeros.</param>
/// <param name="QueueSize">The queue size N of a ring region (entries in the table or ring); 0 for other regions.</param>
public sealed record ExplainedRegion(string Name, string Kind, ulong Start, ulong Length, int QueueSize);

/// <summary>One step: something that happened, in plain words, and what it changed in memory.</summary>
/// <param name="Index">The step's number, from 0.</param>
/// <param name="Time">When, in picoseconds of simulated time.</param>
/// <param name="Actor">Who acted (an entry of <see cref="ExplainedRun.Actors"/>).</param>
/// <param name="Target">Who a message went to (another entry), for an arrow on the timeline; null when nothing was sent.</param>
/// <param name="Kind">What kind of step: <c>descriptor</c>, <c>avail</c>, <c>kick</c>, <c>exit</c>, <c>grant</c>,
/// <c>iotlb</c>, <c>copy</c>, <c>used</c>, <c>interrupt</c>, <c>reclaim</c>, <c>message</c>.</param>
/// <param name="Text">The step in plain words, with its numbers (e.g. why a kick was or was not needed).</param>
/// <param name="Cost">What it cost in simulated time (ps), when known; null otherwise.</param>
/// <param name="Source">Where that cost comes from (a cost profile entry and its source), when known; null otherwise.</param>
/// <param name="Changes">The bytes this step wrote into the regions, in order.</param>
/// <param name="Counters">Running totals after this step (e.g. <c>exits</c>, <c>hypercalls</c>, <c>copies</c>,
/// <c>kicks</c>, <c>interrupts</c>), by name, in a fixed order.</param>
public sealed record ExplainStep(
    int Index,
    long Time,
    string Actor,
    string? Target,
    string Kind,
    string Text,
    long? Cost,
    string? Source,
    IReadOnlyList<RegionChange> Changes,
    IReadOnlyList<KeyValuePair<string, long>> Counters);

/// <summary>Bytes written into a region by a step.</summary>
/// <param name="Region">The region's index in <see cref="ExplainedRun.Regions"/>.</param>
/// <param name="Address">The guest-physical address of the first byte.</param>
/// <param name="Bytes">The bytes.</param>
public sealed record RegionChange(int Region, ulong Address, byte[] Bytes);
