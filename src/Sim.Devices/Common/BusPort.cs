using Sim.Core.Actors;
using Sim.Interconnect.Bus;

namespace Sim.Devices.Common;

/// <summary>
/// Where a device backend's DMA goes when the scenario has an interconnect (issue 5, "Device DMA (net, blk, scanout)
/// goes through it"): the <see cref="BusActor"/>, the VM its bytes are accounted to, and the fastest the device itself
/// can move data (its link or engine), B/s. A backend with a port sends every data movement as a
/// <see cref="BusTransfer"/> and finishes the request when <see cref="BusTransferDone"/> comes back; a backend without
/// one moves data at memory speed only.
/// </summary>
/// <param name="Bus">The bus actor.</param>
/// <param name="Owner">The VM the bytes are moved for (per-owner accounting on the bus).</param>
/// <param name="RateCap">The device's own rate limit, B/s; null for none.</param>
public sealed record BusPort(ActorRef Bus, string Owner, double? RateCap = null)
{
    /// <summary>The transfer of <paramref name="bytes"/> as request <paramref name="id"/>, answered to <paramref name="replyTo"/>.</summary>
    public BusTransfer Transfer(long id, long bytes, ActorRef replyTo) => new(id, bytes, Owner, replyTo, RateCap);
}
