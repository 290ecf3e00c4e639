using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Common;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Adversaries;

/// <summary>The backend asks the driver for a reset (it set DEVICE_NEEDS_RESET, virtio 1.2, 2.1.2).</summary>
public sealed class NeedsReset
{
    /// <summary>The one instance.</summary>
    public static readonly NeedsReset Instance = new();
}

/// <summary>The driver reset the device (status 0) and set the queue up again: the backend starts afresh.</summary>
public sealed class DeviceWasReset
{
    /// <summary>The one instance.</summary>
    public static readonly DeviceWasReset Instance = new();
}

/// <summary>
/// A malicious guest driver as an actor: every simulated nanosecond it takes one step drawn from its own stream
/// (a well-formed chain, random bytes over its own rings, or reclaiming) and kicks the backend now and then. When the
/// backend asks for a reset, or its own ring code gives up, it wipes the rings and sets the queue up again.
/// Counts <c>steps</c>, <c>resets</c> and <c>driverFaults</c>.
/// </summary>
public sealed class HostileDriver : Actor
{
    private sealed class Step
    {
        public static readonly Step Instance = new();
    }

    private readonly HostileQueueSetup _setup;
    private readonly long _stepCount;
    private readonly ActorRef _backend;
    private readonly Counter _steps, _resets, _faults;
    private IDriverQueue _queue = null!;
    private long _taken;

    /// <summary>A driver taking <paramref name="steps"/> steps over <paramref name="setup"/>'s rings against <paramref name="backend"/>.</summary>
    public HostileDriver(HostileQueueSetup setup, long steps, ActorRef backend)
    {
        _setup = setup ?? throw new ArgumentNullException(nameof(setup));
        _stepCount = steps;
        _backend = backend.IsNone ? throw new ArgumentException("a hostile driver attacks a backend", nameof(backend)) : backend;
        _steps = NewCounter("steps");
        _resets = NewCounter("resets");
        _faults = NewCounter("driverFaults");
    }

    /// <inheritdoc />
    protected override void OnStart()
    {
        _queue = _setup.ResetRings();
        SetTimer(Step.Instance, Step.Instance, SimTime.Parse("1ns"));
    }

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        if (message is NeedsReset)
        {
            Reset();
            return;
        }
        if (message is not Step) Unhandled(message);
        _taken++;
        _steps.Increment();
        int action = Random.Next(10);
        try
        {
            if (action < 4) _setup.AddChain(_queue, Random);
            else if (action < 7) _setup.Corrupt(Random);
            else if (action < 8)
            {
                while (_queue.TryReclaim(out _, out _)) { }
                _queue.EnableInterrupts();
            }
            else Send(_backend, QueueKick.For(0));
        }
        catch (InvalidOperationException)
        {
            _faults.Increment();
        }
        if (_queue.IsBroken) Reset();
        if (_taken < _stepCount) SetTimer(Step.Instance, Step.Instance, SimTime.Parse("1ns"));
    }

    private void Reset()
    {
        _resets.Increment();
        _queue = _setup.ResetRings();
        Send(_backend, DeviceWasReset.Instance);
    }
}

/// <summary>
/// The device under attack as an actor: on each kick it drains the queue through a <see cref="FencedDeviceMemory"/>,
/// moving data only for validated chains; broken rules become findings, and it asks the driver for a reset.
/// Counts <c>pops</c> and <c>breaches</c> (accesses outside what it may touch; must stay 0).
/// </summary>
public sealed class HostileTarget : Actor, IQueueViolationSink
{
    private readonly HostileQueueSetup _setup;
    private readonly ActorRef _driver;
    private readonly DescriptorChain _chain = new();
    private readonly byte[] _data = new byte[4096];
    private readonly Counter _pops, _breaches;
    private FencedDeviceQueue? _queue;
    private bool _awaitingReset;

    /// <summary>The device over <paramref name="setup"/>'s rings, asking <paramref name="driver"/> for resets.</summary>
    public HostileTarget(HostileQueueSetup setup, ActorRef driver)
    {
        _setup = setup ?? throw new ArgumentNullException(nameof(setup));
        _driver = driver.IsNone ? throw new ArgumentException("a target asks a driver for resets", nameof(driver)) : driver;
        _pops = NewCounter("pops");
        _breaches = NewCounter("breaches");
    }

    /// <inheritdoc />
    protected override void OnStart() => _queue = new FencedDeviceQueue(_setup.CreateDevice(this), _setup.Fence);

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        if (message is DeviceWasReset)
        {
            _awaitingReset = false;
            _queue = new FencedDeviceQueue(_setup.CreateDevice(this), _setup.Fence);
            return;
        }
        if (message is not QueueKick) Unhandled(message);
        if (_awaitingReset || _queue is null) return;   // a device that asked for a reset ignores kicks until it gets one
        long before = _setup.Fence.BreachCount;
        _pops.Add(HostileDriverRun.Serve(_queue, _chain, _data));
        _breaches.Add(_setup.Fence.BreachCount - before);
        if (_queue.IsBroken)
        {
            _awaitingReset = true;
            Send(_driver, NeedsReset.Instance);
        }
    }

    /// <inheritdoc />
    public void Violation(QueueRule rule, string detail)
    {
        var (name, section) = QueueRules.Describe(rule);
        ReportFinding(name, detail, section);
    }
}
