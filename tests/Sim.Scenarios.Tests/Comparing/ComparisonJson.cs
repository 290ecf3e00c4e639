namespace Sim.Scenarios.Tests.Comparing;

/// <summary>Small hand-written results files for the comparison tests, and a temporary directory to put them in.</summary>
internal static class ComparisonJson
{
    /// <summary>A run's results: 2 s simulated, 0.5 s warm-up, a counter of <paramref name="requests"/> and a latency histogram.</summary>
    public static string Run(double requests, double latencyMean) => $$"""
        {
          "format": "virtiosim-results/1",
          "scenario": "tiny",
          "seed": 1,
          "duration": 2.0,
          "warmup": 0.5,
          "simulatedTime": 2.0,
          "events": 10,
          "partial": false,
          "stopReason": "end-reached",
          "metrics": {
            "g/blk0/driver/requests": { "kind": "counter", "unit": "requests", "count": {{requests}} },
            "g/blk0/driver/latency": { "kind": "histogram", "unit": "s", "count": 3, "mean": {{latencyMean}}, "p99": 0.004 }
          },
          "findings": []
        }
        """;

    /// <summary>A study with three points (0, 1, 2) whose latency means and half-widths are given.</summary>
    public static string Study(params (double Mean, double? HalfWidth)[] points)
    {
        var entries = points.Select((p, i) => $$"""
            {
              "index": {{i}},
              "label": "sharing=v{{i}}",
              "values": { "sharing": "v{{i}}" },
              "runs": 5,
              "metrics": {
                "g/blk0/driver/latency.mean": { "n": {{(p.HalfWidth is null ? 1 : 5)}}, "mean": {{p.Mean}}, "stddev": 0, "halfWidth": {{(p.HalfWidth is { } h ? h.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null")}}, "low": null, "high": null },
                "g/blk0/driver/requests.perSecond": { "n": 5, "mean": {{1000 + i}}, "stddev": 1, "halfWidth": 1, "low": {{999 + i}}, "high": {{1001 + i}} }
              }
            }
            """);
        return $$"""
            {
              "format": "virtiosim-study/1",
              "scenario": "tiny",
              "replications": 5,
              "confidence": 0.95,
              "parameters": [],
              "points": [{{string.Join(",", entries)}}],
              "selected": ["g/blk0/driver/latency.mean"],
              "warnings": []
            }
            """;
    }

    /// <summary>A fresh temporary directory for one test.</summary>
    public static string TempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "virtiosim-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Writes <paramref name="json"/> to <c>DIR/name/results.json</c> and returns that directory.</summary>
    public static string WriteResults(string root, string name, string json)
    {
        string directory = Path.Combine(root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "results.json"), json);
        return directory;
    }
}
