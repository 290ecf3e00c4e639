using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Adversaries;

/// <summary>
/// A guest driver that drives a device through its whole lifecycle at random, as an actor: every step (drawn from its
/// own stream) it initialises the device on one of several ring sets, resets it or a queue, writes single registers
/// in any state (on virtio-mmio: status values in and out of order, features, queue selection, size, addresses,
/// QueueReady, QueueReset, notifications), adds well-formed chains, scribbles over its rings (keeping every descriptor's
/// buffer in its pool), kicks through the transport, or sends the backend a stale kick straight away (a notification
/// that raced a reset). It tells the <see cref="LifecycleReference"/> every write and every status it reads back, so
/// the reference knows what the device may touch. Counts <c>steps</c>, <c>resets</c> and <c>driverFaults</c> (its own
/// ring code giving up on a ring it scribbled over).
/// </summary>
public sealed class LifecycleFuzzDriver : Actor
{
    /// <summary>The ring sets the driver sets queues up on: two fixed ones, and 44 more from <see cref="RandomRingsFrom"/> up to the pool (<see cref="LifecycleFuzzMemory"/>).</summary>
    public const ulong RingsA = 0x1000, RingsB = 0x3000, RandomRingsFrom = 0x5000, PoolStart = 0x10000;

    /// <summary>The features the device offers in a campaign (split rings only; no indirect tables, whose contents are the ring fuzzers' business).</summary>
    public const ulong Offered = VirtioFeatures.Version1 | VirtioFeatures.AccessPlatform | VirtioFeatures.EventIdx | VirtioFeatures.RingReset;

    private const ushort QueueSize = LifecycleFuzzMemory.QueueSize;

    private sealed class Step
    {
        public static readonly Step Instance = new();
    }

    private readonly VirtioTransport _transport;
    private readonly GuestMemory _guest;
    private readonly LifecycleReference _reference;
    private readonly long _stepCount;
    private readonly IReadOnlyList<int>? _script;
    private readonly ActorRef _backend;
    private readonly BackendLink _link;
    private readonly IMmioBus? _bus;
    private readonly LifecycleFuzzMemory _memory;
    private readonly Counter _steps, _resets, _faults;
    private IDriverQueue? _queue;
    private ulong _rings = RingsA;
    private long _taken;

    /// <summary>
    /// A campaign of <paramref name="steps"/> steps on <paramref name="wiring"/>'s transport; as a <see cref="VirtioDriver"/>
    /// is wired, accepted kicks, device resets and queue stops reach its backend at the time of the register write.
    /// </summary>
    /// <param name="wiring">The device's transport (virtio-mmio gets register-level steps too) and its backend.</param>
    /// <param name="memory">The guest's memory.</param>
    /// <param name="reference">Told every write and status read.</param>
    /// <param name="steps">Steps to take.</param>
    /// <param name="script">The action of each step (0-99, as drawn otherwise), for a property test that shrinks them; null: drawn.</param>
    public LifecycleFuzzDriver(DriverWiring wiring, GuestMemory memory, LifecycleReference reference, long steps, IReadOnlyList<int>? script = null)
    {
        ArgumentNullException.ThrowIfNull(wiring);
        _transport = wiring.Transport;
        _backend = wiring.Backend.IsNone ? throw new ArgumentException("a fuzz driver drives a backend", nameof(wiring)) : wiring.Backend;
        _guest = memory ?? throw new ArgumentNullException(nameof(memory));
        _reference = reference ?? throw new ArgumentNullException(nameof(reference));
        _stepCount = steps;
        _script = script;
        _bus = _transport.Device as IMmioBus;
        _memory = new LifecycleFuzzMemory(memory);
        _steps = NewCounter("steps");
        _resets = NewCounter("resets");
        _faults = NewCounter("driverFaults");
        _link = new BackendLink(_transport.Device, (message, delay) => Send(_backend, message, delay));
    }

