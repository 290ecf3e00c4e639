using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Devices.Virtio.Mmio;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Transport;

/// <summary>
/// What every virtio device backend shares, whatever the device: its register file and the guest vCPU it interrupts
/// (both set by the world builder), the used-buffer interrupt with coalescing (virtio 1.2, 4.2.3.4: while
/// InterruptStatus still holds an unacknowledged interrupt the line is already asserted, so a second one is counted as
/// coalesced and not sent), and what a broken queue rule or transport misuse becomes (a finding, and for queue rules
/// DEVICE_NEEDS_RESET, virtio 1.2, 2.1.2). Metrics: <c>interrupts</c>, <c>interruptsCoalesced</c>.
/// </summary>
public abstract class VirtioBackend : BusyResource, IQueueViolationSink, ITransportViolationSink
{
    private Counter? _interrupts, _coalesced;

    /// <summary>The device's register file; set by the world builder (the backend raises interrupts and resets through it).</summary>
    public MmioDevice? Registers { get; set; }

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
    /// Sets InterruptStatus for a used buffer; true when the caller must deliver the interrupt to <see cref="Frontend"/>,
    /// false when the register file refused it or an unacknowledged one is still pending (counted as coalesced).
    /// </summary>
    protected bool RaiseUsedBufferInterrupt()
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
