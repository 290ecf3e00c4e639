using Sim.Core.Time;
using Sim.Hypervisors.Platform;

namespace Sim.Hypervisors.Kvm;

/// <summary>How a KVM guest's queue-notify write reaches the backend (kvm.md, "Kicks").</summary>
public enum KvmKick
{
    /// <summary>The MMIO exit returns to the VMM in user space, which emulates the write (no ioeventfd).</summary>
    Mmio,
    /// <summary>KVM_IOEVENTFD: the kernel signals an eventfd and resumes the guest at once.</summary>
    Ioeventfd,
    /// <summary>Fast MMIO ioeventfd: no instruction decode (KVM commit 68c3b4d).</summary>
    FastMmio,
}

/// <summary>Where a KVM device's backend runs (kvm.md).</summary>
public enum KvmBackend
{
    /// <summary>A thread of the VMM (QEMU's own device emulation).</summary>
    Vmm,
    /// <summary>vhost: a kernel thread.</summary>
    Vhost,
    /// <summary>vhost-user: another host process, given the memory table.</summary>
    VhostUser,
    /// <summary>Another KVM guest (VM-to-VM): kicks and interrupts cross the host and enter the backend VM as interrupts.</summary>
    OtherVm,
}

/// <summary>
/// KVM's notification path (kvm.md): kicks as MMIO exits to user space or ioeventfd (<c>kvm.exit.*</c>,
/// <c>kvm.ioeventfd.deliver</c>), interrupts through irqfd (<c>kvm.irqfd.signal</c> on the backend,
/// <c>kvm.irqfd.inject</c> until the guest has it), other register accesses as user-space MMIO exits. A backend in
/// another VM receives the kick as an injected interrupt and rings the guest back through its own ioeventfd exit.
/// </summary>
public sealed class KvmNotification : NotificationPath
{
    private readonly KvmKick _kick;
    private readonly KvmBackend _backend;
    private readonly SimTime _kickExit, _kickDelivery, _irqSignal, _irqDelivery, _mmioUser, _wakeup;

    /// <summary>KVM notifications for a backend placed at <paramref name="backend"/>, kicked by <paramref name="kick"/>.</summary>
    public KvmNotification(PlatformCosts costs, PlatformCounters counters, KvmKick kick, KvmBackend backend) : base(costs, counters)
    {
        _kick = kick;
        _backend = backend;
        _mmioUser = costs.Time("kvm.exit.mmioUser");
        _kickExit = kick switch
        {
            KvmKick.Mmio => _mmioUser,
            KvmKick.Ioeventfd => costs.Time("kvm.exit.mmioIoeventfd"),
            _ => costs.Time("kvm.exit.fastMmio"),
        };
        SimTime inject = costs.Time("kvm.irqfd.inject"), deliver = costs.Time("kvm.ioeventfd.deliver");
        bool otherVm = backend == KvmBackend.OtherVm;
        _kickDelivery = (kick == KvmKick.Mmio ? SimTime.Zero : deliver) + (otherVm ? inject : SimTime.Zero);
        _irqSignal = otherVm ? costs.Time("kvm.exit.mmioIoeventfd") : costs.Time("kvm.irqfd.signal");
        _irqDelivery = inject + (otherVm ? deliver : SimTime.Zero);
        _wakeup = costs.Time("backend.wakeup") + (otherVm ? InterruptEntry : SimTime.Zero);
    }

    /// <inheritdoc />
    public override string Description => $"kvm {_kick}, backend {_backend}";

    /// <inheritdoc />
    public override NotifyCost Kick(int queue)
    {
        Counters.Exits++;
        return new NotifyCost(_kickExit, _kickDelivery);
    }

    /// <inheritdoc />
    public override NotifyCost Interrupt(int queue)
    {
        Counters.InterruptsInjected++;
        if (_backend == KvmBackend.OtherVm) Counters.Exits++;
        return new NotifyCost(_irqSignal, _irqDelivery);
    }

    /// <inheritdoc />
    public override SimTime RegisterAccesses(int count)
    {
        Counters.Exits += count;
        return _mmioUser * count;
    }

    /// <inheritdoc />
    public override SimTime Wakeup => _wakeup;

    /// <inheritdoc />
    public override SimTime VmmNotify => _mmioUser;
}
