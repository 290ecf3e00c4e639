using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Common;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Platform;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Devices.Scmi;

/// <summary>
/// The virtio-scmi device backend (virtio 1.2, 5.17) on its backend thread, the same on every platform: a cmdq kick pops
/// chains, reads each command through the platform's checked memory and forwards it as an <see cref="ScmiCommandMessage"/>
/// of the channel's fixed agent to the SCMI platform after <c>platformLatency</c>, keeping the chain by the SCMI token
/// (Arm DEN0056, 4.1.2). The platform's <see cref="ScmiResponseMessage"/> is matched by token (responses may come in any
/// order), written into the chain's device-writable buffer and used with the written length (5.17.6.1). An
/// <see cref="ScmiNotificationMessage"/> is written into the next eventq buffer (5.17.6.2); with none posted it waits in a
/// bounded FIFO, delivered at the next eventq kick (overflow dropped and counted). A command shorter than an SCMI header
/// (or longer than <c>maxMessageBytes</c>) is malformed: a finding, and its chain is used with nothing written. A refused
/// buffer breaks the queue (<see cref="IDeviceQueue.ReportRefusedBuffer"/>).
/// Metrics: <c>kicks</c>, <c>commands</c>, <c>responses</c>, <c>notifications</c>, <c>notificationsDropped</c>,
/// <c>malformed</c>, and those of <see cref="VirtioBackend"/>.
/// </summary>
public sealed class ScmiBackend : VirtioBackend
{
    private readonly Dictionary<ushort, Queue<DescriptorChain>> _awaiting = new();
    private readonly Stack<DescriptorChain> _spare = new();
    private readonly Queue<byte[]> _pendingNotifications = new();
    private readonly DescriptorChain _eventChain = new();
    private readonly RingCosts _costs;
    private readonly int _agent;
    private readonly ActorRef _scmiPlatform;
    private readonly SimTime _platformLatency;
    private readonly int _maxPendingNotifications;
    private readonly int _maxMessageBytes;
    private readonly Counter _kicks, _commands, _responses, _notifications, _dropped, _malformed;
    private DescriptorChain? _unfilled;
    private IDeviceQueue? _eventQueue;

    /// <summary>
    /// The SCMI channel of agent <paramref name="agent"/> on <paramref name="platform"/> at <paramref name="costs"/>,
    /// forwarding commands to <paramref name="scmiPlatform"/> after <paramref name="platformLatency"/>, holding at most
    /// <paramref name="maxPendingNotifications"/> notifications and reading commands of at most
    /// <paramref name="maxMessageBytes"/>; tied to its transport and driver by <paramref name="wiring"/>.
    /// </summary>
    public ScmiBackend(IBackendPlatform platform, RingCosts costs, int agent, ActorRef scmiPlatform, SimTime platformLatency,
        BackendWiring wiring, int maxPendingNotifications = 64, int maxMessageBytes = ScmiGuestLayout.DefaultMessageBytes)
        : base(platform, wiring)
    {
        _costs = costs;
        _agent = agent;
        _scmiPlatform = scmiPlatform;
        _platformLatency = platformLatency;
        _maxPendingNotifications = maxPendingNotifications;
        _maxMessageBytes = maxMessageBytes;
        _kicks = NewCounter("kicks");
        _commands = NewCounter("commands");
        _responses = NewCounter("responses");
        _notifications = NewCounter("notifications");
        _dropped = NewCounter("notificationsDropped");
        _malformed = NewCounter("malformed");
    }

    /// <summary>The agent id this channel carries (one VM, one channel, one agent).</summary>
    public int Agent => _agent;

    /// <summary>Commands forwarded and not yet answered.</summary>
    public int Outstanding => _awaiting.Values.Sum(q => q.Count);

    /// <inheritdoc />
    protected override void OnStart()
    {
        base.OnStart();
        if (_scmiPlatform.IsNone) throw new InvalidOperationException($"backend '{Id}' has no SCMI platform to forward to");
    }

    /// <summary>
    /// A device reset: commands awaiting the platform's answer are forgotten (an answer that comes later is dropped as
    /// for an unknown token), and the event queue is looked up again at its next use. Notifications not yet delivered
    /// stay pending for the re-initialised device.
    /// </summary>
    protected override void OnDeviceReset()
    {
        foreach (var waiting in _awaiting.Values)
            foreach (var chain in waiting) _spare.Push(chain);
        _awaiting.Clear();
        _eventQueue = null;
    }

    /// <inheritdoc />
    protected override void OnQueueStopped(int queue)
    {
        if (queue == ScmiVirtioLayout.EventQueue) _eventQueue = null;
        else OnDeviceReset();
    }

    /// <inheritdoc />
    protected override void ServeDevice(object message, ActorRef sender)
    {
        switch (message)
        {
            case QueueKick kick:
                _kicks.Increment();
                Spend(Platform.WakeUp(FoundIdle));
                if (kick.Queue == ScmiVirtioLayout.EventQueue) OnEventKick();
                else if (kick.Queue == ScmiVirtioLayout.CommandQueue) ServeCommands();
                else QueueFor(kick.Queue);
                break;
            case ScmiResponseMessage response:
                OnResponse(response.Message);
                break;
            case ScmiNotificationMessage notification:
                OnNotification(notification.Message);
                break;
            default:
                Unhandled(message);
                break;
        }
        Spend(Platform.TakeAccrued());
    }

    private void ServeCommands()
    {
        var queue = QueueFor(ScmiVirtioLayout.CommandQueue);
        if (queue is null || queue.IsBroken) return;
        var commands = new Commands(this);
        queue.DrainAvailable(ref commands);
    }

