using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;
using Sim.Layouts;

namespace Sim.Devices.Gpio;

/// <summary>
/// The virtio-gpio guest driver (virtio 1.2, 5.18; as Linux <c>drivers/gpio/gpio-virtio.c</c>), a
/// <see cref="VirtioDriver"/> fed on demand by its own queue of messages. At probe it reads <c>ngpio</c> and
/// <c>gpio_names_size</c> (5.18.4; too few lines for the workload is a finding), sets up the requestq and, when a line
/// needs an interrupt, the eventq with VIRTIO_GPIO_F_IRQ; then sends GET_NAMES (checking the block has a name per
/// line), GET_DIRECTION of every line, and sets each line up: an output with SET_VALUE then SET_DIRECTION out (5.18.6
/// advises the value first), an input with SET_DIRECTION in and, with an interrupt, IRQ_TYPE, after whose completion it
/// posts the line's eventq buffer pair (unmask: "MUST enable the interrupt before unmasking it", 5.18.7). Each
/// interrupt (VIRTIO_GPIO_IRQ_STATUS_VALID) is handled (<c>gpio.guest.irq</c>), the buffer re-posted and the line's
/// value read (GET_VALUE, as a gpio-keys handler); its latency runs from the edge it reports (the backend's
/// <see cref="GpioIrqProbe"/>) to the handling. Outputs toggle every
/// <see cref="GpioWorkload.Toggle"/>. A response VIRTIO_GPIO_STATUS_ERR is counted in <c>errors</c>.
/// Metrics: those of <see cref="VirtioDriver"/>, <c>irqs</c>, <c>irqLatency</c>, <c>irqsInvalid</c>, <c>errors</c>.
/// </summary>
public sealed partial class GpioDriver : VirtioDriver
{
    private sealed class ToggleDue { public static readonly ToggleDue Instance = new(); }

    private const int EventQueue = 1;
    private readonly GpioGuestLayout _layout;
    private readonly GpioWorkload _workload;
    private readonly GpioCosts _gpioCosts;
    private readonly ulong _ringFeatures;
    private readonly Queue<GpioMessage> _messages = new();
    private readonly GpioMessage[] _slotMessage;
    private readonly DmaBuffer[] _requests, _responses, _irqRequests, _irqResponses;
    private readonly SimTime?[] _firstEdge;
    private readonly byte[] _driven;
    private readonly bool[] _posted;
    private readonly byte[] _request = new byte[GpioLayout.Request.Size];
    private readonly Counter _irqs, _irqsInvalid, _errors;
    private readonly LatencyHistogram _irqLatency;
    private GpioMessage _preparing;
    private bool _toggling;

    /// <summary>
    /// A GPIO driver in <paramref name="memory"/> on <paramref name="platform"/> with its rings and buffers at
    /// <paramref name="layout"/>, offering <paramref name="ringFeatures"/>, using the lines as <paramref name="workload"/>
    /// says, at <paramref name="costs"/> and <paramref name="gpioCosts"/>.
    /// </summary>
    public GpioDriver(GuestMemory memory, DriverWiring wiring, IDriverPlatform platform, ulong ringFeatures, GpioGuestLayout layout,
        GpioWorkload workload, RingCosts costs, GpioCosts gpioCosts)
        : base(memory, wiring, platform, costs, layout.Slots, RequestArrivals.OnDemand())
    {
        _layout = layout ?? throw new ArgumentNullException(nameof(layout));
        _workload = workload ?? throw new ArgumentNullException(nameof(workload));
        _gpioCosts = gpioCosts ?? throw new ArgumentNullException(nameof(gpioCosts));
        _ringFeatures = ringFeatures;
        int lines = workload.Lines.Count;
        _slotMessage = new GpioMessage[layout.Slots];
        _requests = new DmaBuffer[layout.Slots];
        _responses = new DmaBuffer[layout.Slots];
        _irqRequests = new DmaBuffer[lines];
        _irqResponses = new DmaBuffer[lines];
        _firstEdge = new SimTime?[lines];
        _driven = new byte[lines];
        _posted = new bool[lines];
        _irqs = NewCounter("irqs");
        _irqsInvalid = NewCounter("irqsInvalid");
        _errors = NewCounter("errors");
        _irqLatency = NewLatencyHistogram("irqLatency");
    }

    private static ulong FeatureIrq => 1UL << GpioLayout.FeatureIrq;

