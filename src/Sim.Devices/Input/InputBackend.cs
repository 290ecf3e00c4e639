using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Devices.Common;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Platform;

namespace Sim.Devices.Input;

/// <summary>
/// The virtio-input device (virtio 1.2, 5.8) on its backend thread, reaching guest memory only through the platform.
/// Each <see cref="InputReport"/> from its <see cref="InputReportSource"/> needs one posted eventq buffer per event
/// (5.8.6.1); as QEMU's <c>virtio_input_send</c> does, the device delivers a report whole or not at all: with too few
/// buffers posted (the driver fell behind) the report is dropped (<c>reportsDropped</c>, <c>eventsDropped</c>) and the
/// buffers it popped wait for the next one. Otherwise it writes each event (8 bytes) into its buffer, uses them and
/// interrupts when the ring asks. A buffer shorter than one event is a finding (<c>input-event-buffer-too-small</c>)
/// and the device needs a reset. A statusq kick: each chain's device-readable events (LED state) are read and used
/// (5.8.6.2). Metrics: <c>kicks</c>, <c>reports</c>, <c>events</c>, <c>reportsDropped</c>, <c>eventsDropped</c>,
/// <c>statusEvents</c>, and those of <see cref="VirtioBackend"/>.
/// </summary>
public sealed class InputBackend : VirtioBackend
{
    private readonly RingCosts _costs;
    private readonly InputCosts _inputCosts;
    private readonly List<DescriptorChain> _held = [];
    private readonly Stack<DescriptorChain> _spare = new();
    private readonly DescriptorChain _status = new();
    private readonly byte[] _event = new byte[InputLayout.Event.Size];
    private readonly Counter _kicks, _reports, _events, _reportsDropped, _eventsDropped, _statusEvents;

    /// <summary>An input device on <paramref name="platform"/> at <paramref name="costs"/> and <paramref name="inputCosts"/>, tied by <paramref name="wiring"/>.</summary>
    public InputBackend(IBackendPlatform platform, RingCosts costs, InputCosts inputCosts, BackendWiring wiring)
        : base(platform, wiring)
    {
        _costs = costs ?? throw new ArgumentNullException(nameof(costs));
        _inputCosts = inputCosts ?? throw new ArgumentNullException(nameof(inputCosts));
        _kicks = NewCounter("kicks");
        _reports = NewCounter("reports");
        _events = NewCounter("events");
        _reportsDropped = NewCounter("reportsDropped");
        _eventsDropped = NewCounter("eventsDropped");
        _statusEvents = NewCounter("statusEvents");
    }

    /// <inheritdoc />
    protected override void ServeDevice(object message, ActorRef sender)
    {
        switch (message)
        {
            case InputReport report: Deliver(report.Events); break;
            case QueueKick kick:
                _kicks.Increment();
                Spend(Platform.WakeUp(FoundIdle));
                if (kick.Queue == InputLayout.StatusQueue) ReadStatus();
                break;
            default: Unhandled(message); return;
        }
        // Ring reads after the last charge (the interrupt decision reads the driver's event suppression) accrue on the
        // platform: they are this turn's work too.
        Spend(Platform.TakeAccrued());
    }

    /// <inheritdoc />
    protected override void OnDeviceReset() => ForgetHeld();

    /// <inheritdoc />
    protected override void OnQueueStopped(int queue)
    {
        if (queue == InputLayout.EventQueue) ForgetHeld();
    }

    private void Deliver(InputEvent[] events)
    {
        Spend(Platform.WakeUp(FoundIdle));
        Spend(_inputCosts.BackendReport);
        // Not ready yet (no DRIVER_OK, or the eventq not enabled) or needing a reset: the report has nowhere to go.
        var queue = IsLive && Registers.GetQueueConfig(InputLayout.EventQueue) is not null ? QueueFor(InputLayout.EventQueue) : null;
        if (queue is null || queue.IsBroken || !Gather(queue, events.Length))
        {
            _reportsDropped.Increment();
            _eventsDropped.Add(events.Length);
            Spend(Platform.TakeAccrued());
            return;
        }
        long token = Platform.BeginRequest();
        for (int i = 0; i < events.Length; i++)
        {
            var chain = _held[i];
            if (chain.WritableLength < InputLayout.Event.Size)
            {
                Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
                DeviceRuleBroken(("input-event-buffer-too-small", "virtio 1.2, 5.8.6.1"), $"eventq buffer {chain.Id} holds {chain.WritableLength} writable bytes, less than one {InputLayout.Event.Size}-byte virtio_input_event");
                ForgetHeld();
                return;
            }
            events[i].EncodeInto(_event);
            if (chain.Write(Platform.Memory, 0, _event) < 0)
            {
                Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
                queue.ReportRefusedBuffer(chain);
                ForgetHeld();
                return;
            }
            Spend(_costs.Copy(InputLayout.Event.Size));
            Spend(_costs.PushUsed);
            queue.PushUsed(chain.Id, chain.DescriptorCount, InputLayout.Event.Size);
        }
        for (int i = 0; i < events.Length; i++) _spare.Push(_held[i]);
        _held.RemoveRange(0, events.Length);
        Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
        _reports.Increment();
        _events.Add(events.Length);
        if (queue.InterruptNeeded()) Interrupt(queue);
    }

    /// <summary>Pops eventq buffers until <paramref name="count"/> are held; false when the driver has posted too few.</summary>
    private bool Gather(IDeviceQueue queue, int count)
    {
        while (_held.Count < count)
        {
            var chain = _spare.TryPop(out var spare) ? spare : new DescriptorChain();
            if (!queue.TryPop(chain))
            {
                _spare.Push(chain);
                return false;
            }
            Spend(_costs.PopChain);
            _held.Add(chain);
        }
        return true;
    }

    private void ReadStatus()
    {
        var queue = QueueFor(InputLayout.StatusQueue);
        if (queue is null || queue.IsBroken) return;
        var statuses = new Statuses(this);
        queue.DrainAvailable(ref statuses);
        if (queue.InterruptNeeded()) Interrupt(queue);
    }

    /// <summary>What a statusq drain does with each popped chain: <see cref="ReadStatus(IDeviceQueue)"/>.</summary>
    private readonly struct Statuses(InputBackend backend) : IAvailableChainHandler
    {
        public DescriptorChain NextChain => backend._status;
        public bool StopBeforeWaiting => false;
        public bool Serve(IDeviceQueue queue, DescriptorChain chain) => backend.ReadStatus(queue);
    }

    /// <summary>Reads one status chain's event and uses it; false if its buffers were refused (the queue is abandoned).</summary>
    private bool ReadStatus(IDeviceQueue queue)
    {
        long token = Platform.BeginRequest();
        Spend(_costs.PopChain);
        long read = _status.Read(Platform.Memory, 0, _event);
        if (read < 0)
        {
            Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
            queue.ReportRefusedBuffer(_status);
            return false;
        }
        if (read == InputLayout.Event.Size) _statusEvents.Increment();
        Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
        Spend(_costs.PushUsed);
        queue.PushUsed(_status.Id, _status.DescriptorCount, 0);
        return true;
    }

    private void ForgetHeld()
    {
        foreach (var chain in _held) _spare.Push(chain);
        _held.Clear();
    }
}
