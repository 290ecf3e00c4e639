namespace Sim.Interconnect.Bus;

/// <summary>
/// A point of a rate class's virtual clock (the bytes one flow of the class has been served since the class started),
/// held as an unevaluated sum of two doubles ("double-double": Dekker, A floating-point technique for extending the
/// available precision, Numer. Math. 18, 1971; Knuth's TwoSum, TAOCP vol. 2, 4.2.2) so that the clock can advance by
/// millions of small steps and a flow's remaining bytes (its finishing point minus the clock) still come out to the
/// last bit of a double, as if they had been counted down one flow at a time.
/// </summary>
internal readonly struct ServicePoint : IComparable<ServicePoint>
{
    private ServicePoint(double hi, double lo)
    {
        Hi = hi;
        Lo = lo;
    }

    /// <summary>The leading part.</summary>
    public double Hi { get; }

    /// <summary>The trailing part, at most half a unit in the last place of <see cref="Hi"/>.</summary>
    public double Lo { get; }

    /// <summary>This point moved on by <paramref name="bytes"/>, exactly (up to the 106-bit precision).</summary>
    public ServicePoint Plus(double bytes)
    {
        double s = Hi + bytes;
        double bb = s - Hi;
        double e = (Hi - (s - bb)) + (bytes - bb) + Lo;
        double hi = s + e;
        return new ServicePoint(hi, e - (hi - s));
    }

    /// <summary>This point minus <paramref name="earlier"/>, rounded to a double.</summary>
    public double Minus(ServicePoint earlier)
    {
        double s = Hi - earlier.Hi;
        double bb = s - Hi;
        double e = (Hi - (s - bb)) + (-earlier.Hi - bb);
        return s + (e + (Lo - earlier.Lo));
    }

    /// <inheritdoc />
    public int CompareTo(ServicePoint other) => Hi != other.Hi ? Hi.CompareTo(other.Hi) : Lo.CompareTo(other.Lo);
}
