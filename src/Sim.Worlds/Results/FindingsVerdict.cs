namespace Sim.Worlds.Results;

/// <summary>
/// A run's (or a study's) findings against the rules its scenario declared expected (<c>expect: { findings: [...] }</c>):
/// a finding whose rule is declared is what the scenario exists to show; any other is unexpected, and makes the command
/// exit 1. A declared rule that did not occur is fine, and is said. Plain data.
/// </summary>
/// <param name="Unexpected">Rules that occurred and were not declared, with how often, by rule.</param>
/// <param name="ExpectedSeen">Declared rules that occurred, with how often, in declaration order.</param>
/// <param name="ExpectedMissing">Declared rules that did not occur, in declaration order.</param>
public sealed record FindingsVerdict(
    IReadOnlyList<KeyValuePair<string, int>> Unexpected,
    IReadOnlyList<KeyValuePair<string, int>> ExpectedSeen,
    IReadOnlyList<string> ExpectedMissing)
{
    /// <summary>Whether no finding was unexpected (the command exits 0).</summary>
    public bool Clean => Unexpected.Count == 0;

    /// <summary>The verdict on <paramref name="occurred"/> (rule, count; a rule may repeat) against <paramref name="declared"/>.</summary>
    public static FindingsVerdict Of(IReadOnlyList<string> declared, IEnumerable<KeyValuePair<string, int>> occurred)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (rule, count) in occurred)
            if (count > 0) counts[rule] = counts.GetValueOrDefault(rule) + count;
        return new FindingsVerdict(
            counts.Where(c => !declared.Contains(c.Key)).ToList(),
            declared.Where(counts.ContainsKey).Select(rule => KeyValuePair.Create(rule, counts[rule])).ToList(),
            declared.Where(rule => !counts.ContainsKey(rule)).ToList());
    }
}
