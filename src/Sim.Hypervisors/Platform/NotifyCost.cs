using Sim.Core.Time;

namespace Sim.Hypervisors.Platform;

/// <summary>
/// What one notification (a driver's kick, a device's interrupt) costs on a platform: <see cref="SenderTime"/> is
/// spent by the sender's CPU (a vCPU held for an exit, a backend thread making a hypercall), <see cref="Delivery"/>
/// is the delay until the receiver's actor sees the notification, counted from when the sender's work is done.
/// </summary>
/// <param name="SenderTime">Time the sending CPU is busy because of the notification.</param>
/// <param name="Delivery">Delay from the end of the sender's work to the receiver's handler.</param>
/// <remarks>What the receiver spends taking it is the receiver's own cost (<see cref="IDriverPlatform.InterruptEntry"/>, <see cref="IBackendPlatform.Wakeup"/>).</remarks>
public readonly record struct NotifyCost(SimTime SenderTime, SimTime Delivery);
