using Sim.Core.Time;
using Sim.Hypervisors.Platform;

namespace Sim.Hypervisors.Xen;

/// <summary>
/// Xen's notification path for a virtio-mmio device whose backend runs in dom0 or a driver domain (xen.md, IOREQ
/// servers and event channels): every trapped register access, the queue notify included, becomes an ioreq that the
/// device-model domain answers while the vCPU waits (<c>xen.ioreq.roundTrip</c>); the kick reaches the backend
/// through the IOREQ server's event channel (<c>xen.evtchn.deliver</c>); the backend raises the guest's interrupt
/// with a <c>XEN_DMOP_set_irq_level</c> hypercall (<c>xen.dmop.setIrq</c>), delivered to the vCPU.
/// </summary>
public sealed class XenNotification : NotificationPath
{
    private readonly SimTime _ioreq, _deliver, _setIrq, _wakeup;
    private readonly string _backendDomain;

    /// <summary>Xen notifications for a backend in <paramref name="backendDomain"/> (a name for results, e.g. "dom0").</summary>
    public XenNotification(PlatformCosts costs, PlatformCounters counters, string backendDomain) : base(costs, counters)
    {
        _backendDomain = backendDomain;
        _ioreq = costs.Time("xen.ioreq.roundTrip");
        _deliver = costs.Time("xen.evtchn.deliver");
        _setIrq = costs.Time("xen.dmop.setIrq");
        _wakeup = costs.Time("backend.wakeup");
    }

    /// <inheritdoc />
    public override string Description => $"xen ioreq + event channel, backend in {_backendDomain}";

    /// <inheritdoc />
    public override NotifyCost Kick(int queue)
    {
        Counters.Exits++;
        Counters.IoreqRoundTrips++;
        Counters.EventChannelSends++;
        return new NotifyCost(_ioreq, _deliver);
    }

    /// <inheritdoc />
    public override NotifyCost Interrupt(int queue)
    {
        Counters.Hypercalls++;
        Counters.InterruptsInjected++;
        return new NotifyCost(_setIrq, _deliver);
    }

    /// <inheritdoc />
    public override SimTime RegisterAccesses(int count)
    {
        Counters.Exits += count;
        Counters.IoreqRoundTrips += count;
        Counters.EventChannelSends += count;
        return _ioreq * count;
    }

    /// <inheritdoc />
    public override SimTime Wakeup => _wakeup;

    /// <inheritdoc />
    public override SimTime VmmNotify => _ioreq;
}
