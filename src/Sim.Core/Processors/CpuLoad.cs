using Sim.Core.Actors;
using Sim.Core.Time;

namespace Sim.Core.Processors;

/// <summary>
/// Background CPU load on one thread of a <see cref="CpuCores"/>: it asks for bursts of CPU work of a fixed size and
/// sleeps between them for exponentially distributed times (from its own random stream) whose mean makes it busy the
/// given fraction of the time when it has a core of its own (mean sleep = burst·(1 − busy)/busy; busy 1 never sleeps), as a load generator with on/off cycles (stress-ng's <c>--cpu-load</c>) or a service that wakes to work.
/// It starts after one sleep, so threads started together are out of phase. Metric <c>bursts</c>.
/// </summary>
public sealed class CpuLoad : Actor
{
    private readonly ActorRef _cpus;
    private readonly int _thread;
    private readonly SimTime _burst;
    private readonly double _meanSleepPs;
    private readonly Statistics.Counter _bursts;
    private long _token;

    /// <summary>Load on thread <paramref name="thread"/> of <paramref name="cpus"/>: bursts of <paramref name="burst"/>, busy a fraction <paramref name="busy"/> (0, 1].</summary>
    public CpuLoad(ActorRef cpus, int thread, SimTime burst, double busy)
    {
        if (burst <= SimTime.Zero) throw new ArgumentOutOfRangeException(nameof(burst), burst, "a burst needs positive work");
        if (!(busy > 0 && busy <= 1)) throw new ArgumentOutOfRangeException(nameof(busy), busy, "busy is a fraction in (0, 1]");
        _cpus = cpus;
        _thread = thread;
        _burst = burst;
        _meanSleepPs = burst.Picoseconds * (1 - busy) / busy;
        _bursts = NewCounter("bursts");
    }

    /// <inheritdoc />
    protected override void OnStart() => Sleep();

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        switch (message)
        {
            case Wake:
                Send(_cpus, new CpuWork(_thread, _burst, ++_token));
                break;
            case CpuWorkDone when sender == _cpus:
                _bursts.Increment();
                Sleep();
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Sleep()
    {
        long sleep = _meanSleepPs <= 0 ? 0 : (long)Random.NextExponential(_meanSleepPs);
        SetTimer(Wake.Instance, Wake.Instance, new SimTime(sleep));
    }

    private sealed class Wake
    {
        public static readonly Wake Instance = new();
    }
}
