namespace Sim.Tracing.Recording;

/// <summary>
/// The header of a trace (format <c>virtiosim-trace/1</c>, see docs/trace-format.md): what was run, and the tables the
/// records index into.
/// </summary>
/// <param name="Format">The format tag, <see cref="TraceFormat.Version"/>.</param>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Actors">Actor paths; a record's <c>from</c> and <c>to</c> index this list (-1: the kernel).</param>
/// <param name="Kinds">Message kinds (type names); a record's <c>kind</c> indexes this list.</param>
/// <param name="Memories">Guest memories (domain names); a write's <c>memory</c> indexes this list.</param>
/// <param name="Regions">Watched regions; a write's <c>region</c> indexes this list.</param>
/// <param name="Events">How many event records follow.</param>
/// <param name="Writes">How many memory-write records follow.</param>
public sealed record TraceHeader(
    string Format,
    string Scenario,
    ulong Seed,
    IReadOnlyList<string> Actors,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<string> Memories,
    IReadOnlyList<TraceRegion> Regions,
    long Events,
    long Writes);

/// <summary>A watched region of a guest memory, as the header lists it.</summary>
/// <param name="Memory">The index of its memory in <see cref="TraceHeader.Memories"/>.</param>
/// <param name="Name">Its name (e.g. <c>kvm/blk0/driver/q0/used</c>).</param>
/// <param name="Kind">Its layout, the wire name of a <see cref="Sim.Layouts.RegionKind"/> (<c>split-desc</c>, ...,
/// <c>grant-table</c>); kept as text, since a trace written elsewhere may name a kind this build does not know.</param>
/// <param name="Start">Its first guest-physical address.</param>
/// <param name="Length">Its length in bytes.</param>
public sealed record TraceRegion(int Memory, string Name, string Kind, ulong Start, ulong Length);

/// <summary>One record of a trace body: an event delivered, or bytes written into a watched region.</summary>
public abstract record TraceRecord(long Time);

/// <summary>An event delivered: at <paramref name="Time"/> (ps), from one actor to another, of a kind, with a summary.</summary>
/// <param name="Time">The delivery time in picoseconds.</param>
/// <param name="From">The sender's index in the actor table; -1 for the kernel (set-up events).</param>
/// <param name="To">The target's index in the actor table.</param>
/// <param name="Kind">The message kind's index in the kind table.</param>
/// <param name="Summary">The message in a line (its fields), at most <see cref="TraceFormat.MaxSummaryLength"/> characters.</param>
public sealed record TraceEvent(long Time, int From, int To, int Kind, string Summary) : TraceRecord(Time);

/// <summary>Bytes written into a watched region, during the event delivered last (or at time 0 outside a run).</summary>
/// <param name="Time">The time of the event during which the write happened, in picoseconds.</param>
/// <param name="Memory">The memory's index in the memory table.</param>
/// <param name="Region">The region's index in the region table.</param>
/// <param name="Address">The guest-physical address of the first byte.</param>
/// <param name="Bytes">The bytes written (clipped to the region).</param>
public sealed record TraceWrite(long Time, int Memory, int Region, ulong Address, byte[] Bytes) : TraceRecord(Time);

/// <summary>Constants of the trace format.</summary>
public static class TraceFormat
{
    /// <summary>The format tag in every header.</summary>
    public const string Version = "virtiosim-trace/1";

    /// <summary>The first element of an event record.</summary>
    public const int EventTag = 0;

    /// <summary>The first element of a memory-write record.</summary>
    public const int WriteTag = 1;

    /// <summary>The longest summary kept; longer ones are cut and end with "…".</summary>
    public const int MaxSummaryLength = 200;
}
