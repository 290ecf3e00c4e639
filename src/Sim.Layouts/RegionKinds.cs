using System.Text;

namespace Sim.Layouts;

/// <summary>
/// The wire names of <see cref="RegionKind"/> (the enum name in kebab case: <see cref="RegionKind.SplitAvail"/> is
/// <c>split-avail</c>), as trace files (docs/trace-format.md) and the explain page carry them.
/// </summary>
public static class RegionKinds
{
    private static readonly string[] Names = Enum.GetValues<RegionKind>().Select(Kebab).ToArray();

    private static readonly Dictionary<string, RegionKind> ByName =
        Enum.GetValues<RegionKind>().ToDictionary(k => Names[(int)k], k => k, StringComparer.Ordinal);

    /// <summary>Every kind, in declaration order.</summary>
    public static IReadOnlyList<RegionKind> All { get; } = Enum.GetValues<RegionKind>();

    /// <summary>The wire name of <paramref name="kind"/>.</summary>
    public static string WireName(this RegionKind kind) => Names[(int)kind];

    /// <summary>The kind whose wire name is <paramref name="name"/>, or null when no kind has it (a trace from elsewhere).</summary>
    public static RegionKind? Parse(string? name) => name is not null && ByName.TryGetValue(name, out var kind) ? kind : null;

    private static string Kebab(RegionKind kind)
    {
        string name = kind.ToString();
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
