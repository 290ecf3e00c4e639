using Sim.Hypervisors.Costs;
using Sim.Scenarios.Loading;

namespace Sim.Scenarios.Profiles;

/// <summary>
/// What the front end asks of the cost profiles (<c>sim costs</c>, <c>sim fidelity</c>), answered as plain data: the
/// built-in names, a profile by name or file as a <see cref="CostProfileView"/>, and every built-in entry fitted to a
/// calibration experiment.
/// </summary>
public static class CostProfileQuery
{
    /// <summary>The built-in profiles' names.</summary>
    public static IReadOnlyList<string> BuiltInNames => CostProfileLoader.BuiltInNames;

    /// <summary>
    /// The built-in profile <paramref name="reference"/> or, failing that, the profile file at that path; null with a
    /// one-line <paramref name="error"/> (without the <c>error: </c> prefix) when it is neither, or cannot be read.
    /// </summary>
    public static CostProfileView? TryLoad(string reference, out string? error)
    {
        ArgumentNullException.ThrowIfNull(reference);
        error = null;
        if (CostProfileLoader.LoadBuiltIn(reference) is { } builtIn) return CostProfileView.Of(builtIn);
        string expected = $"expected a built-in profile ({string.Join(", ", CostProfileLoader.BuiltInNames)}) or a profile file";
        if (Directory.Exists(reference))
        {
            error = $"{reference}: is a directory; {expected}";
            return null;
        }
        if (!File.Exists(reference))
        {
            bool pathLike = reference.IndexOfAny(['/', '\\']) >= 0 || Path.HasExtension(reference);
            error = pathLike ? $"{reference}: no such file; {expected}" : $"no cost profile '{reference}': {expected}";
            return null;
        }
        try
        {
            return CostProfileView.Of(CostProfileLoader.LoadText(File.ReadAllText(reference), reference));
        }
        catch (ScenarioException ex)
        {
            error = ex.Message;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"{reference}: cannot be read: {ex.Message}";
        }
        return null;
    }

    /// <summary>Every built-in profile entry fitted to an experiment: (profile file, entry, experiment).</summary>
    public static IEnumerable<(string Profile, string Entry, string Experiment)> BuiltInFits() =>
        CostProfileLoader.BuiltInNames.Select(CostProfileLoader.LoadBuiltIn).SelectMany(p => p!.Entries
            .Where(e => e.Provenance.Kind == ProvenanceKind.Fitted)
            .Select(e => ($"profiles/{p.Name}.yaml", e.Name, e.Provenance.FittedTo ?? "")));
}
