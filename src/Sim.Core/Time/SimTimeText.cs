using System.Globalization;

namespace Sim.Core.Time;

/// <summary>
/// The text form of <see cref="SimTime"/>: a decimal number immediately followed by a unit
/// (<c>ps</c>, <c>ns</c>, <c>us</c> or <c>µs</c>, <c>ms</c>, <c>s</c>, <c>min</c>). Parsing is exact: the digits are
/// scaled as a decimal, so <c>1.5us</c> is exactly 1,500,000 ps and a value finer than a picosecond is an error.
/// </summary>
internal static class SimTimeText
{
    /// <summary>The units accepted, in the order they are tried when formatting (largest first).</summary>
    private static readonly (string Unit, long Picos)[] Units =
    [
        ("min", 60 * SimTime.PicosPerSecond),
        ("s", SimTime.PicosPerSecond),
        ("ms", SimTime.PicosPerMillisecond),
        ("us", SimTime.PicosPerMicrosecond),
        ("ns", SimTime.PicosPerNanosecond),
        ("ps", 1),
    ];

    /// <summary>The unit names for error messages.</summary>
    public const string Expected = "a number followed by a unit: ps, ns, us, ms, s or min (e.g. 250ns, 1.5us, 10ms, 2s)";

    public static bool TryParse(string? text, out SimTime value, out string error)
    {
        value = SimTime.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"empty time; expected {Expected}";
            return false;
        }
        string s = text.Trim();
        int split = s.Length;
        while (split > 0 && char.IsLetter(s[split - 1])) split--;
        string number = s[..split].TrimEnd();
        string unit = s[split..];
        if (unit.Length == 0)
        {
            error = $"'{s}' has no unit; expected {Expected}";
            return false;
        }
        if (unit == "µs") unit = "us";
        long scale = 0;
        foreach (var (name, unitPicos) in Units)
            if (name == unit) scale = unitPicos;
        if (scale == 0)
        {
            error = $"'{unit}' is not a time unit in '{s}'; expected {Expected}";
            return false;
        }
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out decimal amount))
        {
            error = $"'{number}' is not a number in '{s}'; expected {Expected}";
            return false;
        }
        decimal picos;
        try
        {
            picos = amount * scale;
        }
        catch (OverflowException)
        {
            error = $"'{s}' is too long for a simulated time (at most about 106 days)";
            return false;
        }
        if (picos != decimal.Truncate(picos))
        {
            error = $"'{s}' is finer than one picosecond, the resolution of simulated time";
            return false;
        }
        if (picos > long.MaxValue || picos < long.MinValue)
        {
            error = $"'{s}' is too long for a simulated time (at most about 106 days)";
            return false;
        }
        value = new SimTime((long)picos);
        error = "";
        return true;
    }

    public static string Format(SimTime time)
    {
        long ps = time.Picoseconds;
        if (ps == 0) return "0s";
        foreach (var (name, picos) in Units)
        {
            if (name == "min") continue;
            if (Math.Abs(ps) >= picos || picos == 1)
            {
                decimal amount = (decimal)ps / picos;
                return amount.ToString("0.############", CultureInfo.InvariantCulture) + name;
            }
        }
        return ps.ToString(CultureInfo.InvariantCulture) + "ps";
    }
}
