using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Platform;

namespace Sim.Devices.Common;

/// <summary>
/// What every virtio device backend shares, whatever the device: the platform it reaches guest memory and the guest
/// through, its own view of its transport's registers (virtio-pci or virtio-mmio, virtio 1.2, 4.1 and 4.2:
/// <see cref="DeviceRegisterView"/>, kept from the driver's register writes as messages, since the register file is the
/// driver side's) and the guest vCPU it interrupts (given when it is built, <see cref="BackendWiring"/>), its queues, each created at its first use from the transport's configuration, the
/// used-buffer interrupt with coalescing (an interrupt still pending on the same line or MSI-X vector, not yet taken by
/// the driver, is counted as coalesced and not sent again: virtio 1.2, 4.2.3.4 for the MMIO line, 4.1.5.4 for PCI), and
/// what a broken queue rule or transport misuse becomes (a finding, and for queue rules DEVICE_NEEDS_RESET, virtio 1.2,
/// 2.1.2). A device with several queues (virtio-net's receive and transmit pairs, virtio-scmi's command and event
/// queues) gets each from <see cref="QueueFor"/> at its first use and interrupts for each with <see cref="Interrupt(IDeviceQueue)"/>.
/// The device's lifecycle gates every access to guest memory: a queue is served only while the device status has
/// DRIVER_OK (2.1.2: no buffer is consumed before it) and not DEVICE_NEEDS_RESET (the device is in an error state: it
/// serves nothing until the driver resets it, as QEMU's <c>virtio_error</c> marks the device broken), and only while the
/// queue is enabled (4.1.4.3, 4.2.2.1); a kick that arrives otherwise is ignored and counted (<c>kicksIgnored</c>). A
/// device reset (<see cref="TransportStop.Device"/>) drops every queue and, through <see cref="OnDeviceReset"/>, every
/// pending request and per-request mapping of the device model, and answers the driver <see cref="TransportStopped"/>
/// once done; a queue stop drops that queue (<see cref="OnQueueStopped"/>).
/// Queues are created again from the transport's new configuration at their next kick, so a re-initialised device serves
/// the new rings, never the old (2.4).
/// Metrics: <c>interrupts</c>, <c>interruptsCoalesced</c>, <c>interruptsRefused</c> (the transport would not send one:
/// before DRIVER_OK, or a queue without a vector), <c>kicksIgnored</c>, <c>resets</c> (device resets that found the
/// device serving).
/// </summary>
public abstract class VirtioBackend : BusyResource, IQueueViolationSink, ITransportViolationSink
{
    private readonly Counter _interrupts, _coalesced, _kicksIgnored, _resets, _interruptsRefused;
    private readonly ActorRef _driver;
    private IDeviceQueue?[] _queues = new IDeviceQueue?[1];
    private bool _ready;

    /// <summary>A backend on <paramref name="platform"/>, tied to its transport and driver by <paramref name="wiring"/>.</summary>
    protected VirtioBackend(IBackendPlatform platform, BackendWiring wiring)
    {
        Platform = platform ?? throw new ArgumentNullException(nameof(platform));
        ArgumentNullException.ThrowIfNull(wiring);
        _driver = wiring.Driver.IsNone ? throw new ArgumentException("a backend interrupts a driver", nameof(wiring)) : wiring.Driver;
        Bus = wiring.Bus;
        _interrupts = NewCounter("interrupts");
        _coalesced = NewCounter("interruptsCoalesced");
        _kicksIgnored = NewCounter("kicksIgnored");
        _resets = NewCounter("resets");
        _interruptsRefused = NewCounter("interruptsRefused");
    }

    /// <summary>The platform: the checked memory by DMA address, request bracketing, interrupts.</summary>
    protected IBackendPlatform Platform { get; }

    /// <summary>The backend's own view of its transport's registers, kept from the driver's messages (<see cref="DeviceRegisterView"/>).</summary>
    protected DeviceRegisterView Registers { get; } = new();

    /// <summary>Where the device's DMA goes on the interconnect; null when the scenario has no bus.</summary>
    protected BusPort? Bus { get; }

    /// <inheritdoc />
    /// <remarks>A device or queue stop: the VMM stops the backend while it handles the driver's register write.</remarks>
    protected sealed override bool IsImmediate(object message) =>
        message is TransportStop or DriverStatusWritten or QueueEnabledNotice or InterruptAcknowledged;

    /// <inheritdoc />
    /// <remarks>Every register write the device acts on reaches it while the VMM handles the trapped access.</remarks>
    protected sealed override void ServeImmediately(object message, ActorRef sender)
    {
        switch (message)
        {
            case TransportStop stop: Stop(stop.Queue); break;
            case DriverStatusWritten status: Registers.Apply(status); break;
            case QueueEnabledNotice queue: Registers.Apply(queue); break;
            case InterruptAcknowledged ack: Registers.Acknowledge(ack.Vector); break;
        }
    }

    /// <inheritdoc />
    protected sealed override void Serve(object message, ActorRef sender) => ServeDevice(message, sender);

