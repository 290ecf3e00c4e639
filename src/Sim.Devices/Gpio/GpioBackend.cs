using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Devices.Common;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Platform;

namespace Sim.Devices.Gpio;

/// <summary>
/// The virtio-gpio device (virtio 1.2, 5.18) on its backend thread, reaching guest memory only through the platform,
/// over its <see cref="GpioChip"/> (as rust-vmm's vhost-device-gpio over the host's <c>/dev/gpiochipN</c>). A requestq
/// kick: every message answered in order (<c>gpio.backend.request</c> each; 5.18.6), errors counted. An eventq kick
/// (5.18.7): each <c>virtio_gpio_irq_request</c> buffer is held for its line (the interrupt unmasked); a buffer for a
/// line whose interrupt is not enabled goes back at once with VIRTIO_GPIO_IRQ_STATUS_INVALID (5.18.6 Set IRQ Type), and
/// so does a held one when the driver disables the interrupt. A <see cref="GpioLevelChange"/> from the line's signal
/// source: the edge is delivered in the held buffer (the driver told its time, <see cref="GpioIrqProbe"/>) with VIRTIO_GPIO_IRQ_STATUS_VALID (<c>gpio.backend.irq</c>), or
/// latched while the line is masked and delivered when the buffer comes, or, with one latched already, missed
/// (<see cref="GpioIrqLine"/>). A chain of the wrong shape, an eventq buffer for a line beyond ngpio or a second one for
/// the same line (5.18.7 driver requirements) is a finding and the device needs a reset.
/// Metrics: <c>kicks</c>, <c>requests</c>, <c>errors</c> (messages answered VIRTIO_GPIO_STATUS_ERR), <c>irqs</c>
/// (delivered VALID), <c>irqsLatched</c>, <c>irqsMissed</c>, <c>irqsInvalid</c>, and those of <see cref="VirtioBackend"/>.
/// </summary>
public sealed class GpioBackend : VirtioBackend
{
    private const int RequestQueue = 0, EventQueue = 1;
    private readonly GpioChip _chip;
    private readonly RingCosts _costs;
    private readonly GpioCosts _gpioCosts;
    private readonly DescriptorChain _chain = new();
    private readonly DescriptorChain?[] _held;
    private readonly Sim.Core.Time.SimTime[] _latchedAt;
    private readonly ActorRef _driver;
    private readonly Stack<DescriptorChain> _spare = new();
    private DescriptorChain? _nextIrqChain;
    private readonly byte[] _irqRequest = new byte[GpioLayout.IrqRequest.Size];
    private readonly Counter _kicks, _requests, _errors, _irqs, _latched, _missed, _invalid;

    /// <summary>A GPIO device on <paramref name="platform"/> over <paramref name="chip"/>, at <paramref name="costs"/> and <paramref name="gpioCosts"/>, tied by <paramref name="wiring"/>.</summary>
    public GpioBackend(IBackendPlatform platform, GpioChip chip, RingCosts costs, GpioCosts gpioCosts, BackendWiring wiring)
        : base(platform, wiring)
    {
        _chip = chip ?? throw new ArgumentNullException(nameof(chip));
        _costs = costs ?? throw new ArgumentNullException(nameof(costs));
        _gpioCosts = gpioCosts ?? throw new ArgumentNullException(nameof(gpioCosts));
        _held = new DescriptorChain?[chip.Lines];
        _latchedAt = new Sim.Core.Time.SimTime[chip.Lines];
        _driver = wiring.Driver;
        _kicks = NewCounter("kicks");
        _requests = NewCounter("requests");
        _errors = NewCounter("errors");
        _irqs = NewCounter("irqs");
        _latched = NewCounter("irqsLatched");
        _missed = NewCounter("irqsMissed");
        _invalid = NewCounter("irqsInvalid");
    }

    private bool IrqNegotiated => (Registers.NegotiatedFeatures & 1UL << GpioLayout.FeatureIrq) != 0;

