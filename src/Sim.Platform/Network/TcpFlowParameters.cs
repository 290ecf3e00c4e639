using Sim.Devices.Net;

namespace Sim.Platform.Network;

/// <summary>
/// The congestion control of a TCP-like background flow (<see cref="TcpFlowSource"/>), Reno/NewReno AIMD (RFC 5681,
/// RFC 6582): the window starts at <paramref name="InitialWindow"/> frames (RFC 6928: 10 segments) in slow start,
/// grows by <paramref name="Increase"/> frames per window's worth of ACKs in congestion avoidance (1 in RFC 5681), is
/// multiplied by <paramref name="Decrease"/> on a loss (0.5 in RFC 5681; CUBIC uses 0.7), at most once per window
/// (NewReno's recovery point), and never exceeds <paramref name="MaxWindow"/> (the receiver's window).
/// </summary>
/// <param name="InitialWindow">Frames in flight allowed at the start.</param>
/// <param name="MaxWindow">Largest window (receive window), frames.</param>
/// <param name="Increase">Additive increase per window of ACKs, frames.</param>
/// <param name="Decrease">Multiplicative decrease on loss, 0 &lt; d &lt; 1.</param>
public sealed record TcpFlowParameters(int InitialWindow, int MaxWindow, double Increase, double Decrease)
{
    /// <summary>Throws if a parameter is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialWindow, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxWindow, InitialWindow);
        if (!(Increase > 0) || !double.IsFinite(Increase)) throw new ArgumentOutOfRangeException(nameof(Increase), Increase, "must be > 0");
        if (!(Decrease > 0 && Decrease < 1)) throw new ArgumentOutOfRangeException(nameof(Decrease), Decrease, "must be in (0, 1)");
    }
}
