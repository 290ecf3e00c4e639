using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads the top-level <c>expect:</c> section, one section for two kinds of file:
/// <code>
/// expect:
///   findings: [gpu-scanout-deadline-miss]   # finding rules this scenario exists to show: exit 0 when only these occur
/// </code>
/// A scenario's <c>expect</c> holds <c>findings</c> only. A validation experiment's (<c>validation/*.yaml</c>,
/// <c>ExperimentLoader</c> in Sim.Studies) holds its validation keys (role, fast, tolerance, why, source, figures)
/// and may hold <c>findings</c> too. Any other key is a located unknown-key error.
/// </summary>
internal static class ExpectSectionReader
{
    /// <summary>The section's top-level key.</summary>
    public const string Key = "expect";

    /// <summary>The key of the expected findings.</summary>
    public const string FindingsKey = "findings";

    /// <summary>The keys only a validation experiment's <c>expect</c> holds.</summary>
    public static readonly IReadOnlyList<string> ExperimentKeys = ["role", "fast", "tolerance", "why", "source", "figures"];

    /// <summary>A finding rule's name, as <see cref="ReadFindings"/> checks it.</summary>
    internal const string FindingPattern = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";

    /// <summary>The keys of a scenario's <c>expect</c> (the experiment keys are refused, so not in the schema).</summary>
    public static MappingShape Shape => new("expect",
    [
        KeyShape.May(FindingsKey, new ListShape(new TextShape(FindingPattern), MinItems: 1, Unique: true),
            "Finding rules this scenario exists to show, as findings print them (e.g. gpu-scanout-deadline-miss), each once."),
    ]);

    /// <summary>
    /// The finding rules listed under <c>findings</c> (empty when absent): each a rule name as findings print it
    /// (lower-case words joined by '-', e.g. <c>gpu-scanout-deadline-miss</c>), each once.
    /// </summary>
    public static IReadOnlyList<string> ReadFindings(MappingReader expect)
    {
        if (expect.OptionalSequence(FindingsKey) is not { } list) return [];
        var rules = new List<string>();
        foreach (NodeReader item in list.Items)
        {
            string rule = item.AsString();
            bool wellFormed = rule.Length > 0 && rule.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
                && !rule.StartsWith('-') && !rule.EndsWith('-');
            if (!wellFormed) throw item.Unexpected("a finding rule as findings print it, e.g. gpu-scanout-deadline-miss (lower-case letters, digits and '-')");
            if (rules.Contains(rule)) throw item.Fail($"finding '{rule}' is listed twice in {expect.Where}.{FindingsKey}");
            rules.Add(rule);
        }
        if (rules.Count == 0) throw list.Self.Unexpected("a non-empty list of finding rules, e.g. [gpu-scanout-deadline-miss]");
        return rules;
    }

    /// <summary>
    /// Ends a scenario's <c>expect</c>: a key of a validation experiment is refused with what it belongs to, any other
    /// unknown key as usual.
    /// </summary>
    public static void DoneForScenario(MappingReader expect)
    {
        // The experiment keys are asked only to be refused with a better message than "unknown key".
        expect.Declare(Shape.Name, [.. Shape.KeyNames, .. ExperimentKeys]);
        foreach (string key in ExperimentKeys)
        {
            if (expect.Optional(key) is not null)
                throw expect.FailAt(key, $"'{key}' in {expect.Where} belongs to a validation experiment (validation/*.yaml, which has role, why, source and figures); a scenario's expect holds only '{FindingsKey}'");
        }
        expect.Done();
    }

    /// <summary>
    /// Whether <paramref name="document"/> is a validation experiment by its <c>expect</c>: a mapping that holds a key only
    /// experiments have (a scenario's expect holds findings only).
    /// </summary>
    public static bool IsExperimentExpect(NodeReader document)
    {
        if (!document.IsMapping || document.AsMapping().Optional(Key) is not { IsMapping: true } expect) return false;
        var reader = expect.AsMapping();
        return ExperimentKeys.Any(key => reader.Optional(key) is not null);
    }
}
