using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Common;

/// <summary>
/// The lifecycle side of <see cref="VirtioDriver"/>: a driver that resets its device in the middle of a run and brings it
/// up again (virtio 1.2, 2.4 device reset; 3.1.1 initialisation), as Linux does when it recovers a device or re-probes
/// it. At <see cref="ResetAt"/> the driver writes 0 to the device status and submits nothing more; the write's handling
/// ends when the backend has stopped (<see cref="TransportStopped"/>: it holds no queue, request or mapping of the
/// device). Then the driver reclaims what the device completed before it stopped (its used elements are in the old
/// ring, whether or not their interrupt survived the reset), takes back every other request
/// whose chain was in a ring (the device will never complete it: each is counted in <c>failedByReset</c>, its buffers
/// unmapped, and its latency not recorded), clears the rings (a driver allocates its rings zeroed; they stay at the
/// same guest addresses), initialises the device again and goes on with its workload. Requests prepared but not yet in the ring, and open-loop arrivals waiting in the application, are kept and
/// submitted once the device is up. The transport's reset and queue-stop events reach the backend through the
/// driver's <see cref="BackendLink"/>, at the time of the register write.
/// Metrics (only for a driver with a reset scheduled): <c>resets</c>, <c>failedByReset</c>.
/// </summary>
public abstract partial class VirtioDriver
{
    private sealed class ResetDevice { public static readonly ResetDevice Instance = new(); }

    private bool _resetting;
    private Counter? _resets, _failedByReset;

    /// <summary>
    /// When the driver resets and re-initialises its device, or null (the default: never). Set by the world builder
    /// before the run; only for a driver that <see cref="SupportsReset"/>.
    /// </summary>
    public SimTime? ResetAt
    {
        get;
        set
        {
            if (value is not null && !SupportsReset) throw new InvalidOperationException($"driver '{GetType().Name}' cannot take back requests at a device reset");
            if (value is { } at && at < SimTime.Zero) throw new ArgumentOutOfRangeException(nameof(value), at, "a reset time is not negative");
            field = value;
        }
    }

    /// <summary>Whether this driver can take back the requests in its rings at a reset (<see cref="Abandon"/>).</summary>
    protected virtual bool SupportsReset => false;

    /// <summary>
    /// The device was reset with <paramref name="slot"/>'s chain in the ring: give back its buffers (unmap) and forget
    /// what the request expected; the request failed. Only called when <see cref="SupportsReset"/>.
    /// </summary>
    protected virtual void Abandon(int slot) =>
        throw new NotSupportedException($"driver '{Id}' cannot take back request slot {slot} at a reset");

    private void StartLifecycle()
    {
        if (ResetAt is not { } at) return;
        _resets = NewCounter("resets");
        _failedByReset = NewCounter("failedByReset");
        SetTimer(ResetDevice.Instance, ResetDevice.Instance, at);
    }

    /// <summary>Writes 0 to the device status; the rest waits for the backend to stop.</summary>
    private void BeginReset()
    {
        _resets!.Increment();
        _resetting = true;
        bool done = _session.Charged(t => t.Reset());
        if (!done)
        {
            ReportFinding("device-reset-failed", "the device status did not read back 0 after the reset", "virtio 1.2, 4.1.4.3.2");
            _stopped = true;
        }
    }

    /// <summary>
    /// The backend has stopped (after this driver's reset, or any other: the answer to a reset the driver did not ask
    /// for, such as the first step of initialisation, changes nothing).
    /// </summary>
    private void OnBackendStopped()
    {
        if (!_resetting) return;
        _resetting = false;
        if (_stopped) return;
        FailAndReinitialise();
    }

    /// <summary>Fails the requests in the rings and brings the device up again with the workload going on.</summary>
    private void FailAndReinitialise()
    {
        // What the device completed before it stopped is complete: its used elements are in the old ring, whether or
        // not their interrupt survived the reset (the reset clears the interrupt status).
        if (Queue is { IsBroken: false } old)
        {
            var requests = new Requests(this);
            old.ReclaimUsed(ref requests, suppress: false);
        }
        foreach (int slot in _inFlight.Order())
        {
            Abandon(slot);
            _failedByReset!.Increment();
            _free.Push(slot);
        }
        _inFlight.Clear();
        _session.ClearRings();
        Queue = null;
        if (!InitialiseDevice())
        {
            _stopped = true;
            return;
        }
        OnTransportReady();
        _arrivals.SlotsFreed();
    }
}
