using System.Text.RegularExpressions;

namespace Sim.Devices.Tests.Golden;

/// <summary>
/// What a Linux UAPI header under /usr/include/linux defines, read from its text: every <c>#define</c> and enum
/// constant whose name starts with a prefix (include guards aside), and every struct with its fields. The device golden
/// tests check that their C program prints each of them, so a struct, field or constant the program leaves out (or one
/// a newer linux-libc-dev adds) fails the test instead of going unchecked.
/// </summary>
internal sealed partial class UapiHeaderNames
{
    private UapiHeaderNames(IReadOnlyList<string> constants, IReadOnlyList<(string Name, IReadOnlyList<string> Fields)> structs)
    {
        Constants = constants;
        Structs = structs;
    }

    /// <summary>The <c>#define</c> and enum constants with the prefix, in header order.</summary>
    public IReadOnlyList<string> Constants { get; }

    /// <summary>The structs, each with its fields (a nested struct member counts as one field), in header order.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<string> Fields)> Structs { get; }

    /// <summary>Reads /usr/include/linux/<paramref name="header"/>; fails the test when the header is not installed.</summary>
    public static UapiHeaderNames Read(string header, string prefix)
    {
        string path = Path.Combine("/usr/include/linux", header);
        if (!File.Exists(path)) throw new Xunit.Sdk.XunitException($"{path} is missing: install linux-libc-dev");
        string text = Comment().Replace(File.ReadAllText(path), " ");
        var constants = Define().Matches(text).Select(m => m.Groups[1].Value)
            .Concat(EnumBody().Matches(text).SelectMany(m => m.Groups[1].Value.Split(',')).Select(member => Identifier().Match(member).Value))
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && !n.EndsWith("_H", StringComparison.Ordinal))
            .Distinct().ToList();
        var structs = StructBody().Matches(text).Select(m => (m.Groups[1].Value, (IReadOnlyList<string>)m.Groups[2].Value.Split(';')
            .Select(d => d.Trim()).Where(d => d.Length > 0).Select(d => FieldName().Match(d).Groups[1].Value).ToList())).ToList();
        return new UapiHeaderNames(constants, structs);
    }

    /// <summary>
    /// The header's names <paramref name="keys"/> does not print: a constant needs a <c>family.NAME</c> key, a struct a
    /// <c>layout.sizeof.STRUCT</c> key and each field a <c>layout.offsetof.STRUCT.FIELD</c> key.
    /// </summary>
    public IReadOnlyList<string> NotPrintedBy(IEnumerable<string> keys)
    {
        var printed = keys.ToHashSet(StringComparer.Ordinal);
        var constantNames = printed.Select(k => k[(k.IndexOf('.') + 1)..]).ToHashSet(StringComparer.Ordinal);
        var missing = Constants.Where(c => !constantNames.Contains(c)).ToList();
        foreach (var (name, fields) in Structs)
        {
            if (!printed.Contains($"layout.sizeof.{name}")) missing.Add($"sizeof(struct {name})");
            missing.AddRange(fields.Where(f => !printed.Contains($"layout.offsetof.{name}.{f}")).Select(f => $"{name}.{f}"));
        }
        return missing;
    }

    [GeneratedRegex(@"/\*.*?\*/|//[^\n]*", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"^\s*#\s*define\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex Define();

    [GeneratedRegex(@"\benum\b[^{;]*\{([^}]*)\}")]
    private static partial Regex EnumBody();

    [GeneratedRegex(@"\bstruct\s+(\w+)\s*\{([^}]*)\}")]
    private static partial Regex StructBody();

    [GeneratedRegex(@"\w+")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"(\w+)\s*(\[[^\]]*\])?$")]
    private static partial Regex FieldName();
}
