using Sim.Core.Randomness;

namespace Sim.Devices.Common;

/// <summary>
/// How requests come to a <see cref="VirtioDriver"/>'s request slots, a strategy the driver is given (virtio 1.2,
/// 2.7.13: what the driver then does with each request, adding its chain to the available ring and kicking, is the
/// same whatever the arrivals). Each kind decides what happens once the device is ready, when a completion frees
/// slots, when an arrival comes due and at the end of the run, and owns its own state (the open-loop backlog):
/// <list type="bullet">
/// <item><see cref="ClosedLoop"/>: every free slot busy, a completion replaced at once;</item>
/// <item><see cref="OpenLoop"/>: arrivals at random gaps on their own clock, a backlog in the application;</item>
/// <item><see cref="OnDemand"/>: requests handed over by another actor (SCMI commands from an agent);</item>
/// <item><see cref="ReceiveOnly"/>: none at all (a virtio-net guest that only posts receive buffers).</item>
/// </list>
/// One instance serves one driver: the world builder makes a new one for each.
/// </summary>
public abstract class RequestArrivals
{
    private IRequestSlots? _slots;

    private protected RequestArrivals() { }

    /// <summary>Every free slot busy: a new request as soon as a completion frees one.</summary>
    public static RequestArrivals ClosedLoop() => new ClosedLoopArrivals();

    /// <summary>Arrivals at gaps drawn from <paramref name="interarrival"/>, whatever the device's pace.</summary>
    public static RequestArrivals OpenLoop(DelayDistribution interarrival) => new OpenLoopArrivals(interarrival);

    /// <summary>Closed loop without <paramref name="interarrival"/>, open loop with it (a workload's usual choice).</summary>
    public static RequestArrivals Loop(DelayDistribution? interarrival) =>
        interarrival is null ? ClosedLoop() : OpenLoop(interarrival);

    /// <summary>Requests handed to the driver by another actor (the driver's own <c>SubmitOnDemand</c>).</summary>
    public static RequestArrivals OnDemand() => new OnDemandArrivals();

    /// <summary>No requests: the driver only serves its device's other queues (virtio-net receive, 5.1.6.3).</summary>
    public static RequestArrivals ReceiveOnly() => new ReceiveOnlyArrivals();

    /// <summary>The driver's slots, once attached.</summary>
    private protected IRequestSlots Slots => _slots ?? throw new InvalidOperationException("request arrivals not attached to a driver");

    /// <summary>Attaches to the one driver whose slots these arrivals fill.</summary>
    internal void Attach(IRequestSlots slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        if (_slots is not null) throw new InvalidOperationException("one RequestArrivals serves one driver: make a new one for each");
        _slots = slots;
    }

    /// <summary>At the driver's start: register the arrivals' own metrics (none by default).</summary>
    internal virtual void RegisterMetrics() { }

    /// <summary>The device is ready (and the driver's other queues filled): the first requests.</summary>
    internal abstract void Begin();

    /// <summary>Slots were freed (an interrupt's reclaim, or a reset's take-back and re-initialisation).</summary>
    internal abstract void SlotsFreed();

    /// <summary>The arrival timer fired; only arrivals that set it handle it.</summary>
    internal virtual void ArrivalDue() =>
        throw new InvalidOperationException($"{GetType().Name} sets no arrival timer");

    /// <summary>At the end of a complete run (nothing to report by default).</summary>
    internal virtual void RunEnded() { }
}
