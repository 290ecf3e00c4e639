using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Devices.Virtio.Mmio;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Platform;

namespace Sim.Devices.Transport;

/// <summary>
/// What every virtio device backend shares, whatever the device: the platform it reaches guest memory and the guest
/// through, its register file and the guest vCPU it interrupts (both set by the world builder), its one queue, created
/// on the first kick from the register file's configuration, the used-buffer interrupt with coalescing (virtio 1.2, 4.2.3.4: while
/// InterruptStatus still holds an unacknowledged interrupt the line is already asserted, so a second one is counted as
/// coalesced and not sent), and what a broken queue rule or transport misuse becomes (a finding, and for queue rules
/// DEVICE_NEEDS_RESET, virtio 1.2, 2.1.2). A device with several queues (virtio-net's receive and transmit pairs,
/// virtio-scmi's command and event queues) gets each from <see cref="QueueFor"/> at its first use; the interrupt line is
/// the device's (virtio-mmio has one), so <see cref="Interrupt"/> serves every queue.
/// Metrics: <c>interrupts</c>, <c>interruptsCoalesced</c>.
/// </summary>
public abstract class VirtioBackend(IBackendPlatform platform) : BusyResource, IQueueViolationSink, ITransportViolationSink
{
    private Counter? _interrupts, _coalesced;
    private IDeviceQueue?[] _queues = new IDeviceQueue?[1];
    private bool _ready;

    /// <summary>The platform: the checked memory by DMA address, request bracketing, interrupts.</summary>
    protected IBackendPlatform Platform { get; } = platform ?? throw new ArgumentNullException(nameof(platform));

    /// <summary>The device's register file; set by the world builder (the backend raises interrupts and resets through it).</summary>
    public MmioDevice? Registers { get; set; }

    /// <summary>Where the device's DMA goes on the interconnect; null (the default) when the scenario has no bus. Set by the world builder.</summary>
    public BusPort? Bus { get; set; }

    /// <summary>The guest vCPU to interrupt; set by the world builder.</summary>
    public ActorRef Frontend { get; set; }

    /// <inheritdoc />
    protected override void OnStart()
    {
        base.OnStart();
        _interrupts = NewCounter("interrupts");
        _coalesced = NewCounter("interruptsCoalesced");
    }

    /// <summary>
    /// The device's queue <paramref name="index"/>, created over <see cref="IBackendPlatform.Memory"/> at its first use
    /// once the driver has made it ready; null (and a violation) when the driver has not.
    /// </summary>
    protected IDeviceQueue? QueueFor(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (index < _queues.Length && _queues[index] is { } existing) return existing;
        var config = Registers?.GetQueueConfig(index);
        if (config is null)
        {
            Violation(QueueRule.QueueNotReady, $"kick for queue {index}, which is not ready");
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

    /// <summary>Queue 0, once a kick has created it.</summary>
    protected IDeviceQueue? Queue => _queues[0];

    /// <summary>Raises the used-buffer interrupt and, unless it is coalesced, delivers it through the platform.</summary>
    protected void Interrupt()
    {
        if (!RaiseUsedBufferInterrupt()) return;
        var notify = Platform.Interrupt(0);
        Spend(notify.SenderTime);
        Send(Frontend, UsedBufferInterrupt.For(0), notify.Delivery);
    }

    /// <summary>
    /// Sets InterruptStatus for a used buffer; true when the caller must deliver the interrupt to <see cref="Frontend"/>,
    /// false when the register file refused it or an unacknowledged one is still pending (counted as coalesced).
    /// </summary>
    private bool RaiseUsedBufferInterrupt()
    {
        bool pending = Registers?.InterruptAsserted ?? false;
        if (Registers?.RaiseUsedBufferInterrupt() == false) return false;
        if (pending)
        {
            _coalesced!.Increment();
            return false;
        }
        _interrupts!.Increment();
        return true;
    }

    /// <summary>A broken queue rule: a finding, and the device needs a reset (virtio 1.2, 2.1.2).</summary>
    public void Violation(QueueRule rule, string detail)
    {
        var (name, section) = QueueRules.Describe(rule);
        ReportFinding(name, detail, section);
        Registers?.SetNeedsReset();
    }

    /// <summary>Transport misuse by the driver: a finding.</summary>
    public void Violation(TransportViolation violation) => ReportFinding(violation.Rule, violation.Detail, violation.Section);
}
