using Sim.Scenarios.Claims;

namespace Sim.Studies.Claims;

/// <summary>
/// Finds the metric values a claim's reference names among a run's flattened keys (<c>path.value</c>, as
/// <see cref="RunRecord"/> keeps them): see <see cref="MetricReference"/> for the two forms. A reference that finds no
/// key, or whose world selector is ambiguous, is a <see cref="ClaimReferenceException"/> naming what exists.
/// </summary>
public static class ClaimReferences
{
    /// <summary>The keys of <paramref name="keys"/> (ordinal order) that <paramref name="reference"/> names.</summary>
    public static IReadOnlyList<string> Resolve(MetricReference reference, IReadOnlyCollection<string> keys)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Quoted)
        {
            var selection = new MetricSelection([reference.Name]);
            var matched = selection.Select(keys);
            if (matched.Count == 0) throw new ClaimReferenceException($"{reference} matches no metric value (sim metrics FILE lists the paths; a value is PATH.mean, PATH.count, ...)");
            return matched;
        }
        string suffix = "/" + reference.Name;
        var named = keys.Where(k => k.EndsWith(suffix, StringComparison.Ordinal) || k == reference.Name).ToList();
        if (named.Count == 0) throw new ClaimReferenceException($"no metric value is named {reference.Name} (a path's tail and a value, e.g. driver/latency.mean; sim metrics FILE lists the paths)");
        if (reference.World is null) return named;
        var worlds = named.Select(World).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        string world = reference.World;
        if (!worlds.Contains(world))
        {
            var endings = worlds.Where(w => w.EndsWith("-" + world, StringComparison.Ordinal)).ToList();
            if (endings.Count == 0) throw new ClaimReferenceException($"{reference}: no guest or variant named '{world}' has {reference.Name}; those that do: {string.Join(", ", worlds)}");
            if (endings.Count > 1) throw new ClaimReferenceException($"{reference}: '{world}' could be any of {string.Join(", ", endings)}; name one of them");
            world = endings[0];
        }
        return named.Where(k => World(k) == world).ToList();
    }

    /// <summary>The sum of the values <paramref name="reference"/> names in <paramref name="values"/>.</summary>
    public static double Value(MetricReference reference, IReadOnlyDictionary<string, double> values)
    {
        double sum = 0;
        foreach (string key in Resolve(reference, (IReadOnlyCollection<string>)values.Keys)) sum += values[key];
        return sum;
    }

    /// <summary>
    /// Checks every reference of <paramref name="claim"/> against the metric paths a scenario produces
    /// (<paramref name="paths"/>, without values, as <c>sim metrics</c> lists them): the path part must exist and the
    /// world be found; the value name is only known once a run has it.
    /// </summary>
    public static void Check(Claim claim, IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(claim);
        foreach (var reference in claim.References)
        {
            // The value is after a '.' past the path's last '/': the last one (latency.mean), or an earlier one for a
            // value with dots of its own (a ledger's costs.backend.popChain.busy).
            var dots = Enumerable.Range(0, reference.Name.Length)
                .Where(i => reference.Name[i] == '.' && i > reference.Name.LastIndexOf('/') && i < reference.Name.Length - 1).Reverse().ToList();
            if (dots.Count == 0)
                throw new ClaimReferenceException($"{reference}: expected a metric and one of its values joined by '.', e.g. latency.mean or bus/energy.total");
            ClaimReferenceException? first = null;
            foreach (int dot in dots)
            {
                string value = reference.Name[dot..];
                try
                {
                    Resolve(reference, paths.Select(p => p + value).ToList());
                    first = null;
                    break;
                }
                catch (ClaimReferenceException error)
                {
                    first ??= error;
                }
            }
            if (first is not null) throw first;
        }
    }

    private static string World(string key)
    {
        int slash = key.IndexOf('/');
        return slash < 0 ? "" : key[..slash];
    }
}

/// <summary>A claim names a metric value or a world that the scenario does not have.</summary>
/// <param name="message">What was not found and what exists.</param>
public sealed class ClaimReferenceException(string message) : Exception(message);
