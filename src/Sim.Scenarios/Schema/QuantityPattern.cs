using System.Text;
using Sim.Scenarios.Loading;

namespace Sim.Scenarios.Schema;

/// <summary>
/// The text of a quantity with a unit, as an ECMA-262 regular expression for the schema, built from the unit lists the
/// readers parse with: <see cref="UnitReader"/> (bandwidth, bit rate, packet rate, power, refresh rate),
/// <see cref="MemorySizeText.Units"/> (memory sizes) and the time units of <c>SimTimeText</c> (Sim.Core,
/// mirrored in <see cref="TimeUnits"/> and checked against <c>SimTime.TryParse</c> by a test). The pattern checks the
/// form only: number, optional spaces, unit; the reader checks the range (a size a multiple of 4 KiB, a time &gt; 0).
/// </summary>
internal sealed record QuantityPattern(string Name, string Pattern, string Example)
{
    /// <summary>The time units of <c>SimTimeText</c> (Sim.Core/Time/SimTimeText.cs), which is not visible here.</summary>
    public static readonly IReadOnlyList<string> TimeUnits = ["ps", "ns", "us", "µs", "ms", "s", "min"];

    /// <summary>A decimal number without exponent, as <c>SimTimeText</c> and integer sizes read it (no minus: no key takes a negative time).</summary>
    private const string Decimal = @"\+?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)";

    /// <summary>A floating-point number as <see cref="UnitReader"/> reads it (<c>NumberStyles.Float</c>, not negative).</summary>
    private const string Float = Decimal + "(?:[eE][+-]?[0-9]+)?";

    /// <summary>A time: <c>250ns</c>, <c>1.5us</c>, <c>10ms</c>, <c>2s</c>.</summary>
    public static QuantityPattern Time => Of("time", Decimal, TimeUnits, "20ms");

    /// <summary>A memory size in whole KiB, MiB or GiB: <c>64MiB</c>.</summary>
    public static QuantityPattern Bytes => Of("memory size", "[0-9]+", MemorySizeText.Units.Select(u => u.Suffix).ToList(), "4KiB");

    /// <summary>A bandwidth in decimal bytes per second: <c>800MB/s</c>.</summary>
    public static QuantityPattern Bandwidth => Of("bandwidth", Float, UnitReader.BandwidthSuffixes, "800MB/s");

    /// <summary>A bit rate: <c>780Mb/s</c>.</summary>
    public static QuantityPattern BitRate => Of("bit rate", Float, UnitReader.BitRateSuffixes, "780Mb/s");

    /// <summary>A packet rate or a bit rate: <c>4Mpps</c>, <c>10Gb/s</c>.</summary>
    public static QuantityPattern FrameRate => Of("packet or bit rate", Float, [.. UnitReader.PacketRateSuffixes, .. UnitReader.BitRateSuffixes], "4Mpps");

    /// <summary>A power: <c>350mW</c>, <c>1.2W</c>.</summary>
    public static QuantityPattern Power => Of("power", Float, UnitReader.PowerSuffixes, "350mW");

    /// <summary>A refresh rate in Hz: <c>60Hz</c>, <c>59.94Hz</c>.</summary>
    public static QuantityPattern Refresh => Of("refresh rate", Float, UnitReader.RefreshSuffixes, "60Hz");

    /// <summary>A cost value: a time, a cycle count (<c>1762 cycles</c>) or a bandwidth, as <see cref="CostProfileLoader"/> reads it.</summary>
    public static QuantityPattern CostValue => new("cost value (time, cycles or bandwidth)",
        $"^(?:{Body(Decimal, TimeUnits)}|{Body(Float, ["cycles"])}|{Body(Float, UnitReader.BandwidthSuffixes)})$", "5us");

    private static QuantityPattern Of(string name, string number, IReadOnlyList<string> units, string example) =>
        new(name, $"^{Body(number, units)}$", example);

    private static string Body(string number, IReadOnlyList<string> units) =>
        $"{number}\\s*(?:{string.Join("|", units.Select(Escape))})";

    /// <summary>Escapes the characters special in ECMA-262 and .NET patterns alike (units are letters, '/' and 'µ').</summary>
    private static string Escape(string unit)
    {
        var text = new StringBuilder();
        foreach (char c in unit)
        {
            if (@"\^$.|?*+()[]{}".Contains(c)) text.Append('\\');
            text.Append(c);
        }
        return text.ToString();
    }
}