    /// <summary>Handles one message of the device model (a kick, a completion of its own); lifecycle notices are the base's.</summary>
    protected abstract void ServeDevice(object message, ActorRef sender);

    /// <summary>A device reset: every queue and pending request is dropped. Called once per reset that found the device serving.</summary>
    protected virtual void OnDeviceReset() { }

    /// <summary>Queue <paramref name="queue"/> was stopped (queue reset or disable): drop what is pending on it.</summary>
    protected virtual void OnQueueStopped(int queue) { }

    private void Stop(int queue)
    {
        if (queue == TransportStop.WholeDevice)
        {
            Registers.Reset();
            if (_ready)
            {
                _resets.Increment();
                Array.Clear(_queues);
                _ready = false;
                OnDeviceReset();
            }
            Send(_driver, TransportStopped.Instance);
            return;
        }
        Registers.StopQueue(queue);
        if (queue < _queues.Length && _queues[queue] is not null)
        {
            _queues[queue] = null;
            OnQueueStopped(queue);
        }
    }

    /// <summary>Whether the device may touch its queues now: DRIVER_OK set and DEVICE_NEEDS_RESET not (2.1.2).</summary>
    protected bool IsLive => (Registers.Status & (DeviceStatus.DriverOk | DeviceStatus.DeviceNeedsReset)) == DeviceStatus.DriverOk;

    /// <summary>
    /// The device's queue <paramref name="index"/>, created over <see cref="IBackendPlatform.Memory"/> at its first use
    /// once the driver has made it ready; null when the device may not serve it now (not DRIVER_OK, DEVICE_NEEDS_RESET,
    /// or the queue not enabled: a kick that raced a reset), which is counted in <c>kicksIgnored</c>. The transport
    /// itself reports a driver that notifies a queue it never enabled.
    /// </summary>
    protected IDeviceQueue? QueueFor(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (!IsLive)
        {
            _kicksIgnored.Increment();
            return null;
        }
        if (index < _queues.Length && _queues[index] is { } existing) return existing;
        var config = Registers.GetQueueConfig(index);
        if (config is null)
        {
            _kicksIgnored.Increment();
            return null;
        }
        if (!_ready)
        {
            _ready = true;
            OnQueueReady();
        }
        if (index >= _queues.Length) Array.Resize(ref _queues, Math.Max(index + 1, 2 * _queues.Length));
        return _queues[index] = Virtqueues.CreateDevice(Platform.Memory, config, this);
    }

    /// <summary>Called once, when the first queue is created (the features are negotiated by then).</summary>
    protected virtual void OnQueueReady() { }

    /// <summary>Queue 0, once a kick has created it (null again after a reset until the next kick).</summary>
    protected IDeviceQueue? Queue => _queues.Length > 0 ? _queues[0] : null;

    /// <summary>Raises the used-buffer interrupt of <paramref name="queue"/> (one this backend created with <see cref="QueueFor"/>).</summary>
    protected void Interrupt(IDeviceQueue queue)
    {
        int index = Array.IndexOf(_queues, queue);
        if (index < 0) throw new ArgumentException($"backend '{Id}' interrupts for a queue it did not create", nameof(queue));
        Interrupt(index);
    }

    /// <summary>
    /// Raises the used-buffer interrupt of queue <paramref name="queue"/> and, unless the transport refused it or it is
    /// coalesced with one still pending, delivers it through the platform on its line or vector (with MSI-X, the
    /// queue's own vector: the driver then looks at that queue only).
    /// </summary>
    protected void Interrupt(int queue)
    {
        var raise = Registers.RaiseUsedBufferInterrupt(queue);
        if (raise.Outcome == InterruptOutcome.Refused)
        {
            _interruptsRefused.Increment();
            return;
        }
        if (raise.Outcome == InterruptOutcome.Coalesced)
        {
            _coalesced.Increment();
            return;
        }
        _interrupts.Increment();
        var notify = Platform.Interrupt(queue);
        Spend(notify.SenderTime);
        Send(_driver, UsedBufferInterrupt.For(raise.Vector), notify.Delivery);
    }

    /// <summary>A broken queue rule: a finding, and the device needs a reset (virtio 1.2, 2.1.2).</summary>
    public void Violation(QueueRule rule, string detail) => DeviceRuleBroken(QueueRules.Describe(rule), detail);

    /// <summary>
    /// A device-type rule broken by a chain the driver made (e.g. a malformed virtio-net transmit header): a finding
    /// named <paramref name="rule"/> with its spec section, and the device needs a reset (virtio 1.2, 2.1.2).
    /// </summary>
    protected void DeviceRuleBroken((string Name, string Section) rule, string detail)
    {
        ReportFinding(rule.Name, detail, rule.Section);
        Registers.SetNeedsReset();
        Send(_driver, DeviceNeedsReset.Instance);
    }

    /// <summary>Transport misuse by the driver: a finding.</summary>
    public void Violation(TransportViolation violation) => ReportFinding(violation.Rule, violation.Detail, violation.Section);
}
