using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sim.Tracing.Explaining;

/// <summary>
/// The JSON an <see cref="ExplainPage"/> embeds, properties always in this order:
/// <code>
/// { "format": "virtiosim-explain/1", "scenario": str, "seed": "decimal string", "device": str, "actors": [str],
///   "regions": [{ "name": str, "kind": str, "start": "0x…", "length": number, "queueSize": number }],
///   "steps": [{ "index": number, "time": ps, "actor": str, "target": str|null, "kind": str, "text": str,
///               "cost": ps|null, "source": str|null,
///               "changes": [{ "region": number, "address": "0x…", "offset": number|null, "hex": "00ff…" }],
///               "counters": [[name, number]] }] }
/// </code>
/// Addresses (and the seed) are strings because they may exceed 2^53; <c>offset</c> is the address minus the region's
/// start, or null when the write does not begin inside the region (or the region index is unknown). Bytes are lower-case
/// hex. Every <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and non-ASCII character is written as a <c>\uXXXX</c> escape, so
/// the text can never close the script element it sits in.
/// </summary>
internal static class ExplainPageData
{
    /// <summary>The value of the <c>format</c> property.</summary>
    public const string Format = "virtiosim-explain/1";

    private static readonly JsonWriterOptions Options = new() { Indented = false, SkipValidation = false };

    /// <summary>The JSON for <paramref name="run"/>: the same run gives the same text.</summary>
    public static string Write(ExplainedRun run)
    {
        var regions = run.Regions ?? [];
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("scenario", run.Scenario ?? "");
            w.WriteString("seed", run.Seed.ToString(CultureInfo.InvariantCulture));
            w.WriteString("device", run.Device ?? "");
            w.WriteStartArray("actors");
            foreach (string actor in run.Actors ?? []) w.WriteStringValue(actor ?? "");
            w.WriteEndArray();

            w.WriteStartArray("regions");
            foreach (var region in regions)
            {
                w.WriteStartObject();
                w.WriteString("name", region.Name ?? "");
                w.WriteString("kind", region.Kind ?? "");
                w.WriteString("start", Hex(region.Start));
                w.WriteNumber("length", region.Length);
                w.WriteNumber("queueSize", region.QueueSize);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("steps");
            foreach (var step in run.Steps ?? [])
            {
                w.WriteStartObject();
                w.WriteNumber("index", step.Index);
                w.WriteNumber("time", step.Time);
                w.WriteString("actor", step.Actor ?? "");
                if (step.Target is null) w.WriteNull("target"); else w.WriteString("target", step.Target);
                w.WriteString("kind", step.Kind ?? "");
                w.WriteString("text", step.Text ?? "");
                if (step.Cost is long cost) w.WriteNumber("cost", cost); else w.WriteNull("cost");
                if (step.Source is null) w.WriteNull("source"); else w.WriteString("source", step.Source);
                w.WriteStartArray("changes");
                foreach (var change in step.Changes ?? [])
                {
                    w.WriteStartObject();
                    w.WriteNumber("region", change.Region);
                    w.WriteString("address", Hex(change.Address));
                    if (Offset(regions, change) is ulong offset) w.WriteNumber("offset", offset); else w.WriteNull("offset");
                    w.WriteString("hex", Convert.ToHexStringLower(change.Bytes ?? []));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("counters");
                foreach (var counter in step.Counters ?? [])
                {
                    w.WriteStartArray();
                    w.WriteStringValue(counter.Key ?? "");
                    w.WriteNumberValue(counter.Value);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        // The default encoder already writes '<' as \u003C; this keeps "</" out even if that ever changes.
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).Replace("</", "<\\/", StringComparison.Ordinal);
    }

    /// <summary><paramref name="value"/> as <c>0x</c> and lower-case hex digits, no leading zeros.</summary>
    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private static ulong? Offset(IReadOnlyList<ExplainedRegion> regions, RegionChange change)
    {
        if (change.Region < 0 || change.Region >= regions.Count) return null;
        var region = regions[change.Region];
        if (change.Address < region.Start) return null;
        ulong offset = change.Address - region.Start;
        return offset < region.Length ? offset : null;
    }
}
