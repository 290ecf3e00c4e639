using System.Globalization;

namespace Sim.Core.Time;

/// <summary>
/// A point in, or span of, simulated time: a signed count of picoseconds (range about 106 days).
/// Picoseconds keep bandwidth arithmetic exact enough: a 64-byte burst on a 25.6 GB/s bus is 2,500 ps.
/// Text form: a number with a unit, <c>250ns</c>, <c>1.5us</c>, <c>10ms</c>, <c>2s</c> (also <c>ps</c>, <c>µs</c>, <c>min</c>).
/// </summary>
public readonly record struct SimTime : IComparable<SimTime>
{
    /// <summary>Picoseconds in one nanosecond.</summary>
    public const long PicosPerNanosecond = 1_000;
    /// <summary>Picoseconds in one microsecond.</summary>
    public const long PicosPerMicrosecond = 1_000_000;
    /// <summary>Picoseconds in one millisecond.</summary>
    public const long PicosPerMillisecond = 1_000_000_000;
    /// <summary>Picoseconds in one second.</summary>
    public const long PicosPerSecond = 1_000_000_000_000;

    /// <summary>The start of every run, and the empty span.</summary>
    public static readonly SimTime Zero = new(0);
    /// <summary>The latest representable time; "never".</summary>
    public static readonly SimTime MaxValue = new(long.MaxValue);

    /// <summary>Creates a time from a count of picoseconds.</summary>
    public SimTime(long picoseconds) => Picoseconds = picoseconds;

    /// <summary>The count of picoseconds.</summary>
    public long Picoseconds { get; }

    /// <summary>This time in seconds, as a double (for reporting, never for ordering).</summary>
    public double TotalSeconds => Picoseconds / (double)PicosPerSecond;

    /// <summary>This time in nanoseconds, as a double (for reporting).</summary>
    public double TotalNanoseconds => Picoseconds / (double)PicosPerNanosecond;

    /// <summary>A time of <paramref name="value"/> picoseconds.</summary>
    public static SimTime FromPicoseconds(long value) => new(value);
    /// <summary>A time of <paramref name="value"/> nanoseconds, rounded to the nearest picosecond.</summary>
    public static SimTime FromNanoseconds(double value) => FromScaled(value, PicosPerNanosecond);
    /// <summary>A time of <paramref name="value"/> microseconds, rounded to the nearest picosecond.</summary>
    public static SimTime FromMicroseconds(double value) => FromScaled(value, PicosPerMicrosecond);
    /// <summary>A time of <paramref name="value"/> milliseconds, rounded to the nearest picosecond.</summary>
    public static SimTime FromMilliseconds(double value) => FromScaled(value, PicosPerMillisecond);
    /// <summary>A time of <paramref name="value"/> seconds, rounded to the nearest picosecond.</summary>
    public static SimTime FromSeconds(double value) => FromScaled(value, PicosPerSecond);

    /// <summary>
    /// The time to move <paramref name="bytes"/> at <paramref name="bytesPerSecond"/>, rounded up to whole picoseconds
    /// (a transfer never finishes early). Exact integer arithmetic while bytes x 10^12 fits in 128 bits.
    /// </summary>
    public static SimTime ForBytesAtRate(long bytes, long bytesPerSecond)
    {
        if (bytes < 0) throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "byte count must not be negative");
        if (bytesPerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(bytesPerSecond), bytesPerSecond, "rate must be positive");
        Int128 numerator = (Int128)bytes * PicosPerSecond;
        Int128 quotient = Int128.DivRem(numerator, bytesPerSecond).Quotient;
        if (quotient * bytesPerSecond != numerator) quotient += 1;
        return new SimTime(checked((long)quotient));
    }

    private static SimTime FromScaled(double value, long scale)
    {
        double ps = Math.Round(value * scale, MidpointRounding.ToEven);
        if (double.IsNaN(ps) || ps > long.MaxValue || ps < long.MinValue)
            throw new OverflowException($"{value.ToString(CultureInfo.InvariantCulture)} x {scale} ps does not fit in a SimTime");
        return new SimTime((long)ps);
    }

    /// <summary>Sum of two times; throws on overflow rather than wrapping into the past.</summary>
    public static SimTime operator +(SimTime a, SimTime b) => new(checked(a.Picoseconds + b.Picoseconds));
    /// <summary>Difference of two times.</summary>
    public static SimTime operator -(SimTime a, SimTime b) => new(checked(a.Picoseconds - b.Picoseconds));
    /// <summary>A span repeated <paramref name="n"/> times.</summary>
    public static SimTime operator *(SimTime a, long n) => new(checked(a.Picoseconds * n));
    /// <summary>Earlier than.</summary>
    public static bool operator <(SimTime a, SimTime b) => a.Picoseconds < b.Picoseconds;
    /// <summary>Later than.</summary>
    public static bool operator >(SimTime a, SimTime b) => a.Picoseconds > b.Picoseconds;
    /// <summary>Not later than.</summary>
    public static bool operator <=(SimTime a, SimTime b) => a.Picoseconds <= b.Picoseconds;
    /// <summary>Not earlier than.</summary>
    public static bool operator >=(SimTime a, SimTime b) => a.Picoseconds >= b.Picoseconds;

    /// <summary>The later of two times.</summary>
    public static SimTime Max(SimTime a, SimTime b) => a.Picoseconds >= b.Picoseconds ? a : b;
    /// <summary>The earlier of two times.</summary>
    public static SimTime Min(SimTime a, SimTime b) => a.Picoseconds <= b.Picoseconds ? a : b;

    /// <inheritdoc />
    public int CompareTo(SimTime other) => Picoseconds.CompareTo(other.Picoseconds);

    /// <summary>Parses <c>250ns</c>, <c>1.5us</c>, <c>10ms</c>, <c>2s</c>; throws <see cref="FormatException"/> with the reason.</summary>
    public static SimTime Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Parses a time with a unit; on failure <paramref name="error"/> says what was expected.</summary>
    public static bool TryParse(string? text, out SimTime value, out string error) =>
        SimTimeText.TryParse(text, out value, out error);

    /// <summary>The shortest exact form in the largest unit that keeps it whole, e.g. <c>1500ns</c> → <c>1.5us</c>.</summary>
    public override string ToString() => SimTimeText.Format(this);
}
