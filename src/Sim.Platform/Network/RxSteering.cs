using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Devices.Net;

namespace Sim.Platform.Network;

/// <summary>
/// A receiving NIC's steering of frames to its receive queues (RSS, or ntuple flow rules: <c>ethtool -N ... action Q</c>),
/// each queue the first stage of its own softirq chain: every frame of a flow goes to the same queue, at no cost (the
/// NIC's hardware does it). Which queue a flow lands on is given (<see cref="QueueOf"/>): an explicit rule per flow, or
/// for the others a fixed hash of the flow standing for the NIC's Toeplitz hash of its 5-tuple (Microsoft RSS
/// specification; the i225 has 4 receive queues).
/// Metrics: <c>rxqQ/steered</c>, frames put on each queue. Any other message is a model bug.
/// </summary>
public sealed class RxSteering : Actor
{
    private readonly IReadOnlyList<ActorRef> _queues;
    private readonly IReadOnlyList<int> _rules;
    private readonly Counter[] _steered;

    /// <summary>Steering to <paramref name="queues"/>, flow <c>f</c> to <c>rules[f]</c> when given, else by the hash.</summary>
    public RxSteering(IReadOnlyList<ActorRef> queues, IReadOnlyList<int> rules)
    {
        if (queues.Count == 0 || queues.Any(q => q.IsNone)) throw new ArgumentException("a NIC steers its frames to one or more queues", nameof(queues));
        if (rules.Any(q => q < 0 || q >= queues.Count)) throw new ArgumentOutOfRangeException(nameof(rules), $"a steering rule names a queue beyond 0..{queues.Count - 1}");
        _queues = queues;
        _rules = rules;
        _steered = Enumerable.Range(0, queues.Count).Select(q => NewCounter($"rxq{q}/steered")).ToArray();
    }

    /// <summary>The queue of <paramref name="flow"/> among <paramref name="queues"/>: its rule, or the hash.</summary>
    public static int QueueOf(int flow, int queues, IReadOnlyList<int> rules) =>
        flow >= 0 && flow < rules.Count ? rules[flow] : (int)(Mix((ulong)flow) % (ulong)queues);

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        if (message is not NetFrame frame)
        {
            Unhandled(message);
            return;
        }
        int queue = QueueOf(frame.Flow, _queues.Count, _rules);
        _steered[queue].Increment();
        Send(_queues[queue], frame);
    }

    // SplitMix64's finaliser: a fixed, well-spread hash of the flow id.
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
