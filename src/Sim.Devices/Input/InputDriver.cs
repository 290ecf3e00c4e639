using Sim.Core.Statistics;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;
using Sim.Layouts;

namespace Sim.Devices.Input;

/// <summary>
/// The virtio-input guest driver (virtio 1.2, 5.8; as Linux <c>drivers/virtio/virtio_input.c</c>), a
/// <see cref="VirtioDriver"/> whose request queue is the statusq (queue 1; no status events unless its arrivals bring
/// them) and which serves the eventq (queue 0) itself. At probe it reads the configuration (5.8.5: ID_NAME, ID_DEVIDS,
/// PROP_BITS, EV_BITS for every event type, ABS_INFO for every absolute axis; select and subsel written, size and the
/// union read back, every access a trap: <see cref="InputDriverProbe"/>); a device without EV_BITS is a finding. Then it
/// maps and posts one 8-byte buffer per event buffer. On each interrupt it reclaims the used event buffers in order,
/// decodes each <c>virtio_input_event</c>, hands it to the input core (<c>input.guest.event</c>), re-posts the buffer and
/// kicks when the ring asks. An event whose type and code the configuration did not declare breaks 5.8.6.1
/// (<c>input-event-undeclared</c>, once per code, every one counted); a buffer used with fewer than 8 bytes is
/// <c>input-event-short</c>. A report ends with SYN_REPORT; its latency is the driver's time less its MSC_TIMESTAMP.
/// Metrics: those of <see cref="VirtioDriver"/>, <c>events</c>, <c>reports</c>, <c>reportLatency</c>,
/// <c>eventsUndeclared</c>, <c>configAccesses</c> (the probe's register accesses).
/// </summary>
public sealed class InputDriver : VirtioDriver
{
    private readonly InputGuestLayout _layout;
    private readonly InputCosts _inputCosts;
    private readonly ulong _ringFeatures;
    private readonly DmaBuffer[] _mapped;
    private readonly Queue<int> _unposted = new();
    private readonly byte[] _event = new byte[InputLayout.Event.Size];
    private readonly HashSet<(ushort, ushort)> _reportedUndeclared = [];
    private readonly Counter _events, _reports, _undeclared;
    private readonly LatencyHistogram _reportLatency;
    private DmaBuffer _statusMapped;
    private InputDeviceProfile? _device;
    private int? _timestamp;

    /// <summary>
    /// An input driver in <paramref name="memory"/> on <paramref name="platform"/> with its rings and buffers at
    /// <paramref name="layout"/>, offering <paramref name="ringFeatures"/>, at <paramref name="costs"/> and
    /// <paramref name="inputCosts"/>; status events come as <paramref name="arrivals"/> say.
    /// </summary>
    public InputDriver(GuestMemory memory, DriverWiring wiring, IDriverPlatform platform, ulong ringFeatures, InputGuestLayout layout,
        RequestArrivals arrivals, RingCosts costs, InputCosts inputCosts)
        : base(memory, wiring, platform, costs, 1, arrivals, requestQueue: InputLayout.StatusQueue)
    {
        _layout = layout ?? throw new ArgumentNullException(nameof(layout));
        _inputCosts = inputCosts ?? throw new ArgumentNullException(nameof(inputCosts));
        _ringFeatures = ringFeatures;
        _mapped = new DmaBuffer[layout.EventBuffers];
        _events = NewCounter("events");
        _reports = NewCounter("reports");
        _undeclared = NewCounter("eventsUndeclared");
        _reportLatency = NewLatencyHistogram("reportLatency");
    }

    /// <summary>What the device said it is at probe (null before).</summary>
    public InputDeviceProfile? Device => _device;

    /// <inheritdoc />
    protected override bool InitialiseDevice()
    {
        if (!IsDevice(InputLayout.DeviceId, "input device")) return false;
        var (ed, edr, edv) = _layout.EventRings;
        var (sd, sdr, sdv) = _layout.StatusRings;
        QueueSetup[] setups = [new(InputLayout.EventQueue, _layout.QueueSize, ed, edr, edv), new(InputLayout.StatusQueue, _layout.QueueSize, sd, sdr, sdv)];
        if (!StartRings(_ringFeatures, 0, 0, setups, _layout.IndirectArea, InputGuestLayout.EntriesPerChain)) return false;
        DeclareBuffer("events", RegionKind.InputEvents, _layout.EventBufferArea, (ulong)_layout.EventBuffers * InputLayout.Event.Size);
        DeclareBuffer("status-event", RegionKind.InputEvents, _layout.StatusBuffer, InputLayout.Event.Size);
        _device = InputDriverProbe.Read(Query);
        if (_device.Codes.Count == 0)
        {
            ReportFinding("input-no-event-types", "the device declares no event type in EV_BITS", "virtio 1.2, 5.8.5");
            return false;
        }
        return true;
    }

