using System.Text.RegularExpressions;

namespace Sim.Cli;

/// <summary>
/// System.CommandLine's parse errors in the user's words: a value that does not convert names the .NET type it wanted
/// (<c>as expected type 'System.Nullable`1[System.UInt64]'</c>); that part becomes what was expected, in words
/// (<c>; expected an unsigned 64-bit integer (0 to 18446744073709551615)</c>). Other messages pass unchanged.
/// </summary>
internal static partial class ParseErrorText
{
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["System.UInt64"] = "an unsigned 64-bit integer (0 to 18446744073709551615)",
        ["System.Int64"] = "an integer (-9223372036854775808 to 9223372036854775807)",
        ["System.Int32"] = "an integer (-2147483648 to 2147483647)",
        ["System.Double"] = "a number",
        ["System.Boolean"] = "true or false",
    };

    /// <summary>The message, with a .NET type name replaced by what it means.</summary>
    public static string Of(string message) => TypeClause().Replace(message, match =>
    {
        string type = match.Groups["type"].Value;
        if (type.StartsWith("System.Nullable`1[", StringComparison.Ordinal)) type = type["System.Nullable`1[".Length..^1];
        return Expected.TryGetValue(type, out string? words) ? $"; expected {words}" : match.Value;
    });

    [GeneratedRegex(@" as expected type '(?<type>[^']+)'\.?")]
    private static partial Regex TypeClause();
}
