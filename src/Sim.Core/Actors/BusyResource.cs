using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Core.Actors;

/// <summary>
/// A CPU-like actor (a vCPU, a backend thread, a server) that serves one message at a time, first come first served.
/// <see cref="Serve"/> declares the work it does with <see cref="Spend"/>; messages it sends leave once the work spent so
/// far is done, and later arrivals wait. Queueing delay therefore emerges from the model, not from a formula.
/// Records <c>wait</c> and <c>sojourn</c> histograms, <c>queue</c> and <c>utilization</c> gauges and a <c>served</c> counter.
/// </summary>
public abstract class BusyResource : Actor
{
    private readonly Queue<Arrival> _waiting = new();
    private bool _busy;
    private LatencyHistogram? _wait;
    private LatencyHistogram? _sojourn;
    private TimeWeightedGauge? _queue;
    private TimeWeightedGauge? _utilization;
    private Counter? _served;

    private readonly record struct Arrival(object Message, ActorRef Sender, SimTime ArrivedAt);

    private sealed class ServiceDone
    {
        public static readonly ServiceDone Instance = new();
    }

    /// <summary>The work declared so far while serving the current message.</summary>
    protected SimTime Spent => new(SendOffset);

    /// <summary>Registers the resource's statistics; call the base when overriding.</summary>
    protected override void OnStart()
    {
        _wait = NewLatencyHistogram("wait");
        _sojourn = NewLatencyHistogram("sojourn");
        _queue = NewGauge("queue");
        _utilization = NewGauge("utilization");
        _served = NewCounter("served");
    }

    /// <summary>Serves one message: call <see cref="Spend"/> for the work it takes, and send the results.</summary>
    protected abstract void Serve(object message, ActorRef sender);

    /// <summary>Declares <paramref name="cost"/> of work; sends made after this leave when the work is done.</summary>
    protected void Spend(SimTime cost)
    {
        if (cost.Picoseconds < 0) throw new ArgumentOutOfRangeException(nameof(cost), cost, $"actor '{Id}' declared a negative cost");
        SendOffset = checked(SendOffset + cost.Picoseconds);
    }

    /// <inheritdoc />
    protected sealed override void Receive(object message, ActorRef sender)
    {
        if (ReferenceEquals(message, ServiceDone.Instance))
        {
            _busy = false;
            if (_waiting.Count > 0)
            {
                var next = _waiting.Dequeue();
                _queue?.Set(Now, _waiting.Count);
                Begin(next);
            }
            else
            {
                _utilization?.Set(Now, 0);
            }
            return;
        }
        var arrival = new Arrival(message, sender, Now);
        if (_busy)
        {
            _waiting.Enqueue(arrival);
            _queue?.Set(Now, _waiting.Count);
            return;
        }
        Begin(arrival);
    }

    private void Begin(Arrival arrival)
    {
        _busy = true;
        _utilization?.Set(Now, 1);
        _wait?.Record(Now - arrival.ArrivedAt);
        SendOffset = 0;
        Serve(arrival.Message, arrival.Sender);
        SimTime cost = Spent;
        SendOffset = 0;
        _sojourn?.Record(Now + cost - arrival.ArrivedAt);
        _served?.Increment();
        Send(Self, ServiceDone.Instance, cost);
    }
}
