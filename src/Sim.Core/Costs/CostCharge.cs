using Sim.Core.Time;

namespace Sim.Core.Costs;

/// <summary>One charge: <paramref name="Count"/> operations of <paramref name="Key"/> that took <paramref name="Time"/> together. Plain data.</summary>
/// <param name="Key">What was charged.</param>
/// <param name="Count">How many operations (or bytes, for a bandwidth).</param>
/// <param name="Time">The time they took together.</param>
public readonly record struct CostCharge(CostKey Key, long Count, SimTime Time);

/// <summary>A resolved time per operation (a profile entry): charges of it are <see cref="Times"/>. Plain data.</summary>
/// <param name="Key">The entry.</param>
/// <param name="PerOperation">Its time per operation.</param>
public readonly record struct CostItem(CostKey Key, SimTime PerOperation)
{
    /// <summary>An item named <paramref name="name"/> costing <paramref name="perOperation"/>.</summary>
    public static CostItem Of(string name, SimTime perOperation) => new(CostKey.Of(name), perOperation);

    /// <summary><paramref name="count"/> operations of this item.</summary>
    public CostCharge Times(long count) => new(Key, count, PerOperation * count);

    /// <summary>One operation of this item.</summary>
    public CostCharge Once => new(Key, 1, PerOperation);
}

/// <summary>A resolved bandwidth (a profile entry in bytes per second): charges of it are <see cref="ForBytes"/>. Plain data.</summary>
/// <param name="Key">The entry.</param>
/// <param name="BytesPerSecond">Its bandwidth.</param>
public readonly record struct CostRate(CostKey Key, long BytesPerSecond)
{
    /// <summary>A rate named <paramref name="name"/> of <paramref name="bytesPerSecond"/>.</summary>
    public static CostRate Of(string name, double bytesPerSecond) => new(CostKey.Of(name), (long)Math.Round(bytesPerSecond));

    /// <summary>Moving <paramref name="bytes"/> at this rate (the count is the bytes; the time rounds up to a picosecond).</summary>
    public CostCharge ForBytes(long bytes) => bytes <= 0 ? new(Key, 0, SimTime.Zero) : new(Key, bytes, SimTime.ForBytesAtRate(bytes, BytesPerSecond));
}

/// <summary>
/// Where charges go: a resource's <see cref="CostLedger"/>. A passive object working for an actor (a platform, a
/// sharing mechanism) is given the sink of the actor that pays, when the world is built.
/// </summary>
public interface ICostSink
{
    /// <summary>Time a resource is busy for (a CPU's work): it adds to the resource's busy time.</summary>
    void Busy(in CostCharge charge);

    /// <summary>Time something waits without occupying the resource (a notification in flight, a device's latency).</summary>
    void Delay(in CostCharge charge);
}

/// <summary>A sink that keeps nothing: what a collaborator charges before it is wired shows up as unattributed time.</summary>
public sealed class NoCostSink : ICostSink
{
    /// <summary>The one instance.</summary>
    public static readonly NoCostSink Instance = new();

    private NoCostSink()
    {
    }

    /// <inheritdoc />
    public void Busy(in CostCharge charge)
    {
    }

    /// <inheritdoc />
    public void Delay(in CostCharge charge)
    {
    }
}
