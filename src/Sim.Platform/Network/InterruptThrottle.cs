using Sim.Core.Time;

namespace Sim.Platform.Network;

/// <summary>
/// One NIC receive queue's interrupt throttle (its EITR register) under an <see cref="InterruptModeration"/>, as the
/// Linux igc driver and the i225 carry it out (<c>drivers/net/ethernet/intel/igc/igc_main.c</c>, <c>igc.h</c>):
/// <list type="bullet">
/// <item>an interrupt is raised when a frame waits and the queue's interval has passed since its last interrupt, so a
/// frame that finds the queue idle waits for the rest of that interval (<see cref="EarliestInterrupt"/>);</item>
/// <item>the interval is the ITR value in units of 0.25 µs, masked to the register's field (<c>IGC_QVECTOR_MASK</c>
/// 0x7FFC); fixed moderation writes rx-usecs × 4;</item>
/// <item>adaptive moderation starts at <c>IGC_START_ITR</c> (648, 162 µs) and, when a poll completes and re-enables the
/// interrupt, sets a new value from the frames received since the last update (<c>igc_update_ring_itr</c>, the
/// multi-queue case): the average frame (<c>skb-&gt;len</c>, no CRC) plus 24 bytes of CRC, preamble and gap, at most
/// 3000, divided by 3 between 300 and 1200 bytes and by 2 otherwise, and at least <c>IGC_20K_ITR</c> (196, 49 µs) in
/// the conservative mode of rx-usecs 3;</item>
/// <item>a new value takes effect at the next interrupt, which writes it and so restarts the interval
/// (<c>igc_write_itr</c>).</item>
/// </list>
/// Under a stream of 1514-byte frames the adaptive interval settles at 768 units, 192 µs (about 5,200 interrupts a
/// second), and a lone frame on a quiet queue gets its interrupt at once.
/// </summary>
public sealed class InterruptThrottle
{
    /// <summary>igc's <c>IGC_START_ITR</c>: the adaptive value before any poll (~6,000 interrupts a second).</summary>
    public const int StartItr = 648;

    /// <summary>igc's <c>IGC_20K_ITR</c>: the conservative mode's lowest value (20,000 interrupts a second).</summary>
    public const int ConservativeFloorItr = 196;

    /// <summary>The EITR interval field's mask (<c>IGC_QVECTOR_MASK</c>).</summary>
    public const int RegisterMask = 0x7FFC;

    /// <summary>Bytes a frame takes on the wire beyond <c>skb-&gt;len</c>: CRC, preamble and inter-frame gap, as igc counts them.</summary>
    public const int WireOverhead = 24;

    private static readonly SimTime Unit = SimTime.FromNanoseconds(250);
    private readonly InterruptModeration _moderation;
    private int _pending;
    private SimTime _interval;
    private SimTime? _last;
    private long _packets, _bytes;

    /// <summary>A throttle under <paramref name="moderation"/>, before its first interrupt.</summary>
    public InterruptThrottle(InterruptModeration moderation)
    {
        _moderation = moderation ?? throw new ArgumentNullException(nameof(moderation));
        _pending = moderation.IsAdaptive ? StartItr : 0;
        _interval = moderation.IsAdaptive ? IntervalOf(StartItr) : moderation.Interval;
    }

    /// <summary>The interval in force since the last interrupt.</summary>
    public SimTime Interval => _interval;

    /// <summary>The ITR value the next interrupt will write (adaptive moderation), in 0.25 µs units.</summary>
    public int PendingItr => _pending;

    /// <summary>The earliest time from <paramref name="now"/> at which a waiting frame raises the interrupt.</summary>
    public SimTime EarliestInterrupt(SimTime now)
    {
        if (_last is not { } last) return now;
        var allowed = last + _interval;
        return allowed > now ? allowed : now;
    }

    /// <summary>The interrupt is raised at <paramref name="now"/>: its handler writes the pending value, restarting the interval.</summary>
    public void Fire(SimTime now)
    {
        _last = now;
        if (_moderation.IsAdaptive) _interval = IntervalOf(_pending);
    }

    /// <summary>The poll took <paramref name="packets"/> frames of <paramref name="bytes"/> in all.</summary>
    public void Count(int packets, long bytes)
    {
        _packets += packets;
        _bytes += bytes;
    }

    /// <summary>The poll found the queue empty and re-enables the interrupt: adaptive moderation sets the next value.</summary>
    public void PollComplete()
    {
        if (_moderation.IsAdaptive && _packets > 0)
        {
            long average = Math.Min(_bytes / _packets + WireOverhead, 3000);
            int value = (int)(average > 300 && average < 1200 ? average / 3 : average / 2);
            _pending = Math.Max(value, ConservativeFloorItr);
        }
        _packets = 0;
        _bytes = 0;
    }

    /// <summary>The interval an ITR value of <paramref name="itr"/> units gives.</summary>
    public static SimTime IntervalOf(int itr) => Unit * (itr & RegisterMask);
}