    /// <inheritdoc />
    protected override bool InitialiseDevice()
    {
        if (!IsDevice(GpioLayout.DeviceId, "GPIO device")) return false;
        ulong irq = _workload.UsesIrq ? FeatureIrq : 0;
        var (rd, rdr, rdv) = _layout.RequestRings;
        var (ed, edr, edv) = _layout.EventRings;
        QueueSetup[] setups = irq != 0
            ? [new(0, _layout.QueueSize, rd, rdr, rdv), new(EventQueue, _layout.QueueSize, ed, edr, edv)]
            : [new(0, _layout.QueueSize, rd, rdr, rdv)];
        if (!StartRings(_ringFeatures, irq, irq, setups, _layout.IndirectArea, GpioGuestLayout.EntriesPerChain))
            return false;
        ulong responseBytes = _layout.SlotStride - (_layout.Response(0) - _layout.Request(0)); // room for a GET_NAMES answer
        for (int slot = 0; slot < _layout.Slots; slot++)
        {
            DeclareBuffer($"slot{slot}/request", RegionKind.GpioRequest, _layout.Request(slot), GpioLayout.Request.Size);
            DeclareBuffer($"slot{slot}/response", RegionKind.GpioResponse, _layout.Response(slot), responseBytes);
        }
        for (int line = 0; irq != 0 && line < _workload.Lines.Count; line++)
        {
            DeclareBuffer($"line{line}/irq-request", RegionKind.GpioIrqRequest, _layout.IrqRequest(line), GpioLayout.IrqRequest.Size);
            DeclareBuffer($"line{line}/irq-response", RegionKind.GpioIrqResponse, _layout.IrqResponse(line), GpioLayout.IrqResponse.Size);
        }
        var (ngpio, namesSize) = ReadConfig(config => (config.ReadU16(GpioLayout.Config.Ngpio), config.ReadU32(GpioLayout.Config.GpioNamesSize)));
        if (ngpio >= _workload.Lines.Count && namesSize <= (uint)_workload.NamesSize) return true;
        ReportFinding("gpio-config-mismatch", $"ngpio {ngpio} and gpio_names_size {namesSize}; the guest's lines need {_workload.Lines.Count} lines and at most {_workload.NamesSize} name bytes", "virtio 1.2, 5.18.4");
        return false;
    }

    /// <inheritdoc />
    protected override void OnTransportReady()
    {
        Array.Clear(_posted);
        Array.Clear(_firstEdge);
        _messages.Clear();
        if (_workload.NamesSize > 0) _messages.Enqueue(new(GpioLayout.MsgGetNames, 0, 0));
        for (int line = 0; line < _workload.Lines.Count; line++) _messages.Enqueue(new(GpioLayout.MsgGetDirection, (ushort)line, 0));
        for (int line = 0; line < _workload.Lines.Count; line++)
        {
            var spec = _workload.Lines[line];
            if (spec.Role == GpioLineRole.Output)
            {
                _messages.Enqueue(new(GpioLayout.MsgSetValue, (ushort)line, _driven[line]));
                _messages.Enqueue(new(GpioLayout.MsgSetDirection, (ushort)line, GpioLayout.DirectionOut));
            }
            else if (spec.Role == GpioLineRole.Input)
            {
                _messages.Enqueue(new(GpioLayout.MsgSetDirection, (ushort)line, GpioLayout.DirectionIn));
                if (spec.HasIrq) _messages.Enqueue(new(GpioLayout.MsgIrqType, (ushort)line, spec.IrqType));
            }
        }
        SendMessages();
        if (_toggling || _workload.Toggle is null || !_workload.Lines.Any(l => l.Role == GpioLineRole.Output)) return;
        _toggling = true;
        SetTimer(ToggleDue.Instance, ToggleDue.Instance, _workload.Toggle.Sample(Random));
    }

    /// <inheritdoc />
    protected override void OnMessage(object message, ActorRef sender)
    {
        switch (message)
        {
            case ToggleDue:
                for (int line = 0; line < _workload.Lines.Count; line++)
                {
                    if (_workload.Lines[line].Role != GpioLineRole.Output) continue;
                    _driven[line] ^= 1;
                    _messages.Enqueue(new(GpioLayout.MsgSetValue, (ushort)line, _driven[line]));
                }
                SendMessages();
                SetTimer(ToggleDue.Instance, ToggleDue.Instance, _workload.Toggle!.Sample(Random));
                break;
            case GpioIrqProbe probe: Probe(probe); break;
            default: Unhandled(message); break;
        }
    }

    /// <inheritdoc />
    protected override void OnSlotsFreed() => SendMessages();

    /// <summary>Hands queued messages to free slots, in order.</summary>
    private void SendMessages()
    {
        while (_messages.Count > 0 && HasFreeSlot)
        {
            _preparing = _messages.Peek();
            if (!SubmitOnDemand()) return;
            _messages.Dequeue();
        }
    }

    /// <summary>Writes the message being sent into <paramref name="slot"/>'s request buffer.</summary>
    protected override void Prepare(int slot)
    {
        Spend(_gpioCosts.GuestRequest);
        _slotMessage[slot] = _preparing;
        _preparing.Encode(_request);
        Memory.Write(_layout.Request(slot), _request);
        Spend(Costs.Copy(GpioLayout.Request.Size));
    }

    /// <inheritdoc />
    protected override Submit TrySubmit(int slot)
    {
        uint responseBytes = (uint)_slotMessage[slot].ResponseBytes(_workload.NamesSize);
        var request = TryMap(_layout.Request(slot), GpioLayout.Request.Size, DmaDirection.ToDevice, out _requests[slot]);
        if (request != DmaMapStatus.Mapped) return Failed(request);
        var response = TryMap(_layout.Response(slot), responseBytes, DmaDirection.FromDevice, out _responses[slot]);
        if (response != DmaMapStatus.Mapped) return Failed(response, _requests[slot]);
        return AddChain(slot, [new BufferSpec(_requests[slot].DmaAddress, GpioLayout.Request.Size)], [new BufferSpec(_responses[slot].DmaAddress, responseBytes)],
            _requests[slot], _responses[slot]);
    }
}