    /// <summary>
    /// What the command queue's drain does with each popped chain: <see cref="Accept"/> it. Each command keeps its chain
    /// until its response, so every pop fills a spare chain (or a new one); one the pop left empty waits for the next.
    /// </summary>
    private readonly struct Commands(ScmiBackend backend) : IAvailableChainHandler
    {
        public DescriptorChain NextChain => backend._unfilled ??= backend._spare.Count > 0 ? backend._spare.Pop() : new DescriptorChain();
        public bool StopBeforeWaiting => false;

        public bool Serve(IDeviceQueue queue, DescriptorChain chain)
        {
            backend._unfilled = null;
            return backend.Accept(queue, chain);
        }
    }

    /// <summary>Reads one command and forwards it; false when a buffer was refused (the queue is then broken).</summary>
    private bool Accept(IDeviceQueue queue, DescriptorChain chain)
    {
        long request = Platform.BeginRequest();
        Spend(_costs.PopChain);
        var bytes = new byte[(int)Math.Min(chain.ReadableLength, _maxMessageBytes)];
        long read = chain.Read(Platform.Memory, 0, bytes);
        if (read < 0)
        {
            Spend(Platform.TakeAccrued() + Platform.EndRequest(request));
            queue.ReportRefusedBuffer(chain);
            return false;
        }
        Spend(_costs.Copy(read));
        Spend(Platform.TakeAccrued() + Platform.EndRequest(request));
        if (chain.ReadableLength > _maxMessageBytes || !ScmiHeader.TryRead(bytes, out var header))
        {
            _malformed.Increment();
            ReportFinding("scmi-malformed-command", $"a command of {chain.ReadableLength} B (an SCMI message is a {ScmiHeader.Size} B header and at most {_maxMessageBytes - ScmiHeader.Size} B of payload)", "virtio 1.2, 5.17.6.1");
            Spend(_costs.PushUsed);
            queue.PushUsed(chain.Id, chain.DescriptorCount, 0);
            _spare.Push(chain);
            if (queue.InterruptNeeded()) Interrupt(queue);
            return true;
        }
        _commands.Increment();
        if (!_awaiting.TryGetValue(header.Token, out var waiting)) _awaiting[header.Token] = waiting = new Queue<DescriptorChain>();
        waiting.Enqueue(chain);
        Send(_scmiPlatform, new ScmiCommandMessage(_agent, bytes, Self), _platformLatency);
        return true;
    }

    private void OnResponse(byte[] message)
    {
        if (!ScmiHeader.TryRead(message, out var header) || !_awaiting.TryGetValue(header.Token, out var waiting))
        {
            ReportFinding("scmi-response-unmatched", $"a response of {message.Length} B matches no command in flight", "Arm DEN0056, 4.1.2");
            return;
        }
        var chain = waiting.Dequeue();
        if (waiting.Count == 0) _awaiting.Remove(header.Token);
        var queue = QueueFor(ScmiVirtioLayout.CommandQueue);
        if (queue is null || queue.IsBroken) return;
        if (message.Length > chain.WritableLength)
            ReportFinding("scmi-response-truncated", $"a {message.Length} B response for token {header.Token} in a {chain.WritableLength} B buffer", "virtio 1.2, 5.17.6.1");
        if (Publish(queue, chain, message) is false) return;
        _responses.Increment();
        _spare.Push(chain);
    }

    /// <summary>Writes <paramref name="message"/> into <paramref name="chain"/> and uses it; false when a buffer was refused.</summary>
    private bool Publish(IDeviceQueue queue, DescriptorChain chain, byte[] message)
    {
        long request = Platform.BeginRequest();
        int length = (int)Math.Min(chain.WritableLength, message.Length);
        long written = chain.Write(Platform.Memory, 0, message.AsSpan(0, length));
        if (written < 0)
        {
            Spend(Platform.TakeAccrued() + Platform.EndRequest(request));
            queue.ReportRefusedBuffer(chain);
            return false;
        }
        Spend(_costs.Copy(written));
        Spend(Platform.TakeAccrued() + Platform.EndRequest(request));
        Spend(_costs.PushUsed);
        queue.PushUsed(chain.Id, chain.DescriptorCount, (uint)written);
        if (queue.InterruptNeeded()) Interrupt(queue);
        return true;
    }

    private void OnNotification(byte[] message)
    {
        if (_pendingNotifications.Count >= _maxPendingNotifications)
        {
            _dropped.Increment();
            return;
        }
        _pendingNotifications.Enqueue(message);
        DeliverPending();
    }

    private void OnEventKick()
    {
        _eventQueue ??= QueueFor(ScmiVirtioLayout.EventQueue);
        DeliverPending();
    }

    /// <summary>Delivers waiting notifications while event buffers are posted; asks for a kick when they run out.</summary>
    private void DeliverPending()
    {
        var queue = _eventQueue;
        if (queue is null) return;   // the driver has not posted event buffers yet: its first eventq kick delivers them
        while (_pendingNotifications.Count > 0 && !queue.IsBroken)
        {
            if (!queue.TryPopOrEnableNotifications(_eventChain, suppressAgain: false)) return;
            Spend(_costs.PopChain);
            var message = _pendingNotifications.Dequeue();
            if (message.Length > _eventChain.WritableLength)
                ReportFinding("scmi-notification-truncated", $"a {message.Length} B notification in a {_eventChain.WritableLength} B event buffer", "virtio 1.2, 5.17.6.2");
            if (!Publish(queue, _eventChain, message)) return;
            _notifications.Increment();
        }
    }
}
