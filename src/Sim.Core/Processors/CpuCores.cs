using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Core.Processors;

/// <summary>
/// A machine's cores as an actor: other actors ask for CPU work on one of its threads (<see cref="CpuWork"/>) and are told
/// when the scheduler has run it (<see cref="CpuWorkDone"/>), so the time a piece of work takes is its work plus the wait
/// for a core that the other threads' load causes (<see cref="FairScheduler"/>). A thread's pieces run in the order they
/// were asked for. The threads are declared when the actor is built.
/// Metrics: per thread <c>NAME/wait</c> (time each piece waited for a core, a histogram), <c>NAME/pieces</c> and
/// <c>NAME/ranPs</c>; per core <c>coreI/busyPs</c> (both counted when a stretch of running ends). Any other message is
/// a model bug.
/// </summary>
public sealed class CpuCores : Actor
{
    private readonly FairScheduler _scheduler;
    private readonly Queue<(ActorRef Asker, long Token, long Work)>[] _asked;
    private readonly LatencyHistogram[] _wait;
    private readonly Counter[] _pieces, _ran, _busy;
    private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal);
    private static readonly object TimerKey = new();

    /// <summary><paramref name="cores"/> cores (<paramref name="isolated"/> of them for pinned threads only) running <paramref name="threads"/>.</summary>
    public CpuCores(int cores, FairSchedulerSettings settings, IReadOnlyList<CpuThreadSpec> threads, IReadOnlyCollection<int>? isolated = null)
    {
        _busy = Enumerable.Range(0, cores).Select(c => NewCounter($"core{c}/busyPs", "ps")).ToArray();
        _scheduler = new FairScheduler(cores, settings, isolated, OnSegment);
        _asked = new Queue<(ActorRef, long, long)>[threads.Count];
        _wait = new LatencyHistogram[threads.Count];
        _pieces = new Counter[threads.Count];
        _ran = new Counter[threads.Count];
        for (int i = 0; i < threads.Count; i++)
        {
            var spec = threads[i];
            if (!_byName.TryAdd(spec.Name, i)) throw new ArgumentException($"two threads named '{spec.Name}'", nameof(threads));
            _scheduler.AddThread(spec);
            _asked[i] = new();
            _wait[i] = NewLatencyHistogram($"{spec.Name}/wait");
            _pieces[i] = NewCounter($"{spec.Name}/pieces");
            _ran[i] = NewCounter($"{spec.Name}/ranPs", "ps");
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
                _scheduler.Wake(work.Thread, Now, work.Work);
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

    private void OnSegment(RunSegment segment)
    {
        _busy[segment.Core].Add(segment.End - segment.Start);
        _ran[segment.Thread].Add(segment.End - segment.Start);
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

/// <summary>Run <paramref name="Work"/> of CPU work on thread <paramref name="Thread"/> of a <see cref="CpuCores"/>; <paramref name="Token"/> comes back in the reply.</summary>
public sealed record CpuWork(int Thread, SimTime Work, long Token);

/// <summary>The <see cref="CpuWork"/> with <paramref name="Token"/>, asked for at <paramref name="AskedAt"/>, has run (the reply's arrival is when).</summary>
public sealed record CpuWorkDone(long Token, SimTime AskedAt);
