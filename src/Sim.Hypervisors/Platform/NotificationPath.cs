using Sim.Core.Time;

namespace Sim.Hypervisors.Platform;

/// <summary>
/// How a platform carries a device's notifications and traps: the driver's kick to the backend, the backend's
/// interrupt to the guest, other trapped register accesses, and what receiving each costs. Counts what it does in the
/// device's <see cref="PlatformCounters"/>. KVM (ioeventfd, irqfd, MMIO exits) and Xen (IOREQ, event channels,
/// dm_op) implement it.
/// </summary>
public abstract class NotificationPath(PlatformCosts costs, PlatformCounters counters)
{
    /// <summary>The costs.</summary>
    protected PlatformCosts Costs { get; } = costs;

    /// <summary>The device's counters.</summary>
    protected PlatformCounters Counters { get; } = counters;

    /// <summary>A short description for results and logs, e.g. "kvm ioeventfd, vhost-user".</summary>
    public abstract string Description { get; }

    /// <summary>The driver kicks queue <paramref name="queue"/>.</summary>
    public abstract NotifyCost Kick(int queue);

    /// <summary>The backend interrupts the guest for queue <paramref name="queue"/>.</summary>
    public abstract NotifyCost Interrupt(int queue);

    /// <summary><paramref name="count"/> trapped register accesses by the driver; returns vCPU time.</summary>
    public abstract SimTime RegisterAccesses(int count);

    /// <summary>vCPU time of taking one interrupt.</summary>
    public SimTime InterruptEntry { get; } = costs.Time("vcpu.interruptEntry");

    /// <summary>Backend time to wake on a kick.</summary>
    public abstract SimTime Wakeup { get; }

    /// <summary>vCPU time of one notification of a second, VMM-emulated device (the virtio-iommu request queue): a trapped access to the VMM.</summary>
    public abstract SimTime VmmNotify { get; }
}
