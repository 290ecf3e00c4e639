using Sim.Core.Actors;

namespace Sim.Core.Running;

/// <summary>
/// Sees every event the kernel delivers, in delivery order, just before its target handles it: the hook a recorder
/// (a trace) attaches to <see cref="Simulation.DeliveryTap"/>. It must not send, schedule or change any actor: watching
/// a run must not change it. Cancelled timers are not delivered and so not seen.
/// </summary>
public interface IDeliveryTap
{
    /// <summary>
    /// <paramref name="message"/> is being delivered to <paramref name="target"/> at <paramref name="time"/> (ps), sent by
    /// <paramref name="sender"/> (null for set-up events scheduled by the kernel; the target itself for its timers).
    /// </summary>
    void OnDeliver(long time, Actor? sender, Actor target, object message);
}
