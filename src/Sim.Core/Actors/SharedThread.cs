using Sim.Core.Statistics;

namespace Sim.Core.Actors;

/// <summary>
/// One thread that the work of several <see cref="BusyResource"/>s runs on (<see cref="BusyResource.RunOn"/>): a worker
/// whose work list several producers fill, as a kernel worker thread serves the work items queued to it one after another.
/// A resource asks for the thread before each piece of work (<see cref="ThreadRequest"/>), is given it in the order it
/// asked (<see cref="ThreadGiven"/>) and gives it back when the work is done (<see cref="ThreadRelease"/>), so the pieces
/// of all its resources never overlap and none waits longer than the pieces queued before it. A turn says whether the
/// thread was idle when asked: only then did the request have to wake it.
/// Metrics: <c>turns</c> (pieces of work run), <c>utilization</c> (time-weighted, 1 while a resource holds it), <c>queue</c> (resources waiting).
/// Any other message is a model bug.
/// </summary>
public sealed class SharedThread : Actor
{
    private readonly Queue<(ActorRef Resource, bool WasIdle)> _waiting = new();
    private ActorRef _holder;
    private readonly Counter _turns;
    private readonly TimeWeightedGauge _utilization, _queue;

    /// <summary>A thread, idle, with its metrics.</summary>
    public SharedThread()
    {
        _turns = NewCounter("turns");
        _utilization = NewGauge("utilization");
        _queue = NewGauge("queue");
    }

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        switch (message)
        {
            case ThreadRequest:
                bool idle = _holder.IsNone && _waiting.Count == 0;
                _waiting.Enqueue((sender, idle));
                if (_holder.IsNone) GiveNext();
                else _queue.Set(Now, _waiting.Count);
                break;
            case ThreadRelease:
                if (_holder.IsNone || _holder != sender)
                    throw new InvalidOperationException($"thread '{Id}': '{sender}' gave back a thread held by '{(_holder.IsNone ? "nobody" : _holder.ToString())}'");
                _holder = default;
                if (_waiting.Count > 0) GiveNext();
                else _utilization.Set(Now, 0);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void GiveNext()
    {
        var (resource, wasIdle) = _waiting.Dequeue();
        _holder = resource;
        _turns.Increment();
        _utilization.Set(Now, 1);
        _queue.Set(Now, _waiting.Count);
        Send(resource, wasIdle ? ThreadGiven.WhenIdle : ThreadGiven.WhenBusy);
    }
}

/// <summary>A resource asks its <see cref="SharedThread"/> for the thread, to run one piece of work.</summary>
public sealed class ThreadRequest
{
    /// <summary>The one instance (the message carries nothing).</summary>
    public static readonly ThreadRequest Instance = new();

    private ThreadRequest() { }
}

/// <summary>The <see cref="SharedThread"/> is the asking resource's until it sends <see cref="ThreadRelease"/>.</summary>
/// <param name="WasIdle">Whether the thread was idle when asked (nothing running, nothing waiting): the request woke it.</param>
public sealed record ThreadGiven(bool WasIdle)
{
    /// <summary>The thread given to a request that found it idle.</summary>
    public static readonly ThreadGiven WhenIdle = new(true);

    /// <summary>The thread given to a request that found it busy.</summary>
    public static readonly ThreadGiven WhenBusy = new(false);
}

/// <summary>A resource gives its <see cref="SharedThread"/> back: its piece of work is done.</summary>
public sealed class ThreadRelease
{
    /// <summary>The one instance (the message carries nothing).</summary>
    public static readonly ThreadRelease Instance = new();

    private ThreadRelease() { }
}
