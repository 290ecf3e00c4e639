using Sim.Core.Time;

namespace Sim.Platform.Network;

/// <summary>
/// How a NIC receive queue's interrupts are throttled, as <c>ethtool -C DEV rx-usecs N</c> sets it on an Intel igc
/// (i225/i226) NIC: <see cref="Off"/> (rx-usecs 0: an interrupt for every frame that finds the queue idle),
/// <see cref="Fixed"/> (rx-usecs N &gt; 3: at most one interrupt per N µs), or <see cref="Adaptive"/> (rx-usecs 3, the
/// driver's default <c>IGC_DEFAULT_ITR</c>: dynamic and conservative, set after every poll from the average frame size,
/// <c>igc_update_ring_itr</c> in Linux <c>drivers/net/ethernet/intel/igc/igc_main.c</c>). <see cref="InterruptThrottle"/>
/// carries it out for one queue.
/// </summary>
/// <param name="IsAdaptive">Dynamic moderation (rx-usecs 3).</param>
/// <param name="Interval">The fixed minimum interval between interrupts (zero: none); unused when adaptive.</param>
public sealed record InterruptModeration(bool IsAdaptive, SimTime Interval)
{
    /// <summary>No throttling: a frame arriving at an idle queue raises its interrupt at once.</summary>
    public static readonly InterruptModeration Off = new(false, SimTime.Zero);

    /// <summary>igc's default, rx-usecs 3: dynamic, conservative (never above 20,000 interrupts a second).</summary>
    public static readonly InterruptModeration Adaptive = new(true, SimTime.Zero);

    /// <summary>rx-usecs <paramref name="interval"/>: at most one interrupt per interval.</summary>
    public static InterruptModeration Fixed(SimTime interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, SimTime.Zero);
        return interval == SimTime.Zero ? Off : new InterruptModeration(false, interval);
    }

    /// <summary>The words a scenario gives it in (<c>off</c>, <c>adaptive</c>, or a time such as <c>50us</c>).</summary>
    public override string ToString() => IsAdaptive ? "adaptive" : Interval == SimTime.Zero ? "off" : Interval.ToString();
}
