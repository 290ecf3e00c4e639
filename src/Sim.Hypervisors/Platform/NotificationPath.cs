using Sim.Core.Costs;
using Sim.Core.Time;

namespace Sim.Hypervisors.Platform;

/// <summary>
/// How a platform carries a device's notifications and traps over its transport: the driver's kick to the backend,
/// the backend's interrupt to the guest, other trapped register accesses, and what receiving each costs. Every cost is
/// charged here, to the ledger of whoever pays it (the driver's vCPU or the backend's thread, from the
/// <see cref="SharingContext"/>), and counted in the device's <see cref="PlatformCounters"/>; callers spend the times
/// returned. KVM (ioeventfd, irqfd, MMIO exits) and Xen (IOREQ, event channels, dm_op) implement it.
/// </summary>
public abstract class NotificationPath
{
    private readonly CostItem _interruptEntry;

    /// <summary>A path for a device whose driver uses the <paramref name="transport"/> transport (<c>pci</c> or <c>mmio</c>).</summary>
    protected NotificationPath(SharingContext context, string transport)
    {
        Context = context ?? throw new ArgumentNullException(nameof(context));
        if (transport is not ("pci" or "mmio")) throw new ArgumentException($"unknown transport '{transport}'; expected pci or mmio", nameof(transport));
        Transport = transport;
        _interruptEntry = Costs.Item("vcpu.interruptEntry");
    }

    /// <summary>The device's context: costs, counters, and the ledgers that pay.</summary>
    protected SharingContext Context { get; }

    /// <summary>The costs.</summary>
    protected PlatformCosts Costs => Context.Costs;

    /// <summary>The device's counters.</summary>
    protected PlatformCounters Counters => Context.Counters;

    /// <summary>The transport the driver uses: <c>pci</c> or <c>mmio</c>.</summary>
    public string Transport { get; }

    /// <summary>Whether the device is on virtio-pci.</summary>
    protected bool IsPci => Transport == "pci";

    /// <summary>A short description for results and logs, e.g. "kvm ioeventfd, vhost-user".</summary>
    public abstract string Description { get; }

    /// <summary>The driver kicks queue <paramref name="queue"/>.</summary>
    public abstract NotifyCost Kick(int queue);

    /// <summary>The backend interrupts the guest for queue <paramref name="queue"/>.</summary>
    public abstract NotifyCost Interrupt(int queue);

    /// <summary><paramref name="count"/> trapped register accesses by the driver; returns vCPU time.</summary>
    public abstract SimTime RegisterAccesses(int count);

    /// <summary>The driver's vCPU takes one interrupt (entry, handler dispatch, EOI): charged, returns its time.</summary>
    public SimTime TakeInterrupt() => Context.ChargeDriver(_interruptEntry.Once);

    /// <summary>The backend takes a kick, waking if it was <paramref name="asleep"/>: charged to the backend, returns its time.</summary>
    public abstract SimTime WakeUp(bool asleep);

    /// <summary>One notification of a second, VMM-emulated device (the virtio-iommu request queue): a trap to the VMM, as the mechanism charges it.</summary>
    public abstract CostItem VmmNotify { get; }
}
