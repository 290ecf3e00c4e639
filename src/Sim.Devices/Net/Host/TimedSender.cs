using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Net.Device;

namespace Sim.Devices.Net.Host;

/// <summary>
/// A time-sensitive sample application on the sending host (the STR-68 set-up): one frame of <c>frameBytes</c> every
/// <c>period</c> from a random phase, stamped with the time the application sends it, reaching <see cref="Next"/> (the
/// link's time-sensitive queue) after the send path of the host stack (<c>stack</c>: syscall, UDP/IP, qdisc, driver).
/// Metrics: <c>sent</c>.
/// </summary>
/// <param name="period">Time between frames.</param>
/// <param name="frameBytes">Frame length.</param>
/// <param name="stack">Send-path latency to the link.</param>
/// <param name="flow">The flow id carried in the frames.</param>
public sealed class TimedSender(SimTime period, long frameBytes, SimTime stack, int flow = 0) : Actor
{
    private sealed class Tick { public static readonly Tick Instance = new(); }

    private static readonly Sim.Core.Costs.CostKey StackKey = Sim.Core.Costs.CostKey.Of("net.host.txStack");
    private long _sequence;
    private Counter? _sent;
    private Sim.Core.Costs.CostLedger? _ledger;

    /// <summary>Where frames go; set by the world builder (required: a run without it stops at time zero).</summary>
    public ActorRef Next { get; set; }

    /// <inheritdoc />
    protected override void OnStart()
    {
        RequireWired(Next);
        _sent = NewCounter("sent");
        _ledger = NewLedger();
        SetTimer(Tick.Instance, Tick.Instance, new SimTime((long)Random.NextUInt64((ulong)period.Picoseconds)));
    }

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        if (message is not Tick) Unhandled(message);
        _sent!.Increment();
        _ledger!.Delay(new Sim.Core.Costs.CostCharge(StackKey, 1, stack));
        Send(Next, new NetFrame(frameBytes, Now, ++_sequence, flow, Timed: true), stack);
        SetTimer(Tick.Instance, Tick.Instance, period);
    }
}
