using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Hypervisors.Memory;

/// <summary>
/// One accessor's memory traffic and exposure as a metric in the run's results (kind <c>access</c>): allowed reads and
/// writes with their bytes, refused accesses, and the distinct guest pages it reached since the warm-up (the pages
/// it was able to touch and did). Summary values, in order: <c>reads</c>, <c>writes</c>, <c>bytesRead</c>,
/// <c>bytesWritten</c>, <c>refused</c>, <c>pagesTouched</c>.
/// </summary>
public sealed class AccessMetric(string path, AccessorTally tally) : Metric(path, "")
{
    /// <summary>The kind name of access metrics in results.</summary>
    public const string AccessKind = "access";

    /// <inheritdoc />
    public override string Kind => AccessKind;

    /// <inheritdoc />
    public override void Reset(SimTime now) => tally.Reset();

    /// <inheritdoc />
    public override MetricSummary Summarize(SimTime now) => new(Kind, Unit,
    [
        KeyValuePair.Create("reads", (double)tally.Reads),
        KeyValuePair.Create("writes", (double)tally.Writes),
        KeyValuePair.Create("bytesRead", (double)tally.BytesRead),
        KeyValuePair.Create("bytesWritten", (double)tally.BytesWritten),
        KeyValuePair.Create("refused", (double)tally.Refused),
        KeyValuePair.Create("pagesTouched", (double)tally.PagesTouched),
    ]);
}
