using System.Globalization;

namespace Sim.Devices.Tests.Golden;

/// <summary>One <c>key=value</c> line printed by <c>linux_virtio_golden.c</c>.</summary>
/// <param name="Number">1-based line number in the program's output.</param>
/// <param name="Key">The key, e.g. <c>layout.offsetof.vring_desc.next</c> or <c>need_event.5.6.5</c>.</param>
/// <param name="Value">The value Linux gives.</param>
internal readonly record struct GoldenLine(int Number, string Key, ulong Value)
{
    /// <summary>The key's family: the text before its first dot (layout, flag, feature, ...).</summary>
    public string Family => Key[..Key.IndexOf('.')];

    /// <inheritdoc />
    public override string ToString() => $"line {Number}: {Key}={Value}";
}

/// <summary>
/// The golden output of <c>linux_virtio_golden.c</c>: compiled and run once per test run (about 0.2 s), parsed into
/// lines. A line that is not <c>key=value</c> fails every test that reads the output.
/// </summary>
internal static class LinuxHeaderGolden
{
    private static readonly Lazy<IReadOnlyList<GoldenLine>> LazyLines = new(Load);

    /// <summary>Every line, in output order.</summary>
    public static IReadOnlyList<GoldenLine> Lines => LazyLines.Value;

    /// <summary>The lines of one family.</summary>
    public static IReadOnlyList<GoldenLine> Family(string family) => Lines.Where(l => l.Family == family).ToList();

    /// <summary>Whether Linux printed <paramref name="key"/> (i.e. the header defines it).</summary>
    public static bool Has(string key) => Lines.Any(l => l.Key == key);

    private static IReadOnlyList<GoldenLine> Load()
    {
        using var program = GoldenCProgram.Compile("linux_virtio_golden.c");
        var run = program.Run();
        if (run.ExitCode != 0) throw new Xunit.Sdk.XunitException($"linux_virtio_golden exited with {run.ExitCode}:\n{run.Stderr}");

        var lines = new List<GoldenLine>();
        int number = 0;
        foreach (string text in run.Stdout.Split('\n'))
        {
            number++;
            if (text.Length == 0) continue;
            int equals = text.IndexOf('='), dot = text.IndexOf('.');
            if (equals <= 0 || dot <= 0 || dot > equals
                || !ulong.TryParse(text.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
                throw new Xunit.Sdk.XunitException($"linux_virtio_golden line {number} is not 'family.key=decimal': '{text}'");
            lines.Add(new GoldenLine(number, text[..equals], value));
        }
        return lines;
    }
}
