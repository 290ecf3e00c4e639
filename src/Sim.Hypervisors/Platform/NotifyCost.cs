using Sim.Core.Time;

namespace Sim.Hypervisors.Platform;

/// <summary>
/// What one notification (a driver's kick, a device's interrupt) costs on a platform. The sender's CPU is busy for
/// <see cref="SenderTime"/>, then the notification leaves and reaches the receiver's actor <see cref="Delivery"/>
/// later; meanwhile the sender may stay busy for <see cref="SenderAfter"/> more (a vCPU blocked until the device model
/// answers its IOREQ). The platform has already charged all three to the ledgers of whoever pays.
/// </summary>
/// <param name="SenderTime">Time the sending CPU is busy before the notification leaves.</param>
/// <param name="Delivery">Delay from its leaving to the receiver's handler.</param>
/// <param name="SenderAfter">Time the sending CPU stays busy after it left (waiting for a trapped access to complete).</param>
/// <remarks>What the receiver spends taking it is the receiver's own cost (<see cref="IDriverPlatform.TakeInterrupt"/>, <see cref="IBackendPlatform.WakeUp"/>).</remarks>
public readonly record struct NotifyCost(SimTime SenderTime, SimTime Delivery, SimTime SenderAfter = default);
