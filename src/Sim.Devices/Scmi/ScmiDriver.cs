using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Devices.Scmi;

/// <summary>
/// The virtio-scmi guest driver (virtio 1.2, 5.17), a <see cref="VirtioDriver"/> fed on demand by its VM's SCMI agent:
/// it negotiates VERSION_1 and VIRTIO_SCMI_F_P2A_CHANNELS, keeps the agent's <see cref="ScmiCommandMessage"/>s in FIFO
/// order and, while a slot is free, writes each into its slot's request buffer and posts it on the cmdq with an empty
/// response buffer (5.17.6.1), both mapped through the DMA API. A used chain's response bytes (its used length) go back
/// to the agent as an <see cref="ScmiResponseMessage"/> (a token other than the command's is a finding, Arm DEN0056, 4.1.2). Event buffers are posted on the eventq at start; each used one
/// becomes an <see cref="ScmiNotificationMessage"/> to the agent that last sent a command and is posted again (5.17.6.2).
/// Metrics: those of <see cref="VirtioDriver"/>, and <c>commands</c>, <c>responses</c>, <c>notifications</c>.
/// </summary>
public sealed class ScmiDriver : VirtioDriver
{
    private readonly Queue<ScmiCommandMessage> _waiting = new();
    private readonly ScmiGuestLayout _layout;
    private readonly ulong _ringFeatures;
    private readonly ScmiCommandMessage?[] _commands;
    private readonly DmaBuffer[] _requests;
    private readonly DmaBuffer[] _responses;
    private readonly DmaBuffer[] _events;
    private readonly Counter _commandCount, _responseCount, _notificationCount;
    private ScmiCommandMessage? _next;
    private bool _ready;

    /// <summary>
    /// An SCMI driver in <paramref name="memory"/> on <paramref name="platform"/>, with its rings and buffers at
    /// <paramref name="layout"/>, offering <paramref name="ringFeatures"/>, at <paramref name="costs"/>;
    /// <paramref name="wiring"/> ties it to its transport and backend.
    /// </summary>
    public ScmiDriver(GuestMemory memory, DriverWiring wiring, IDriverPlatform platform, ulong ringFeatures, ScmiGuestLayout layout, RingCosts costs)
        : base(memory, wiring, platform, costs, layout.Slots, RequestArrivals.OnDemand(), requestQueue: ScmiVirtioLayout.CommandQueue)
    {
        _layout = layout;
        _ringFeatures = ringFeatures;
        _commands = new ScmiCommandMessage?[layout.Slots];
        _requests = new DmaBuffer[layout.Slots];
        _responses = new DmaBuffer[layout.Slots];
        _events = new DmaBuffer[layout.EventBuffers];
        _commandCount = NewCounter("commands");
        _responseCount = NewCounter("responses");
        _notificationCount = NewCounter("notifications");
    }

    /// <summary>The agent notifications go to: the ReplyTo (or sender) of the last command; none before the first.</summary>
    private ActorRef _agent;

    /// <inheritdoc />
    protected override bool InitialiseDevice()
    {
        if (!IsDevice(ScmiVirtioLayout.DeviceId, "virtio-scmi")) return false;
        ulong p2a = ScmiVirtioLayout.Mask(ScmiVirtioLayout.FeatureP2aChannels);
        ulong wanted = VirtioFeatures.Version1 | _ringFeatures | p2a;
        ulong required = VirtioFeatures.Version1 | p2a | (_ringFeatures & VirtioFeatures.RingPacked);
        QueueSetup Setup(int index, ushort size, ScmiRingAreas rings) =>
            new((ushort)index, size, rings.DescriptorArea, rings.DriverArea, rings.DeviceArea);
        return StartTransport(wanted, required,
            [Setup(ScmiVirtioLayout.CommandQueue, _layout.CommandQueueSize, _layout.CommandRings),
             Setup(ScmiVirtioLayout.EventQueue, _layout.EventQueueSize, _layout.EventRings)],
            _layout.IndirectArea, ScmiGuestLayout.EntriesPerChain);
    }

    /// <inheritdoc />
    protected override void OnMessage(object message, ActorRef sender)
    {
        if (message is not ScmiCommandMessage command)
        {
            base.OnMessage(message, sender);
            return;
        }
        _commandCount.Increment();
        _agent = command.ReplyTo.IsNone ? sender : command.ReplyTo;
        if (command.Message.Length == 0 || command.Message.Length > _layout.RequestBytes)
        {
            ReportFinding("scmi-command-size", $"a command of {command.Message.Length} B does not fit a {_layout.RequestBytes} B request buffer", "virtio 1.2, 5.17.6.1");
            return;
        }
        _waiting.Enqueue(command);
        Drain();
    }

    /// <inheritdoc />
    protected override void OnTransportReady()
    {
        for (int i = 0; i < _events.Length; i++) PostEvent(i);
        KickIfNeeded(ScmiVirtioLayout.EventQueue);
        _ready = true;
        Drain();
    }

    /// <inheritdoc />
    protected override void OnSlotsFreed() => Drain();

