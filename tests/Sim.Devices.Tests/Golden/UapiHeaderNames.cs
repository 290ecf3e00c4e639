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
        var structs = StructOpen().Matches(text).Select(m => (m.Groups[1].Value, Fields(text, m.Index + m.Length))).ToList();
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

    /// <summary>
    /// The fields of the struct body opening at <paramref name="start"/> (just after its '{'), each named by its
    /// declarator: a struct or union declared inside (its braces skipped, itself listed as a struct of its own) is one
    /// field, named after its closing brace (<c>struct virtio_gpu_display_one { ... } pmodes[16]</c> is <c>pmodes</c>).
    /// </summary>
    private static IReadOnlyList<string> Fields(string text, int start)
    {
        var fields = new List<string>();
        var declaration = new System.Text.StringBuilder();
        for (int i = start, depth = 1; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '{') depth++;
            else if (c == '}' && --depth == 0) break;
            else if (depth == 1 && c == ';')
            {
                string field = declaration.ToString().Trim();
                if (field.Length > 0) fields.Add(FieldName().Match(field).Groups[1].Value);
                declaration.Clear();
            }
            else if (depth == 1 && c != '}') declaration.Append(c);
        }
        return fields;
    }

    [GeneratedRegex(@"\bstruct\s+(\w+)\s*\{")]
    private static partial Regex StructOpen();

    [GeneratedRegex(@"\w+")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"(\w+)\s*(\[[^\]]*\])?$")]
    private static partial Regex FieldName();
}
