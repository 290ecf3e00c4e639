using Sim.Core.Costs;
using Sim.Core.Time;
using Sim.Hypervisors.Platform;

namespace Sim.Hypervisors.Xen;

/// <summary>
/// Xen's notification path for a device whose backend runs in dom0 or a driver domain behind an IOREQ server (Xen <c>xen/include/public/hvm/ioreq.h</c>):
/// Xen has no in-hypervisor ioeventfd, so every trapped register access, the notification write included, becomes an
/// ioreq the device-model domain answers while the vCPU waits. The vCPU is busy for the whole round trip
/// (<c>xen.ioreq.roundTrip</c>: the trap, the event channel to the backend domain, the device model's wake-up and
/// handling, the event channel back); a kick reaches the backend after <c>xen.ioreq.toBackend</c>, and the backend
/// pays its wake-up and the ioreq's handling (<c>backend.wakeup</c>, <c>xen.ioreq.handle</c>). Every cost is charged
/// once. The backend raises the guest's interrupt with a dm_op hypercall (<c>xen.dmop.irq</c>: XEN_DMOP_set_irq_level
/// for virtio-mmio's line, XEN_DMOP_inject_msi for virtio-pci's MSI-X), delivered after <c>xen.irq.toGuest</c>.
/// </summary>
public sealed class XenNotification : NotificationPath
{
    private readonly CostItem _roundTrip, _toBackend, _dmop, _toGuest, _wakeup, _handle;
    private readonly string _backendDomain;

    /// <summary>Xen notifications over <paramref name="transport"/> for a backend in <paramref name="backendDomain"/> (a name for results, e.g. "dom0").</summary>
    public XenNotification(SharingContext context, string transport, string backendDomain) : base(context, transport)
    {
        _backendDomain = backendDomain;
        _roundTrip = Costs.Item("xen.ioreq.roundTrip");
        _toBackend = Costs.Item("xen.ioreq.toBackend");
        _dmop = Costs.Item("xen.dmop.irq");
        _toGuest = Costs.Item("xen.irq.toGuest");
        _wakeup = Costs.Item("backend.wakeup");
        _handle = Costs.Item("xen.ioreq.handle");
    }

    /// <inheritdoc />
    public override string Description => $"xen {Transport} ioreq + event channel, backend in {_backendDomain}";

    /// <inheritdoc />
    public override NotifyCost Kick(int queue)
    {
        Counters.Exits++;
        Counters.IoreqRoundTrips++;
        Counters.EventChannelSends++;
        SimTime delivery = Context.DelayFromDriver(_toBackend.Once);
        return new NotifyCost(SimTime.Zero, delivery, Context.ChargeDriver(_roundTrip.Once));
    }

    /// <inheritdoc />
    public override NotifyCost Interrupt(int queue)
    {
        Counters.Hypercalls++;
        Counters.InterruptsInjected++;
        return new NotifyCost(Context.ChargeBackend(_dmop.Once), Context.DelayFromBackend(_toGuest.Once));
    }

    /// <inheritdoc />
    public override SimTime RegisterAccesses(int count)
    {
        if (count <= 0) return SimTime.Zero;
        Counters.Exits += count;
        Counters.IoreqRoundTrips += count;
        Counters.EventChannelSends += count;
        return Context.ChargeDriver(_roundTrip.Times(count));
    }

    /// <inheritdoc />
    public override SimTime WakeUp(bool asleep) => (asleep ? Context.ChargeBackend(_wakeup.Once) : SimTime.Zero) + Context.ChargeBackend(_handle.Once);

    /// <inheritdoc />
    public override CostItem VmmNotify => _roundTrip;
}