    /// <summary>Hands waiting commands to free slots, in arrival order.</summary>
    private void Drain()
    {
        while (_ready && _waiting.Count > 0 && HasFreeSlot)
        {
            _next = _waiting.Dequeue();
            if (!SubmitOnDemand()) break;
        }
        _next = null;
    }

    /// <summary>Writes the command being submitted into <paramref name="slot"/>'s request buffer.</summary>
    protected override void Prepare(int slot)
    {
        var command = _next ?? throw new InvalidOperationException("a slot was taken with no command to carry");
        _commands[slot] = command;
        Memory.Write(_layout.RequestBuffer(slot), command.Message);
        Spend(Costs.Copy(command.Message.Length));
    }

    /// <inheritdoc />
    protected override Submit TrySubmit(int slot)
    {
        uint length = (uint)_commands[slot]!.Message.Length;
        var request = TryMap(_layout.RequestBuffer(slot), length, DmaDirection.ToDevice, out _requests[slot]);
        if (request != DmaMapStatus.Mapped) return Failed(request);
        var response = TryMap(_layout.ResponseBuffer(slot), (uint)_layout.ResponseBytes, DmaDirection.FromDevice, out _responses[slot]);
        if (response != DmaMapStatus.Mapped) return Failed(response, _requests[slot]);
        ReadOnlySpan<BufferSpec> readable = [new BufferSpec(_requests[slot].DmaAddress, length)];
        ReadOnlySpan<BufferSpec> writable = [new BufferSpec(_responses[slot].DmaAddress, (uint)_layout.ResponseBytes)];
        return AddChain(slot, readable, writable, _requests[slot], _responses[slot]);
    }

    /// <inheritdoc />
    protected override void Complete(int slot, uint written)
    {
        Unmap(_requests[slot]);
        Unmap(_responses[slot]);
        var command = _commands[slot]!;
        _commands[slot] = null;
        if (written > _layout.ResponseBytes)
        {
            ReportFinding("scmi-used-length", $"slot {slot}: used length {written} beyond the {_layout.ResponseBytes} B response buffer", "virtio 1.2, 2.7.8");
            written = (uint)_layout.ResponseBytes;
        }
        var response = new byte[written];
        Memory.Read(_layout.ResponseBuffer(slot), response);
        Spend(Costs.Copy(written));
        if (ScmiHeader.TryRead(response, out var answered) && ScmiHeader.TryRead(command.Message, out var asked) && answered.Token != asked.Token)
            ReportFinding("scmi-response-token-mismatch", $"slot {slot}: the response carries token {answered.Token}, the command had {asked.Token}", "Arm DEN0056, 4.1.2");
        CountBytes(command.Message.Length + written);
        _responseCount.Increment();
        Send(command.ReplyTo, new ScmiResponseMessage(response));
    }

    /// <summary>Reclaims used event buffers: each is a notification for the agent, then posted again (5.17.6.2).</summary>
    protected override void OnOtherQueues()
    {
        if (Queues.Count <= ScmiVirtioLayout.EventQueue) return;
        var events = new Notifications(this);
        Queues[ScmiVirtioLayout.EventQueue].ReclaimUsed(ref events);
        if (events.Reposted) KickIfNeeded(ScmiVirtioLayout.EventQueue);
    }

    /// <summary>What the event queue's reclaim does with each used buffer: <see cref="OnNotification"/>; whether any was posted again.</summary>
    private struct Notifications(ScmiDriver driver) : IUsedBufferHandler
    {
        public bool Reposted { get; private set; }

        public void Reclaim(long token, uint written) => Reposted |= driver.OnNotification((int)token, written);
    }

    /// <summary>A used event buffer: a notification for the agent; the buffer is posted again (true when it was).</summary>
    private bool OnNotification(int index, uint written)
    {
        Spend(Costs.ReclaimChain);
        Unmap(_events[index]);
        uint length = Math.Min(written, (uint)_layout.EventBytes);
        var notification = new byte[length];
        Memory.Read(_layout.EventBuffer(index), notification);
        Spend(Costs.Copy(length));
        _notificationCount.Increment();
        if (_agent.IsNone) ReportFinding("scmi-notification-unrouted", "a notification arrived before any agent used the channel", "virtio 1.2, 5.17.6.2");
        else Send(_agent, new ScmiNotificationMessage(notification));
        return PostEvent(index);
    }

    /// <summary>Maps event buffer <paramref name="index"/> and posts it device-writable on the eventq; false when it could not be.</summary>
    private bool PostEvent(int index)
    {
        uint length = (uint)_layout.EventBytes;
        if (TryMap(_layout.EventBuffer(index), length, DmaDirection.FromDevice, out _events[index]) != DmaMapStatus.Mapped) return false;
        Spend(Costs.AddChain);
        ReadOnlySpan<BufferSpec> writable = [new BufferSpec(_events[index].DmaAddress, length)];
        if (Queues[ScmiVirtioLayout.EventQueue].TryAdd([], writable, index)) return true;
        Unmap(_events[index]);
        return false;
    }
}
