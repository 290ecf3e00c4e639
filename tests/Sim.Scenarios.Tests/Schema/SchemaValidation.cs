using System.Text.Json;
using Json.Schema;
using Sim.Scenarios.Schema;

namespace Sim.Scenarios.Tests.Schema;

/// <summary>Validates YAML scenario text against the generated schema with JsonSchema.Net (a test-only dependency).</summary>
internal static class SchemaValidation
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(ScenarioSchema.Generate(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    /// <summary>The schema's verdict on <paramref name="yaml"/>: valid, and the errors (instance location: message) when not.</summary>
    public static (bool Valid, IReadOnlyList<string> Errors) Check(string yaml)
    {
        var json = YamlToJson.Convert(yaml);
        using var document = JsonDocument.Parse(json?.ToJsonString() ?? "null");
        var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = new List<string>();
        foreach (var detail in results.Details ?? [])
        {
            if (detail.Errors is null) continue;
            foreach (var (keyword, message) in detail.Errors) errors.Add($"{detail.InstanceLocation} ({keyword}): {message}");
        }
        return (results.IsValid, errors);
    }
}
