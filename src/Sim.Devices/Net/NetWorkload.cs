using Sim.Core.Randomness;

namespace Sim.Devices.Net;

/// <summary>
/// What a virtio-net guest driver transmits (virtio 1.2, 5.1.6.2): frames of <see cref="FrameBytes"/>, with
/// <see cref="Outstanding"/> transmit slots, closed loop or open loop (<see cref="Interarrival"/>); zero slots in use
/// (<see cref="Transmits"/> false) for a receive-only guest.
/// </summary>
/// <param name="FrameBytes">Bytes of each transmitted frame (after the header).</param>
/// <param name="Outstanding">Transmit slots (chains in flight at most).</param>
/// <param name="Interarrival">Gaps between frames (open loop); null for closed loop.</param>
/// <param name="Transmits">Whether the driver transmits at all.</param>
public sealed record NetWorkload(int FrameBytes, int Outstanding, DelayDistribution? Interarrival, bool Transmits = true)
{
    /// <summary>A receive-only driver (it posts receive buffers and sends nothing).</summary>
    public static NetWorkload ReceiveOnly { get; } = new(64, 1, null, Transmits: false);
}
