using Sim.Core.Costs;
using Sim.Core.Time;
using Sim.Hypervisors.Platform;

namespace Sim.Hypervisors.Kvm;

/// <summary>How a KVM guest's notification write reaches the backend (Linux Documentation/virt/kvm/api.rst, KVM_IOEVENTFD).</summary>
public enum KvmKick
{
    /// <summary>The exit returns to the VMM in user space, which emulates the write (no ioeventfd).</summary>
    Mmio,
    /// <summary>KVM_IOEVENTFD: the kernel signals an eventfd and resumes the guest at once.</summary>
    Ioeventfd,
}

/// <summary>Where a KVM device's backend runs: the VMM, vhost, vhost-user, or another VM.</summary>
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
/// KVM's notification path (Linux virt/kvm/eventfd.c: ioeventfd and irqfd). A kick is the driver's notification write: on virtio-pci a write to the notify
/// region, which QEMU registers as a zero-length wildcard ioeventfd that KVM serves on the fast-MMIO path
/// (<c>kvm.exit.fastMmio</c>); on virtio-mmio a write to QueueNotify, an ioeventfd with datamatch
/// (<c>kvm.exit.mmioIoeventfd</c>); without ioeventfd an exit to the VMM in user space (<c>kvm.exit.mmioUser</c>). The
/// eventfd then wakes the backend (<c>kvm.ioeventfd.deliver</c>, and the backend's own <c>backend.wakeup</c>).
/// Interrupts go through an irqfd: the backend writes the eventfd (<c>host.eventfd.signal</c>) and KVM injects the MSI
/// or line interrupt (<c>kvm.irqfd.inject</c>). Other register accesses (configuration, virtio-mmio's InterruptStatus
/// and InterruptACK) are exits to the VMM in user space. A backend in another VM receives the kick as an injected
/// interrupt and rings the guest back with its own notification exit.
/// </summary>
public sealed class KvmNotification : NotificationPath
{
    private readonly KvmKick _kick;
    private readonly KvmBackend _backend;
    private readonly CostItem _kickExit, _deliver, _inject, _signal, _backendExit, _mmioUser, _wakeup, _backendEntry;

    /// <summary>KVM notifications for a backend placed at <paramref name="backend"/>, kicked by <paramref name="kick"/> over <paramref name="transport"/>.</summary>
    public KvmNotification(SharingContext context, string transport, KvmKick kick, KvmBackend backend) : base(context, transport)
    {
        _kick = kick;
        _backend = backend;
        _mmioUser = Costs.Item("kvm.exit.mmioUser");
        var ioeventfdExit = Costs.Item(IsPci ? "kvm.exit.fastMmio" : "kvm.exit.mmioIoeventfd");
        _kickExit = kick == KvmKick.Mmio ? _mmioUser : ioeventfdExit;
        _deliver = Costs.Item("kvm.ioeventfd.deliver");
        _inject = Costs.Item("kvm.irqfd.inject");
        _signal = Costs.Item("host.eventfd.signal");
        _backendExit = ioeventfdExit;
        _wakeup = Costs.Item("backend.wakeup");
        _backendEntry = Costs.Item("vcpu.interruptEntry");
    }

    /// <inheritdoc />
    public override string Description => $"kvm {Transport} {(_kick == KvmKick.Mmio ? "exit to the VMM" : "ioeventfd")}, backend {_backend}";

    /// <inheritdoc />
    public override NotifyCost Kick(int queue)
    {
        Counters.Exits++;
        SimTime exit = Context.ChargeDriver(_kickExit.Once);
        SimTime delivery = _kick == KvmKick.Mmio ? SimTime.Zero : Context.DelayFromDriver(_deliver.Once);
        if (_backend == KvmBackend.OtherVm) delivery += Context.DelayFromDriver(_inject.Once);
        return new NotifyCost(exit, delivery);
    }

    /// <inheritdoc />
    public override NotifyCost Interrupt(int queue)
    {
        Counters.InterruptsInjected++;
        if (_backend != KvmBackend.OtherVm) return new NotifyCost(Context.ChargeBackend(_signal.Once), Context.DelayFromBackend(_inject.Once));
        Counters.Exits++;
        SimTime exit = Context.ChargeBackend(_backendExit.Once);
        return new NotifyCost(exit, Context.DelayFromBackend(_deliver.Once) + Context.DelayFromBackend(_inject.Once));
    }

    /// <inheritdoc />
    public override SimTime RegisterAccesses(int count)
    {
        if (count <= 0) return SimTime.Zero;
        Counters.Exits += count;
        return Context.ChargeDriver(_mmioUser.Times(count));
    }

    /// <inheritdoc />
    public override SimTime WakeUp(bool asleep) =>
        (asleep ? Context.ChargeBackend(_wakeup.Once) : SimTime.Zero) + (_backend == KvmBackend.OtherVm ? Context.ChargeBackend(_backendEntry.Once) : SimTime.Zero);

    /// <inheritdoc />
    public override CostItem VmmNotify => _mmioUser;
}
