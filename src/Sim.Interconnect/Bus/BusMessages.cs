using Sim.Core.Actors;
using Sim.Core.Time;

namespace Sim.Interconnect.Bus;

/// <summary>Asks the <see cref="BusActor"/> to move <paramref name="Bytes"/> (a device's DMA); <see cref="BusTransferDone"/> goes to <paramref name="ReplyTo"/> when the last byte is delivered.</summary>
/// <param name="Id">The transfer's id, unique among the transfers on the bus at the same time.</param>
/// <param name="Bytes">Bytes to move; 0 completes at once.</param>
/// <param name="Owner">Who the bytes are moved for (a VM), for per-owner accounting.</param>
/// <param name="ReplyTo">Who is told when it is done.</param>
/// <param name="RateCap">The fastest the transfer can go on its own (e.g. the device's link), B/s; null for no limit.</param>
public sealed record BusTransfer(long Id, long Bytes, string Owner, ActorRef ReplyTo, double? RateCap = null);

/// <summary>Transfer <paramref name="Id"/> of <paramref name="Bytes"/>, started at <paramref name="StartedAt"/>, is delivered (the message arrives at its completion time).</summary>
/// <param name="Id">The transfer's id.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="StartedAt">When the bus received it.</param>
public sealed record BusTransferDone(long Id, long Bytes, SimTime StartedAt);

/// <summary>Reserves <paramref name="BytesPerSecond"/> of the bus for <paramref name="Owner"/>'s transfers (0 lifts it; see <see cref="FluidBus.Reserve"/>).</summary>
/// <param name="Owner">The VM whose transfers are served first, up to the rate.</param>
/// <param name="BytesPerSecond">The reserved rate, B/s.</param>
public sealed record BusReserve(string Owner, double BytesPerSecond);

/// <summary>Asks the <see cref="BusActor"/> for performance level <paramref name="Level"/> (see <see cref="BusLevelController"/> for what happens during the transition).</summary>
/// <param name="Level">An index into the bus's <see cref="OppTable"/>.</param>
public sealed record BusSetLevel(int Level);
