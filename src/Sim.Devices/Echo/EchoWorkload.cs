using Sim.Core.Randomness;

namespace Sim.Devices.Echo;

/// <summary>
/// The request/response workload of the echo device: each request is a chain of one device-readable buffer of
/// <see cref="RequestBytes"/> and one device-writable buffer of <see cref="ResponseBytes"/>; the device reads the
/// request, works for a <see cref="Service"/> time, and writes the response. Closed loop with
/// <see cref="Outstanding"/> requests in flight, or open loop when <see cref="Interarrival"/> is set (then
/// <see cref="Outstanding"/> caps the requests in flight; an arrival beyond it is rejected and counted).
/// </summary>
/// <param name="RequestBytes">Bytes the driver sends per request (at least 8: the first 8 carry the request number).</param>
/// <param name="ResponseBytes">Bytes the device writes back (at least 8: the first 8 echo the request number).</param>
/// <param name="Outstanding">Requests in flight (closed loop), or the cap (open loop).</param>
/// <param name="Service">The device's work per request.</param>
/// <param name="Interarrival">Gaps between requests for an open loop; null for a closed loop.</param>
public sealed record EchoWorkload(int RequestBytes, int ResponseBytes, int Outstanding, DelayDistribution Service, DelayDistribution? Interarrival)
{
    /// <summary>Bytes at the start of each buffer that carry the request number.</summary>
    public const int TagBytes = 8;
}
