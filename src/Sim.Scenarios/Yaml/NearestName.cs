namespace Sim.Scenarios.Yaml;

/// <summary>
/// "Did you mean" for misspelt keys and names: the closest candidate by edit distance (Levenshtein with adjacent
/// transpositions, i.e. optimal string alignment, ignoring case), offered only when it is close enough to be a typo.
/// </summary>
internal static class NearestName
{
    /// <summary>
    /// The candidate nearest to <paramref name="name"/> if within typo distance of it (1 edit for candidates of up to 5
    /// characters, 2 up to 8, 3 beyond); the first such candidate on a tie; otherwise null.
    /// </summary>
    public static string? Find(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            if (candidate == name) continue;
            int distance = Distance(name, candidate);
            if (distance <= TypoDistance(candidate) && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>
    /// The end of a message about an unknown <paramref name="name"/>: <c>did you mean 'x'?</c> when a candidate is close,
    /// otherwise <c>expected one of: a, b, c</c> (or a note that there are none).
    /// </summary>
    public static string Hint(string name, IReadOnlyCollection<string> candidates)
    {
        if (Find(name, candidates) is { } nearest) return $"did you mean '{nearest}'?";
        return candidates.Count == 0 ? "there is nothing defined to refer to" : $"expected one of: {string.Join(", ", candidates)}";
    }

    /// <summary>The optimal string alignment distance between two strings, ignoring case.</summary>
    public static int Distance(string a, string b)
    {
        // d[i, j] = distance between a[..i] and b[..j].
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = Same(a[i - 1], b[j - 1]) ? 0 : 1;
                int value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && Same(a[i - 1], b[j - 2]) && Same(a[i - 2], b[j - 1]))
                    value = Math.Min(value, d[i - 2, j - 2] + 1);
                d[i, j] = value;
            }
        }
        return d[a.Length, b.Length];
    }

    private static int TypoDistance(string candidate) => Math.Clamp(candidate.Length / 3, 1, 3);

    private static bool Same(char x, char y) => char.ToLowerInvariant(x) == char.ToLowerInvariant(y);
}
