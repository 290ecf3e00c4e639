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
    IReadOnlyList<ExplainStep> Steps)
{
    /// <summary>The trace's number (from 0) of the first event told; -1 when none was.</summary>
    public long FirstEvent { get; init; } = -1;

    /// <summary>The trace's number of the last event told (every priced event lies between the two); -1 when none was.</summary>
    public long LastEvent { get; init; } = -1;
}

/// <summary>A region of guest memory shown in the memory panel, with what is needed to decode it.</summary>
/// <param name="Name">Its name (e.g. <c>kvm/blk0/driver/q0/used</c>).</param>
/// <param name="Kind">Its layout: <c>split-desc</c>, <c>split-avail</c>, <c>split-used</c>, <c>packed-desc</c>,
/// <c>packed-driver-event</c>, <c>packed-device-event</c>, <c>grant-table</c>, <c>iommu-requests</c> or <c>window</c>
/// (see docs/trace-format.md).</param>
/// <param name="Start">Its first guest-physical address.</param>
/// <param name="Length">Its length in bytes; before any write it holds zeros.</param>
/// <param name="QueueSize">The queue size N of a ring region (entries in the table or ring); 0 for other regions.</param>
public sealed record ExplainedRegion(string Name, string Kind, ulong Start, ulong Length, int QueueSize)
{
    /// <summary>The <see cref="Kind"/> as a <see cref="RegionKind"/>, or null when this build does not know it.</summary>
    public RegionKind? Known { get; } = RegionKinds.Parse(Kind);
}

/// <summary>One step: something that happened, in plain words, and what it changed in memory.</summary>
/// <param name="Index">The step's number, from 0.</param>
/// <param name="Time">When, in picoseconds of simulated time.</param>
/// <param name="Actor">Who acted (an entry of <see cref="ExplainedRun.Actors"/>).</param>
/// <param name="Target">Who a message went to (another entry), for an arrow on the timeline; null when nothing was sent.</param>
/// <param name="Kind">What kind of step: <c>descriptor</c>, <c>avail</c>, <c>kick</c>, <c>exit</c>, <c>grant</c>,
/// <c>iotlb</c>, <c>copy</c>, <c>used</c>, <c>interrupt</c>, <c>reclaim</c>, <c>message</c>.</param>
/// <param name="Text">The step in plain words, with its numbers (e.g. why a kick was or was not needed).</param>
/// <param name="Cost">What the device's cost ledgers recorded during the event this step prices (ps: busy plus delay
/// time, the sum of <paramref name="Charges"/>); null when the step prices no event.</param>
/// <param name="Source">Those charges in words: each entry with its count, time, provenance kind and provenance text
/// (cut short); null when the step prices no event.</param>
/// <param name="Changes">The bytes this step wrote into the regions, in order.</param>
/// <param name="Counters">Running totals after this step (e.g. <c>exits</c>, <c>hypercalls</c>, <c>copies</c>,
/// <c>kicks</c>, <c>interrupts</c>), by name, in a fixed order.</param>
/// <param name="Charges">The charges behind <paramref name="Cost"/>, per side and entry; null when the step prices no event.</param>
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
    IReadOnlyList<KeyValuePair<string, long>> Counters,
    IReadOnlyList<StepCharge>? Charges = null);

/// <summary>
/// What one side's cost ledger recorded for one entry during one event: the operations counted, the busy time (work
/// that occupied the side's CPU) and the delay time (waits it caused without being busy, e.g. a notification in flight).
/// </summary>
/// <param name="Side">Who paid: <c>driver</c> (the guest's vCPU) or <c>backend</c> (the backend's thread).</param>
/// <param name="Entry">The charge's name, a cost-profile entry such as <c>xen.ioreq.roundTrip</c>.</param>
/// <param name="Count">Operations (or bytes, for a bandwidth) charged.</param>
/// <param name="Busy">Busy time charged (ps).</param>
/// <param name="Delay">Delay time charged (ps).</param>
public sealed record StepCharge(string Side, string Entry, long Count, long Busy, long Delay)
{
    /// <summary>Busy plus delay time (ps).</summary>
    public long Cost => Busy + Delay;
}

/// <summary>What the device's ledgers recorded during one event, and those charges in words.</summary>
/// <param name="Charges">Per side and entry, in the ledgers' order (driver first, entries by name).</param>
/// <param name="Source">The charges in words, for <see cref="ExplainStep.Source"/>.</param>
public sealed record EventPrice(IReadOnlyList<StepCharge> Charges, string Source)
{
    /// <summary>Busy plus delay time of every charge (ps).</summary>
    public long Cost => Charges.Sum(c => c.Cost);
}

/// <summary>Bytes written into a region by a step.</summary>
/// <param name="Region">The region's index in <see cref="ExplainedRun.Regions"/>.</param>
/// <param name="Address">The guest-physical address of the first byte.</param>
/// <param name="Bytes">The bytes.</param>
public sealed record RegionChange(int Region, ulong Address, byte[] Bytes);
