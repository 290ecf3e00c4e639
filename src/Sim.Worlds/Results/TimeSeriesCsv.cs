using System.Globalization;
using CsvHelper;

namespace Sim.Worlds.Results;

/// <summary>
/// Writes recorded time series as one tidy CSV (RFC 4180, via CsvHelper): columns <c>world</c>, <c>time_s</c>,
/// <c>series</c>, <c>value</c>, one row per change (each value holds until the next row of the same world and series).
/// Numbers use the invariant culture and round-trip formatting, so the same run gives the same bytes.
/// </summary>
public static class TimeSeriesCsv
{
    /// <summary>The CSV text of <paramref name="series"/>.</summary>
    public static string Write(IEnumerable<TimeSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { NewLine = "\n" }, true))
        {
            csv.WriteHeader(["world", "time_s", "series", "value"]);
            foreach (var one in series)
            {
                foreach (var point in one.Points)
                {
                    csv.WriteRecord([one.World, point.Time.TotalSeconds.ToString("R", CultureInfo.InvariantCulture), point.Series,
                        point.Value.ToString("R", CultureInfo.InvariantCulture)]);
                }
            }
        }
        return text.ToString();
    }
}
