using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Core.Costs;

/// <summary>
/// The one place a resource's time is accounted: every charge it pays, by name, with the operations counted, the busy
/// time (work that occupies the resource) and the delay time (waits it causes without being busy: a notification in
/// flight, a device's latency). A <see cref="Actors.BusyResource"/> owns one and checks after every message that the
/// busy time it spent equals the busy time charged; what no charge named is recorded as
/// <see cref="CostKey.Unattributed"/>, so a missing charge shows in the results instead of vanishing.
/// Summary values, by charge name in ordinal order: <c>NAME.count</c>, <c>NAME.busy</c> (s), <c>NAME.delay</c> (s);
/// then <c>busy</c> and <c>delay</c>, the totals (s).
/// </summary>
public sealed class CostLedger : Metric, ICostSink
{
    private long[] _count = new long[16];
    private long[] _busy = new long[16];
    private long[] _delay = new long[16];
    private bool[] _used = new bool[16];

    /// <summary>A ledger at <paramref name="path"/> (e.g. <c>vm/blk0/driver/costs</c>).</summary>
    public CostLedger(string path)
        : base(path, "s")
    {
    }

    /// <inheritdoc />
    public override string Kind => MetricKind.Ledger;

    /// <summary>Busy time charged since the last reset.</summary>
    public SimTime BusyTotal { get; private set; }

    /// <summary>Delay time charged since the last reset.</summary>
    public SimTime DelayTotal { get; private set; }

    /// <inheritdoc />
    public void Busy(in CostCharge charge)
    {
        int i = Slot(charge.Key);
        _count[i] += charge.Count;
        _busy[i] = checked(_busy[i] + charge.Time.Picoseconds);
        BusyTotal += charge.Time;
    }

    /// <inheritdoc />
    public void Delay(in CostCharge charge)
    {
        int i = Slot(charge.Key);
        _count[i] += charge.Count;
        _delay[i] = checked(_delay[i] + charge.Time.Picoseconds);
        DelayTotal += charge.Time;
    }

    /// <summary>Every charge name used since the last reset, with its count, busy and delay time, by name (ordinal).</summary>
    public IReadOnlyList<LedgerLine> Lines
    {
        get
        {
            var lines = new List<LedgerLine>();
            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i]) lines.Add(new LedgerLine(KeyName(i), _count[i], new SimTime(_busy[i]), new SimTime(_delay[i])));
            }
            lines.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return lines;
        }
    }

    /// <inheritdoc />
    public override void Reset(SimTime now)
    {
        Array.Clear(_count);
        Array.Clear(_busy);
        Array.Clear(_delay);
        Array.Clear(_used);
        BusyTotal = DelayTotal = SimTime.Zero;
    }

    /// <inheritdoc />
    public override MetricSummary Summarize(SimTime now)
    {
        var values = new List<KeyValuePair<string, double>>();
        foreach (var line in Lines)
        {
            values.Add(KeyValuePair.Create(line.Name + ".count", (double)line.Count));
            values.Add(KeyValuePair.Create(line.Name + ".busy", line.Busy.TotalSeconds));
            values.Add(KeyValuePair.Create(line.Name + ".delay", line.Delay.TotalSeconds));
        }
        values.Add(KeyValuePair.Create("busy", BusyTotal.TotalSeconds));
        values.Add(KeyValuePair.Create("delay", DelayTotal.TotalSeconds));
        return new MetricSummary(Kind, Unit, values);
    }

    private int Slot(CostKey key)
    {
        int i = key.Id;
        if (i >= _used.Length)
        {
            int size = Math.Max(i + 1, 2 * _used.Length);
            Array.Resize(ref _count, size);
            Array.Resize(ref _busy, size);
            Array.Resize(ref _delay, size);
            Array.Resize(ref _used, size);
        }
        _used[i] = true;
        return i;
    }

    private static string KeyName(int id) => CostKey.NameOf(id);
}

/// <summary>One line of a <see cref="CostLedger"/>. Plain data.</summary>
/// <param name="Name">What was charged.</param>
/// <param name="Count">Operations (or bytes) charged.</param>
/// <param name="Busy">Busy time charged.</param>
/// <param name="Delay">Delay time charged.</param>
public sealed record LedgerLine(string Name, long Count, SimTime Busy, SimTime Delay);