    /// <inheritdoc />
    protected override void ServeDevice(object message, ActorRef sender)
    {
        switch (message)
        {
            case GpioLevelChange change: LevelChanged(change); break;
            case QueueKick kick:
                _kicks.Increment();
                Spend(Platform.WakeUp(FoundIdle));
                var queue = QueueFor(kick.Queue);
                if (queue is null || queue.IsBroken) return;
                if (kick.Queue == RequestQueue) ServeRequests(queue);
                else if (kick.Queue == EventQueue) TakeIrqBuffers(queue);
                Spend(Platform.TakeAccrued());
                break;
            default: Unhandled(message); break;
        }
    }

    /// <inheritdoc />
    protected override void OnDeviceReset()
    {
        _chip.Reset();
        ForgetHeld();
    }

    /// <inheritdoc />
    protected override void OnQueueStopped(int queue)
    {
        if (queue == EventQueue) ForgetHeld();
    }

    private void ForgetHeld()
    {
        for (int line = 0; line < _held.Length; line++)
        {
            if (_held[line] is { } chain) _spare.Push(chain);
            _held[line] = null;
            _chip.Irq(line).Disarm();
        }
    }

    /// <summary>
    /// Answers every available message with kicks suppressed, then re-enables them and looks again (2.7.10, as every
    /// backend here: with VIRTIO_F_EVENT_IDX re-enabling publishes avail_event, without which the driver stops kicking).
    /// </summary>
    private void ServeRequests(IDeviceQueue queue)
    {
        var requests = new Requests(this);
        if (queue.DrainAvailable(ref requests) != DrainOutcome.Stopped && queue.InterruptNeeded()) Interrupt(queue);
    }

    /// <summary>What a requestq drain does with each popped chain: <see cref="ServeRequest"/> it.</summary>
    private readonly struct Requests(GpioBackend backend) : IAvailableChainHandler
    {
        public DescriptorChain NextChain => backend._chain;
        public bool StopBeforeWaiting => false;
        public bool Serve(IDeviceQueue queue, DescriptorChain chain) => backend.ServeRequest(queue);
    }

    /// <summary>Answers the popped message; false when it was refused or malformed (the device needs a reset).</summary>
    private bool ServeRequest(IDeviceQueue queue)
    {
        long token = Platform.BeginRequest();
        Spend(_costs.PopChain);
        var outcome = _chip.Serve(_chain, Platform.Memory, IrqNegotiated);
        Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
        if (outcome.Shape == GpioShape.Refused)
        {
            queue.ReportRefusedBuffer(_chain);
            return false;
        }
        if (outcome.Shape == GpioShape.Malformed)
        {
            DeviceRuleBroken(("gpio-malformed-request", "virtio 1.2, 5.18.6"), outcome.Problem);
            return false;
        }
        Spend(_gpioCosts.BackendRequest);
        if (outcome.Status != GpioLayout.StatusOk) _errors.Increment();
        Spend(_costs.PushUsed);
        queue.PushUsed(_chain.Id, _chain.DescriptorCount, outcome.UsedLength);
        _requests.Increment();
        if (outcome.Invalidate >= 0) Return(outcome.Invalidate, GpioLayout.IrqStatusInvalid);
        return true;
    }

    /// <summary>Takes every available eventq buffer with kicks suppressed, then re-enables them and looks again (as <see cref="ServeRequests"/>).</summary>
    private void TakeIrqBuffers(IDeviceQueue queue)
    {
        var buffers = new IrqBuffers(this);
        queue.DrainAvailable(ref buffers);
    }

    /// <summary>What an eventq drain does with each popped chain: hold it (<see cref="TakeIrqBuffer"/>); each pop gets a chain object of its own.</summary>
    private readonly struct IrqBuffers(GpioBackend backend) : IAvailableChainHandler
    {
        public DescriptorChain NextChain => backend._nextIrqChain ??= backend._spare.TryPop(out var spare) ? spare : new DescriptorChain();
        public bool StopBeforeWaiting => false;

        public bool Serve(IDeviceQueue queue, DescriptorChain chain)
        {
            backend._nextIrqChain = null;
            return backend.TakeIrqBuffer(queue, chain);
        }
    }

