using Sim.Core.Processors;
using Sim.Core.Time;

namespace Sim.Core.Actors;

/// <summary>
/// The turns of a <see cref="BusyResource"/> whose work runs as a thread of a machine's cores
/// (<see cref="BusyResource.RunOnCpu"/>). A turn first asks for a core and keeps it (<see cref="Dispatch"/>); when it
/// has one the resource serves, its sends kept with the work offset each was made at; the turn's work is then cut into
/// pieces that end where a send was made (<see cref="Pieces"/>), so each send leaves when the CPU time before it has
/// actually run, however long the scheduler keeps the thread off a core (<see cref="Answer"/>).
/// </summary>
internal sealed class CpuTurn(ActorRef cpus, int thread)
{
    private readonly List<Actor.DeferredSend> _sends = [];
    private readonly List<long> _boundaries = [];
    private readonly List<CpuWork> _pieces = [];
    private int _released, _piece;
    private long _asked, _answered;
    private bool _dispatching;

    /// <summary>How a <see cref="CpuWorkDone"/> moved the turn on.</summary>
    public enum Step
    {
        /// <summary>The thread has a core: serve now.</summary>
        Dispatched,
        /// <summary>A piece ran and its sends left; more pieces follow.</summary>
        Piece,
        /// <summary>The turn's last piece ran.</summary>
        Done,
    }

    /// <summary>The machine's cores.</summary>
    public ActorRef Cpus { get; } = cpus;

    /// <summary>The request for a core that starts a turn (no work; the thread keeps the core for the pieces that follow).</summary>
    public CpuWork Dispatch()
    {
        _dispatching = true;
        return new CpuWork(thread, SimTime.Zero, ++_asked, Hold: true);
    }

    /// <summary>The list the resource's sends go to while it serves (emptied).</summary>
    public List<Actor.DeferredSend> Collect()
    {
        _sends.Clear();
        return _sends;
    }

    /// <summary>The pieces of a turn of <paramref name="cost"/> work, cut at its sends' offsets, to ask of the cores in order.</summary>
    public IReadOnlyList<CpuWork> Pieces(long cost)
    {
        // Sequence numbers grow in the order the sends were made, so this keeps that order among equal offsets.
        _sends.Sort(static (a, b) => a.Offset != b.Offset ? a.Offset.CompareTo(b.Offset) : a.Sequence.CompareTo(b.Sequence));
        _boundaries.Clear();
        foreach (var send in _sends)
            if (_boundaries.Count == 0 || _boundaries[^1] != send.Offset) _boundaries.Add(send.Offset);
        if (_boundaries.Count == 0 || _boundaries[^1] != cost) _boundaries.Add(cost);
        _pieces.Clear();
        long previous = 0;
        foreach (long boundary in _boundaries)
        {
            _pieces.Add(new CpuWork(thread, new SimTime(boundary - previous), ++_asked));
            previous = boundary;
        }
        _released = _piece = 0;
        return _pieces;
    }

    /// <summary>The cores ran the next thing asked; a piece releases the sends made up to its end through <paramref name="release"/>.</summary>
    public Step Answer(CpuWorkDone done, Action<Actor.DeferredSend> release)
    {
        if (done.Token != ++_answered) throw new InvalidOperationException($"piece {done.Token} of thread {thread} ran, expecting piece {_answered}");
        if (_dispatching)
        {
            _dispatching = false;
            return Step.Dispatched;
        }
        long end = _boundaries[_piece++];
        while (_released < _sends.Count && _sends[_released].Offset <= end) release(_sends[_released++]);
        return _piece == _boundaries.Count ? Step.Done : Step.Piece;
    }
}
