using System.Text.Json;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Worlds.Results;

using Sim.Scenarios.Model;

namespace Sim.Studies;

/// <summary>
/// What a study keeps of one finished run, in <c>runs/p0003-r07.json</c> (format <c>virtiosim-run/1</c>): the point,
/// replication and seed, the run's whole <c>results.json</c> tree, and its latency quantiles. A study's summaries are
/// computed from these files only, so a resumed study and an uninterrupted one give the same bytes.
/// Metric values are flattened to <c>path.value</c> keys (<c>xen/blk0/driver/latency.p99</c>); every counter also
/// gets <c>path.perSecond</c>: its count over the measured time (simulated time after the warm-up).
/// </summary>
/// <param name="Point">The point's index.</param>
/// <param name="Replication">The replication number.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Partial">Whether the run stopped early (event budget); a cancelled run is never recorded.</param>
/// <param name="Values">Every metric value, flattened, in path order.</param>
/// <param name="Quantiles">The latency quantiles of every non-empty histogram, by path.</param>
/// <param name="Findings">The number of findings per rule.</param>
/// <param name="Series">The time series the run recorded (kept for replication 0 only, for plots and CSV).</param>
public sealed record RunRecord(
    int Point,
    int Replication,
    ulong Seed,
    bool Partial,
    IReadOnlyList<KeyValuePair<string, double>> Values,
    IReadOnlyList<LatencyQuantiles> Quantiles,
    IReadOnlyList<KeyValuePair<string, int>> Findings,
    IReadOnlyList<TimeSeries> Series)
{
    /// <summary>The format tag of a run record.</summary>
    public const string Format = "virtiosim-run/1";

    /// <summary>The unit of every value of <see cref="Values"/>, by key (see <see cref="ValueUnits"/>); "" for a plain number.</summary>
    public IReadOnlyDictionary<string, string> Units { get; init; } = new Dictionary<string, string>();

    /// <summary>The record text of <paramref name="run"/>'s <paramref name="results"/>.</summary>
    public static string Write(StudyRun run, RunResults results)
    {
        var quantiles = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var q in results.Distributions ?? []) quantiles[q.Path] = q.Seconds;
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        var declaration = run.Point.Model.Study ?? StudyDeclaration.Single;
        for (int i = 0; i < run.Point.Values.Count; i++) parameters[declaration.Parameters[i].Name] = run.Point.Values[i].Text;
        return CanonicalJsonWriter.Write(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["format"] = Format,
            ["point"] = run.Point.Index,
            ["replication"] = run.Replication,
            ["seed"] = run.Seed,
            ["parameters"] = parameters,
            ["results"] = ResultsJson.ToTree(results),
            ["quantiles"] = quantiles,
            ["series"] = run.Replication == 0 ? (results.Series ?? []).Select(SeriesTree).ToList() : [],
        });
    }

    /// <summary>Reads a record written by <see cref="Write"/>; throws <see cref="FormatException"/> when it is not one.</summary>
    public static RunRecord Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.GetProperty("format").GetString() != Format) throw new FormatException($"not a {Format} record");
            var results = root.GetProperty("results");
            var quantiles = root.GetProperty("quantiles").EnumerateObject()
                .Select(q => new LatencyQuantiles(q.Name, q.Value.EnumerateArray().Select(v => v.GetDouble()).ToList()))
                .ToList();
            var findings = results.GetProperty("findings").EnumerateArray()
                .GroupBy(f => f.GetProperty("rule").GetString() ?? "", StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => KeyValuePair.Create(g.Key, g.Count()))
                .ToList();
            return new RunRecord(
                root.GetProperty("point").GetInt32(),
                root.GetProperty("replication").GetInt32(),
                root.GetProperty("seed").GetUInt64(),
                results.GetProperty("partial").GetBoolean(),
                Flatten(results),
                quantiles,
                findings,
                root.GetProperty("series").EnumerateArray().Select(ReadSeries).ToList())
            {
                Units = ValueUnits.Flatten(results),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"not a {Format} record: {e.Message}", e);
        }
    }

    private static Dictionary<string, object?> SeriesTree(TimeSeries series) => new(StringComparer.Ordinal)
    {
        ["world"] = series.World,
        ["truncated"] = series.Truncated,
        ["points"] = series.Points.Select(p => new object?[] { p.Time.Picoseconds, p.Series, p.Value }).ToList(),
    };

    private static TimeSeries ReadSeries(JsonElement series) => new(
        series.GetProperty("world").GetString() ?? "",
        series.GetProperty("points").EnumerateArray()
            .Select(p => new TimeSeriesPoint(new SimTime(p[0].GetInt64()), p[1].GetString() ?? "", p[2].GetDouble()))
            .ToList(),
        series.GetProperty("truncated").GetBoolean());

    /// <summary>
    /// Every metric value of a run's results tree (<c>results.json</c>, format <c>virtiosim-results/1</c>) as
    /// <c>path.value</c>, in path order; every counter also gets <c>path.perSecond</c> (count over simulatedTime - warmup).
    /// </summary>
    public static List<KeyValuePair<string, double>> Flatten(JsonElement results)
    {
        double measuredSeconds = results.GetProperty("simulatedTime").GetDouble() - results.GetProperty("warmup").GetDouble();
        var values = new List<KeyValuePair<string, double>>();
        foreach (var metric in results.GetProperty("metrics").EnumerateObject())
        {
            bool counter = metric.Value.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String
                && kind.GetString() == MetricKind.Counter;
            foreach (var value in metric.Value.EnumerateObject())
            {
                if (value.Value.ValueKind != JsonValueKind.Number) continue;
                values.Add(KeyValuePair.Create($"{metric.Name}.{value.Name}", value.Value.GetDouble()));
                if (counter && value.Name == "count" && measuredSeconds > 0)
                    values.Add(KeyValuePair.Create($"{metric.Name}.perSecond", value.Value.GetDouble() / measuredSeconds));
            }
        }
        return values;
    }
}