    /// <summary>Holds one eventq buffer for its line (or returns it INVALID at once); false when it broke a rule (the device needs a reset).</summary>
    private bool TakeIrqBuffer(IDeviceQueue queue, DescriptorChain chain)
    {
        Spend(_costs.PopChain);
        if (chain.ReadableLength != GpioLayout.IrqRequest.Size || chain.WritableLength < GpioLayout.IrqResponse.Size)
        {
            Broken(chain, $"eventq chain {chain.Id}: {chain.ReadableLength} readable and {chain.WritableLength} writable bytes; expected a {GpioLayout.IrqRequest.Size}-byte virtio_gpio_irq_request and a {GpioLayout.IrqResponse.Size}-byte response");
            return false;
        }
        if (chain.Read(Platform.Memory, 0, _irqRequest) < 0)
        {
            queue.ReportRefusedBuffer(chain);
            _spare.Push(chain);
            return false;
        }
        int line = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(_irqRequest.AsSpan(GpioLayout.IrqRequest.Gpio));
        if (line >= _chip.Lines || _held[line] is not null)
        {
            Broken(chain, line >= _chip.Lines ? $"eventq buffer for line {line}, beyond ngpio {_chip.Lines}" : $"a second eventq buffer for line {line}");
            return false;
        }
        _held[line] = chain;
        var irq = _chip.Irq(line);
        if (irq.Type == GpioLayout.IrqTypeNone) Return(line, GpioLayout.IrqStatusInvalid);
        else
        {
            bool latched = irq.Latched;
            if (irq.Arm()) Deliver(line, latched ? _latchedAt[line] : Now);
        }
        return true;
    }

    private void Broken(DescriptorChain chain, string problem)
    {
        _spare.Push(chain);
        DeviceRuleBroken(("gpio-malformed-irq-buffer", "virtio 1.2, 5.18.7"), problem);
    }

    private void LevelChanged(GpioLevelChange change)
    {
        if (change.Line < 0 || change.Line >= _chip.Lines) throw new ArgumentOutOfRangeException(nameof(change), change.Line, "a level change of a line the chip does not have");
        switch (_chip.Irq(change.Line).Change(change.High))
        {
            case GpioEdgeOutcome.Delivered:
                Spend(Platform.WakeUp(FoundIdle));
                Deliver(change.Line, change.At);
                break;
            case GpioEdgeOutcome.Latched:
                _latched.Increment();
                _latchedAt[change.Line] = change.At;
                break;
            case GpioEdgeOutcome.Missed: _missed.Increment(); break;
        }
    }

    /// <summary>Returns line <paramref name="line"/>'s buffer VALID for the edge at <paramref name="edgeAt"/>, telling the driver's probe first (<see cref="GpioIrqProbe"/>).</summary>
    private void Deliver(int line, Sim.Core.Time.SimTime edgeAt)
    {
        Send(_driver, new GpioIrqProbe(line, edgeAt));
        Return(line, GpioLayout.IrqStatusValid);
    }

    /// <summary>Gives line <paramref name="line"/>'s held buffer back with <paramref name="status"/> and interrupts when the ring asks.</summary>
    private void Return(int line, byte status)
    {
        var chain = _held[line];
        _held[line] = null;
        _chip.Irq(line).Disarm();
        var queue = IsLive ? QueueFor(EventQueue) : null;
        if (chain is null) return;
        if (queue is null || queue.IsBroken)
        {
            _spare.Push(chain);
            return;
        }
        long token = Platform.BeginRequest();
        if (status == GpioLayout.IrqStatusValid)
        {
            Spend(_gpioCosts.BackendIrq);
            _irqs.Increment();
        }
        else _invalid.Increment();
        if (chain.Write(Platform.Memory, 0, [status]) < 0)
        {
            Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
            queue.ReportRefusedBuffer(chain);
            _spare.Push(chain);
            return;
        }
        Spend(_costs.PushUsed);
        queue.PushUsed(chain.Id, chain.DescriptorCount, GpioLayout.IrqResponse.Size);
        _spare.Push(chain);
        if (queue.InterruptNeeded()) Interrupt(queue);
        Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
    }
}