    /// <summary>One configuration query (5.8.5): select and subsel written, then size and the union read consistently.</summary>
    private byte Query(byte select, byte subsel, Span<byte> union)
    {
        WriteConfig(InputLayout.Config.Select, 1, select);
        WriteConfig(InputLayout.Config.Subsel, 1, subsel);
        var (size, bytes) = ReadConfig(config =>
        {
            byte size = config.ReadU8(InputLayout.Config.SizeField);
            var bytes = new byte[Math.Min((int)size, InputLayout.Config.UnionBytes)];
            for (int i = 0; i < bytes.Length; i++) bytes[i] = config.ReadU8(InputLayout.Config.Union + i);
            return (size, bytes);
        });
        bytes.CopyTo(union);
        return size;
    }

    /// <inheritdoc />
    protected override void OnTransportReady()
    {
        for (int i = 0; i < _layout.EventBuffers; i++) Post(i);
        KickIfNeeded(InputLayout.EventQueue);
    }

    private void Post(int index)
    {
        var status = TryPostWritable(InputLayout.EventQueue, _layout.EventBuffer(index), InputLayout.Event.Size, index, out var buffer);
        if (status == DmaMapStatus.Mapped) _mapped[index] = buffer;
        else if (status == DmaMapStatus.Exhausted) _unposted.Enqueue(index);
    }

    /// <inheritdoc />
    protected override void OnOtherQueues()
    {
        var received = new ReceivedEvents(this);
        Queues[InputLayout.EventQueue].ReclaimUsed(ref received);
        for (int n = _unposted.Count; n > 0; n--) Post(_unposted.Dequeue());
        KickIfNeeded(InputLayout.EventQueue);
    }

    /// <summary>What the eventq's reclaim does with each used buffer: <see cref="OnEvent"/>.</summary>
    private readonly struct ReceivedEvents(InputDriver driver) : IUsedBufferHandler
    {
        public void Reclaim(long token, uint written) => driver.OnEvent((int)token, written);
    }

    private void OnEvent(int index, uint written)
    {
        Spend(Costs.ReclaimChain);
        Unmap(_mapped[index]);
        if (written < InputLayout.Event.Size)
            ReportFinding("input-event-short", $"eventq buffer {index} used with {written} bytes, less than a {InputLayout.Event.Size}-byte virtio_input_event", "virtio 1.2, 5.8.6.1");
        else
        {
            Memory.Read(_layout.EventBuffer(index), _event);
            Handle(InputEvent.Decode(_event));
        }
        Post(index);
    }

    private void Handle(InputEvent e)
    {
        Spend(_inputCosts.GuestEvent);
        _events.Increment();
        if (_device is { } device && !device.Declares(e.Type, e.Code))
        {
            _undeclared.Increment();
            if (_reportedUndeclared.Add((e.Type, e.Code)))
                ReportFinding("input-event-undeclared", $"event type {e.Type} code {e.Code}, which the device's EV_BITS did not declare", "virtio 1.2, 5.8.6.1");
        }
        if (e.Type == InputCodes.EvMsc && e.Code == InputCodes.MscTimestamp) _timestamp = e.Value;
        if (!e.IsReportEnd) return;
        _reports.Increment();
        if (_timestamp is { } stamp) _reportLatency.Record(InputReportSource.Since(stamp, Now + Spent));
        _timestamp = null;
    }

    /// <summary>Writes an LED status event (LED_NUML on) into the status buffer.</summary>
    protected override void Prepare(int slot)
    {
        new InputEvent(InputCodes.EvLed, InputCodes.LedNuml, 1).EncodeInto(_event);
        Memory.Write(_layout.StatusBuffer, _event);
    }

    /// <inheritdoc />
    protected override Submit TrySubmit(int slot)
    {
        var status = TryMap(_layout.StatusBuffer, InputLayout.Event.Size, DmaDirection.ToDevice, out _statusMapped);
        if (status != DmaMapStatus.Mapped) return Failed(status);
        return AddChain(slot, [new BufferSpec(_statusMapped.DmaAddress, InputLayout.Event.Size)], [], _statusMapped);
    }

    /// <inheritdoc />
    protected override void Complete(int slot, uint written)
    {
        Unmap(_statusMapped);
        CountBytes(InputLayout.Event.Size);
    }
}
