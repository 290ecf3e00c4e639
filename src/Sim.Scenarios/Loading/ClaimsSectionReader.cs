using Sim.Scenarios.Claims;
using Sim.Scenarios.Model;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads the top-level <c>claims:</c> section (issue 19): the scenario's conclusions as named assertions, checked by
/// every run and study of it (<c>ClaimEvaluator</c> in Sim.Studies):
/// <code>
/// claims:
///   persistent beats map from 4 vCPUs: latency.mean[persistent] &lt; latency.mean[map] where backendVcpus &gt;= 4
///   icc meets every deadline: deadlineMisses.count[icc] == 0
/// </code>
/// A syntax error is located at the character where it is (plain or quoted one-line text), a <c>where</c> on a
/// parameter the study does not sweep at the assertion.
/// </summary>
internal static class ClaimsSectionReader
{
    /// <summary>The section's top-level key.</summary>
    public const string Key = "claims";

    /// <summary>The section's shape: a mapping of claim names to assertions.</summary>
    public static ValueShape Shape => new MapShape(new TextShape());

    /// <summary>The claims of <paramref name="section"/>, in file order, their <c>where</c> parameters checked against <paramref name="study"/>.</summary>
    public static IReadOnlyList<Claim> Read(MappingReader section, StudyDeclaration? study)
    {
        var claims = new List<Claim>();
        foreach (var (name, _, value) in section.FreeEntries())
        {
            if (!value.IsScalar) throw value.Unexpected($"claim '{name}': an assertion such as latency.mean[a] < latency.mean[b]");
            string text = value.AsString();
            Claim claim;
            try
            {
                claim = ClaimParser.Parse(name, text, value.Line, value.Column);
            }
            catch (ClaimSyntaxException error)
            {
                var (line, column) = Locate(value, error.Offset);
                throw new ScenarioException(value.File, line, column, $"claim '{name}': {error.Message}");
            }
            var parameters = study?.Parameters.Select(p => p.Name).ToList() ?? [];
            foreach (var condition in claim.Where)
            {
                if (!parameters.Contains(condition.Parameter))
                {
                    throw value.Fail($"claim '{name}': 'where {condition.Parameter}' names no swept parameter; " +
                        (parameters.Count == 0 ? "this scenario sweeps none" : $"expected one of: {string.Join(", ", parameters)}"));
                }
            }
            claims.Add(claim);
        }
        return claims;
    }

    /// <summary>Where the character at <paramref name="offset"/> of a one-line scalar is in the file; the scalar's start otherwise.</summary>
    private static (int Line, int Column) Locate(NodeReader value, int offset)
    {
        if (value.Node is not YamlScalarNode scalar || (scalar.Value ?? "").Contains('\n')) return (value.Line, value.Column);
        int quote = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0;
        bool plainOrSimplyQuoted = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any || !(scalar.Value ?? "").Contains('\'');
        return plainOrSimplyQuoted ? (value.Line, value.Column + quote + offset) : (value.Line, value.Column);
    }
}
