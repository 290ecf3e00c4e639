using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Hypervisors.Memory;

namespace Sim.Hypervisors.Platform;

/// <summary>
/// A device's exposure (kind <c>exposure</c>): the guest pages its backend can reach at each instant through the
/// sharing mechanism (all of RAM under a full mapping; granted pages; IOMMU-mapped pages; the window and the shared
/// rings), as a level over time, and the pages still reachable after the guest took them back (lazy IOMMU
/// invalidation: unmapped by the guest, not yet flushed) with how long each stayed so. Pages are counted once however
/// many mappings reach them. Summary values: <c>pagesMean</c>, <c>pagesPeak</c>, <c>pagesNow</c>, <c>pageSeconds</c>,
/// <c>stalePagesMean</c>, <c>stalePagesPeak</c>, <c>stalePageSeconds</c>, <c>staleIntervals</c> (pages whose stale
/// period ended), <c>staleMeanSeconds</c>, <c>staleMaxSeconds</c>, <c>staleAccesses</c> (device accesses through a
/// stale translation), <c>violations</c> (accesses the oracle refused).
/// </summary>
public sealed class ExposureMetric(string path, Func<SimTime> clock) : Metric(path, "pages")
{
    /// <summary>The kind name of exposure metrics in results.</summary>
    public const string ExposureKind = "exposure";

    private readonly PageIntervals _reachable = new();
    private readonly Dictionary<ulong, SimTime> _staleSince = new();
    private readonly Level _pages = new();
    private readonly Level _stale = new();
    private long _staleIntervals, _staleAccesses, _violations;
    private double _staleDurationSum, _staleDurationMax;

    /// <inheritdoc />
    public override string Kind => ExposureKind;

    /// <summary>Pages reachable now.</summary>
    public int PagesNow => (int)_reachable.Count;

    /// <summary>Pages reachable now only because a take-back has not reached the device yet.</summary>
    public int StalePagesNow => _staleSince.Count;

    /// <summary>Accesses the oracle refused so far.</summary>
    public long Violations => _violations;

    /// <summary>Whether guest page <paramref name="page"/> (a page number) is reachable now.</summary>
    public bool IsReachable(ulong page) => _reachable.Contains(page);

    /// <summary>Pages [<paramref name="address"/>, +<paramref name="length"/>) become reachable (once more, if already).</summary>
    public void Reach(ulong address, ulong length)
    {
        if (!BeginChange(address, length, out ulong first, out ulong last)) return;
        _reachable.Increment(first, last + 1);
        _pages.Peak(_reachable.Count);
    }

    /// <summary>One reach of each page of [<paramref name="address"/>, +<paramref name="length"/>) ends.</summary>
    public void Unreach(ulong address, ulong length)
    {
        if (!BeginChange(address, length, out ulong first, out ulong last)) return;
        _reachable.Decrement(first, last + 1);
    }

    /// <summary>The guest took back [<paramref name="address"/>, +<paramref name="length"/>) but the device can still reach it until <see cref="EndStale"/>.</summary>
    public void BeginStale(ulong address, ulong length)
    {
        SimTime now = clock();
        _stale.Advance(now, _staleSince.Count);
        ulong first = address >> GuestMemory.PageShift, last = (address + Math.Max(length, 1) - 1) >> GuestMemory.PageShift;
        for (ulong page = first; page <= last; page++) _staleSince.TryAdd(page, now);
        _stale.Peak(_staleSince.Count);
    }

    /// <summary>The take-back of [<paramref name="address"/>, +<paramref name="length"/>) reached the device: those pages are no longer stale.</summary>
    public void EndStale(ulong address, ulong length)
    {
        SimTime now = clock();
        _stale.Advance(now, _staleSince.Count);
        ulong first = address >> GuestMemory.PageShift, last = (address + Math.Max(length, 1) - 1) >> GuestMemory.PageShift;
        for (ulong page = first; page <= last; page++)
        {
            if (!_staleSince.Remove(page, out SimTime since)) continue;
            double seconds = (now - since).TotalSeconds;
            _staleIntervals++;
            _staleDurationSum += seconds;
            _staleDurationMax = Math.Max(_staleDurationMax, seconds);
        }
    }

    /// <summary>Whether page number <paramref name="page"/> is stale now.</summary>
    public bool IsStale(ulong page) => _staleSince.ContainsKey(page);

    /// <summary>Counts one device access made through a stale translation.</summary>
    public void StaleAccess() => _staleAccesses++;

    /// <summary>Counts one access the oracle refused.</summary>
    public void Violation() => _violations++;

    /// <inheritdoc />
    public override void Reset(SimTime now)
    {
        _pages.Restart(now, _reachable.Count);
        _stale.Restart(now, _staleSince.Count);
        _staleIntervals = _staleAccesses = _violations = 0;
        _staleDurationSum = _staleDurationMax = 0;
    }

    /// <inheritdoc />
    public override MetricSummary Summarize(SimTime now)
    {
        var (pagesMean, pageSeconds) = _pages.Close(now, _reachable.Count);
        var (staleMean, staleSeconds) = _stale.Close(now, _staleSince.Count);
        return new MetricSummary(Kind, Unit,
        [
            KeyValuePair.Create("pagesMean", pagesMean),
            KeyValuePair.Create("pagesPeak", (double)_pages.Max),
            KeyValuePair.Create("pagesNow", (double)_reachable.Count),
            KeyValuePair.Create("pageSeconds", pageSeconds),
            KeyValuePair.Create("stalePagesMean", staleMean),
            KeyValuePair.Create("stalePagesPeak", (double)_stale.Max),
            KeyValuePair.Create("stalePageSeconds", staleSeconds),
            KeyValuePair.Create("staleIntervals", (double)_staleIntervals),
            KeyValuePair.Create("staleMeanSeconds", _staleIntervals == 0 ? 0 : _staleDurationSum / _staleIntervals),
            KeyValuePair.Create("staleMaxSeconds", _staleDurationMax),
            KeyValuePair.Create("staleAccesses", (double)_staleAccesses),
            KeyValuePair.Create("violations", (double)_violations),
        ]);
    }

    /// <summary>Closes the reachable level's segment up to now and gives the pages [address, +length) spans; false when empty.</summary>
    private bool BeginChange(ulong address, ulong length, out ulong first, out ulong last)
    {
        first = last = 0;
        if (length == 0) return false;
        _pages.Advance(clock(), _reachable.Count);
        first = address >> GuestMemory.PageShift;
        last = (address + length - 1) >> GuestMemory.PageShift;
        return true;
    }

    /// <summary>A page count integrated over time: area in page-picoseconds since the window opened, and the peak.</summary>
    private sealed class Level
    {
        private SimTime _start, _last;
        private double _area;

        public long Max { get; private set; }

        public void Advance(SimTime now, long current)
        {
            if (now > _last) _area += (double)current * (now - _last).Picoseconds;
            if (now > _last) _last = now;
        }

        public void Peak(long current) => Max = Math.Max(Max, current);

        public void Restart(SimTime now, long current)
        {
            _start = _last = now;
            _area = 0;
            Max = current;
        }

        public (double Mean, double PageSeconds) Close(SimTime now, long current)
        {
            double area = _area + (now > _last ? (double)current * (now - _last).Picoseconds : 0);
            long window = (now - _start).Picoseconds;
            return (window <= 0 ? current : area / window, area / 1e12);
        }
    }
}
