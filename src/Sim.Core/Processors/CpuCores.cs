using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Core.Processors;

/// <summary>
/// A machine's cores as an actor: other actors ask for CPU work on one of its threads (<see cref="CpuWork"/>) and are told
/// when the scheduler has run it (<see cref="CpuWorkDone"/>), so the time a piece of work takes is its work plus the wait
/// for a core that the other threads' load causes (<see cref="FairScheduler"/>). A thread's pieces run in the order they
/// were asked for. The threads are declared when the actor is built.
/// Metrics: per thread <c>NAME/coreWait</c> (time each piece waited for a core, a histogram), <c>NAME/pieces</c> and
/// <c>NAME/running</c> (1 while on a core: its mean is the share of a core it got); per core <c>coreI/utilization</c>
/// (1 while it runs a thread). Any other message is a model bug.
/// </summary>
public sealed class CpuCores : Actor
{
    private readonly FairScheduler _scheduler;
    private readonly Queue<(ActorRef Asker, long Token, long Work)>[] _asked;
    private readonly LatencyHistogram[] _wait;
    private readonly Counter[] _pieces;
    private readonly TimeWeightedGauge[] _running, _busy;
    private readonly int[] _onCore;
    private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal);
    private static readonly object TimerKey = new();

    /// <summary><paramref name="cores"/> cores (<paramref name="isolated"/> of them for pinned threads only) running <paramref name="threads"/>.</summary>
    public CpuCores(int cores, FairSchedulerSettings settings, IReadOnlyList<CpuThreadSpec> threads, IReadOnlyCollection<int>? isolated = null)
    {
        _busy = Enumerable.Range(0, cores).Select(c => NewGauge($"core{c}/utilization")).ToArray();
        _onCore = Enumerable.Repeat(-1, cores).ToArray();
        _scheduler = new FairScheduler(cores, settings, isolated, onSwitch: OnSwitch);
        _asked = new Queue<(ActorRef, long, long)>[threads.Count];
        _wait = new LatencyHistogram[threads.Count];
        _pieces = new Counter[threads.Count];
        _running = new TimeWeightedGauge[threads.Count];
        for (int i = 0; i < threads.Count; i++)
        {
            var spec = threads[i];
            if (!_byName.TryAdd(spec.Name, i)) throw new ArgumentException($"two threads named '{spec.Name}'", nameof(threads));
            _scheduler.AddThread(spec);
            _asked[i] = new();
            _wait[i] = NewLatencyHistogram($"{spec.Name}/coreWait");
            _pieces[i] = NewCounter($"{spec.Name}/pieces");
            _running[i] = NewGauge($"{spec.Name}/running");
        }
    }

    /// <summary>The number of the thread named <paramref name="name"/>, for <see cref="CpuWork.Thread"/>.</summary>
    public int ThreadNamed(string name) =>
        _byName.TryGetValue(name, out int thread) ? thread : throw new ArgumentException($"no thread named '{name}'", nameof(name));

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        switch (message)
        {
            case CpuWork work:
                if (work.Thread < 0 || work.Thread >= _asked.Length)
                    throw new InvalidOperationException($"'{sender}' asked for thread {work.Thread} of {Id}, which has {_asked.Length}");
                _asked[work.Thread].Enqueue((sender, work.Token, work.Work.Picoseconds));
                _scheduler.Wake(work.Thread, Now, work.Work, work.Hold);
                break;
            case SchedulerEvent:
                _scheduler.RunUntil(Now);
                break;
            default:
                Unhandled(message);
                return;
        }
        Reply();
        var next = _scheduler.NextEvent;
        if (next == SimTime.MaxValue) CancelTimer(TimerKey);
        else SetTimer(TimerKey, SchedulerEvent.Instance, next - Now);
    }

    private void OnSwitch(int core, int thread, SimTime at)
    {
        if (_onCore[core] >= 0) _running[_onCore[core]].Set(at, 0);
        _onCore[core] = thread;
        if (thread >= 0) _running[thread].Set(at, 1);
        _busy[core].Set(at, thread >= 0 ? 1 : 0);
    }

    private void Reply()
    {
        foreach (var done in _scheduler.TakeDone())
        {
            var (asker, token, work) = _asked[done.Thread].Dequeue();
            _pieces[done.Thread].Increment();
            _wait[done.Thread].Record(new SimTime(done.At.Picoseconds - done.WokenAt.Picoseconds - work));
            Send(asker, new CpuWorkDone(token, done.WokenAt));
        }
    }

    private sealed class SchedulerEvent
    {
        public static readonly SchedulerEvent Instance = new();
    }
}

/// <summary>
/// Run <paramref name="Work"/> of CPU work on thread <paramref name="Thread"/> of a <see cref="CpuCores"/>; <paramref name="Token"/>
/// comes back in the reply. <paramref name="Hold"/>: afterwards the thread keeps its core until it is given its next work
/// (sent at the instant of the reply), as a thread that got a core and is about to run.
/// </summary>
public sealed record CpuWork(int Thread, SimTime Work, long Token, bool Hold = false);

/// <summary>The <see cref="CpuWork"/> with <paramref name="Token"/>, asked for at <paramref name="AskedAt"/>, has run (the reply's arrival is when).</summary>
public sealed record CpuWorkDone(long Token, SimTime AskedAt);
