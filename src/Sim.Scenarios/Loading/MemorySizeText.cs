using System.Globalization;

namespace Sim.Scenarios.Loading;

/// <summary>
/// A memory size as scenarios write it (guest memory, disk capacity, windows, request sizes; <c>sim bench scale
/// --ram</c>): a positive whole number of KiB, MiB or GiB (binary multiples), a multiple of 4 KiB, at most 1024 GiB.
/// </summary>
public static class MemorySizeText
{
    /// <summary>The units (binary multiples), for parsing and the schema's pattern.</summary>
    internal static readonly (string Suffix, ulong Scale)[] Units = [("GiB", 1UL << 30), ("MiB", 1UL << 20), ("KiB", 1UL << 10)];

    /// <summary>What a memory size looks like, for error messages.</summary>
    public const string Expected = "a memory size such as 64MiB or 1GiB (a multiple of 4 KiB, at most 1024GiB)";

    /// <summary>The bytes <paramref name="text"/> (trimmed) names, or null when it is not a memory size.</summary>
    public static ulong? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        foreach (var (suffix, scale) in Units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && ulong.TryParse(text[..^suffix.Length].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out ulong n)
                && n > 0 && n * scale / scale == n && n * scale % 4096 == 0 && n * scale <= 1UL << 40)
            {
                return n * scale;
            }
        }
        return null;
    }
}