    /// <inheritdoc />
    protected override void OnStart() => SetTimer(Step.Instance, Step.Instance, SimTime.FromNanoseconds(100));

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        switch (message)
        {
            case Step: TakeStep(); break;
            case UsedBufferInterrupt interrupt:
                _link.Delivered(interrupt.Vector);
                _transport.Driver.TakeInterrupt(interrupt.Vector);
                _link.Acknowledged(interrupt.Vector);
                Reclaim();
                break;
            case DeviceNeedsReset: _link.NeedsReset(); break;
            case TransportStopped: break;
            default: Unhandled(message); break;
        }
    }

    private void TakeStep()
    {
        _taken++;
        _steps.Increment();
        int action = _script is null ? Random.Next(100) : _script[(int)(_taken - 1)] % 100;
        try
        {
            if (action < 6) Initialise();
            else if (action < 8 && _bus is not null) InitialiseWithoutDriverOk(_bus);
            else if (action < 8) Initialise();
            else if (action < 12) Reset();
            else if (action < 16) ResetQueue();
            else if (action < 38) AddChain();
            else if (action < 48) _memory.Scribble(_rings, Random);
            else if (action < 60) _transport.Driver.Notify(new QueueNotification(0));
            else if (action < 64) Send(_backend, QueueKick.For(0));
            else if (action < 84 && _bus is not null) WriteRegister(_bus);
            else Reclaim();
        }
        catch (InvalidOperationException)
        {
            _faults.Increment();
            _queue = null;
        }
        _reference.StatusRead(_transport.Device.Status, Now);
        if (_taken < _stepCount) SetTimer(Step.Instance, Step.Instance, SimTime.FromNanoseconds(300));
    }

    private ulong PickRings() => LifecycleFuzzMemory.PickRings(Random);

    private void Initialise()
    {
        _rings = PickRings();
        ulong wanted = VirtioFeatures.Version1 | VirtioFeatures.AccessPlatform
            | (Random.Next(2) == 0 ? VirtioFeatures.EventIdx : 0) | (Random.Next(2) == 0 ? VirtioFeatures.RingReset : 0);
        var result = _transport.Driver.Initialize(new TransportInitRequest(wanted, [new QueueSetup(0, QueueSize, _rings, _rings + 0x100, _rings + 0x200)]));
        _resets.Increment();
        _reference.Initialised(result, Now);
        _queue = result.Success ? Virtqueues.CreateDriver(_guest, result.Queues[0]) : null;
    }

    /// <summary>
    /// virtio-mmio, register by register: reset, ACKNOWLEDGE, DRIVER, VIRTIO_F_VERSION_1 and ACCESS_PLATFORM, FEATURES_OK,
    /// queue 0 set up and ready, and no DRIVER_OK: the device must not touch the queue however it is kicked (2.1.2).
    /// </summary>
    private void InitialiseWithoutDriverOk(IMmioBus bus)
    {
        _resets.Increment();
        void Status(DeviceStatus status)
        {
            bus.Write(MmioRegister.Status, 4, (uint)status);
            _reference.StatusWritten((uint)status, Now);
        }
        Status(DeviceStatus.None);
        Status(DeviceStatus.Acknowledge);
        Status(DeviceStatus.Acknowledge | DeviceStatus.Driver);
        const ulong features = VirtioFeatures.Version1 | VirtioFeatures.AccessPlatform;
        bus.Write(MmioRegister.DriverFeaturesSel, 4, 1);
        bus.Write(MmioRegister.DriverFeatures, 4, (uint)(features >> 32));
        Status(DeviceStatus.Acknowledge | DeviceStatus.Driver | DeviceStatus.FeaturesOk);
        bus.Write(MmioRegister.QueueSel, 4, 0);
        _reference.QueueSelected(0);
        bus.Write(MmioRegister.QueueNum, 4, QueueSize);
        _reference.QueueNumWritten(QueueSize);
        WriteRingAddresses(bus);
        bus.Write(MmioRegister.QueueReady, 4, 1);
        _reference.QueueReadyWritten(1, Now);
        _queue = Virtqueues.CreateDriver(_guest, new QueueConfig(QueueSize, _rings, _rings + 0x100, _rings + 0x200, features));
    }

    private void Reset()
    {
        _resets.Increment();
        _transport.Driver.Reset();
        _reference.StatusWritten(0, Now);
        _queue = null;
    }

    private void ResetQueue()
    {
        _transport.Driver.ResetQueue(0);
        _reference.QueueSelected(0);
        _reference.QueueResetWritten(Now);
        if (_reference.RingReset) _queue = null;
    }

    private void AddChain()
    {
        if (_queue is not null) _memory.AddRequest(_queue, Random);
    }

    /// <summary>One virtio-mmio register write (or a few for an address), in whatever state the device is.</summary>
    private void WriteRegister(IMmioBus bus)
    {
        switch (Random.Next(8))
        {
            case 0:
            {
                var current = _transport.Device.Status;
                uint value = Random.Next(4) switch
                {
                    0 => 0u,
                    1 => (uint)(current | DeviceStatusMachine.NextStep(current)),
                    2 => (uint)Random.Next(256),
                    _ => (uint)(current | DeviceStatusMachine.NextStep(current)),
                };
                bus.Write(MmioRegister.Status, 4, value);
                _reference.StatusWritten(value, Now);
                if (value == 0)
                {
                    _resets.Increment();
                    _queue = null;
                }
                break;
            }
            case 1:
            {
                uint select = (uint)Random.Next(2);
                uint value = (uint)((Offered >> (32 * (int)select)) & (uint)Random.NextInt64(1L << 32)) | (Random.Next(8) == 0 ? (uint)Random.NextInt64(1L << 32) : 0);
                bus.Write(MmioRegister.DriverFeaturesSel, 4, select);
                bus.Write(MmioRegister.DriverFeatures, 4, value);
                break;
            }
            case 2:
            {
                uint queue = Random.Next(4) == 0 ? (uint)Random.Next(4) : 0;
                bus.Write(MmioRegister.QueueSel, 4, queue);
                _reference.QueueSelected(queue);
                break;
            }
            case 3:
            {
                uint size = Random.Next(3) == 0 ? (uint)Random.Next(40) : QueueSize;
                bus.Write(MmioRegister.QueueNum, 4, size);
                _reference.QueueNumWritten(size);
                break;
            }
            case 4:
                WriteRingAddresses(bus);
                break;
            case 5:
            {
                uint ready = (uint)Random.Next(2);
                bus.Write(MmioRegister.QueueReady, 4, ready);
                _reference.QueueReadyWritten(ready, Now);
                if (ready == 0) _queue = null;
                break;
            }
            case 6:
                bus.Write(MmioRegister.QueueReset, 4, 1);
                _reference.QueueResetWritten(Now);
                if (_reference.RingReset) _queue = null;
                break;
            default:
                bus.Write(MmioRegister.QueueNotify, 4, (uint)Random.Next(3));
                break;
        }
    }

    /// <summary>Picks a ring set and writes the selected queue's three area addresses (low and high halves) for it.</summary>
    private void WriteRingAddresses(IMmioBus bus)
    {
        _rings = PickRings();
        ulong[] areas = [_rings, _rings + 0x100, _rings + 0x200];
        ulong[] registers = [MmioRegister.QueueDescLow, MmioRegister.QueueDriverLow, MmioRegister.QueueDeviceLow];
        for (int i = 0; i < 3; i++)
        {
            bus.Write(registers[i], 4, (uint)areas[i]);
            _reference.QueueAddressWritten(i, high: false, (uint)areas[i]);
            bus.Write(registers[i] + 4, 4, (uint)(areas[i] >> 32));
            _reference.QueueAddressWritten(i, high: true, (uint)(areas[i] >> 32));
        }
    }

    private void Reclaim()
    {
        if (_queue is null) return;
        while (_queue.TryReclaim(out _, out _)) { }
        _queue.EnableInterrupts();
        if (_queue.IsBroken) _queue = null;
    }
}
