namespace Sim.Core.Actors;

/// <summary>
/// One turn of a <see cref="BusyResource"/> whose work runs on a machine's cores (<see cref="BusyResource.RunOnCpu"/>):
/// the sends it made while serving, kept with the work offset each was made at, and the turn cut into pieces of work
/// that end where a send was made, so each send leaves when the CPU time before it has actually run, however long the
/// scheduler kept the thread off a core. A send made before any work is released when the thread first gets a core.
/// </summary>
internal sealed class CpuTurn
{
    private readonly List<Actor.DeferredSend> _sends = [];
    private readonly List<long> _boundaries = [];
    private int _released, _piece;

    /// <summary>The list the resource's sends go to while it serves (emptied).</summary>
    public List<Actor.DeferredSend> Collect()
    {
        _sends.Clear();
        return _sends;
    }

    /// <summary>Cuts a turn of <paramref name="cost"/> work into pieces at its sends' offsets; adds the pieces' work to <paramref name="pieces"/>.</summary>
    public void Plan(long cost, List<long> pieces)
    {
        // Sequence numbers grow in the order the sends were made, so this keeps that order among equal offsets.
        _sends.Sort(static (a, b) => a.Offset != b.Offset ? a.Offset.CompareTo(b.Offset) : a.Sequence.CompareTo(b.Sequence));
        _boundaries.Clear();
        foreach (var send in _sends)
            if (_boundaries.Count == 0 || _boundaries[^1] != send.Offset) _boundaries.Add(send.Offset);
        if (_boundaries.Count == 0 || _boundaries[^1] != cost) _boundaries.Add(cost);
        long previous = 0;
        foreach (long boundary in _boundaries)
        {
            pieces.Add(boundary - previous);
            previous = boundary;
        }
        _released = _piece = 0;
    }

    /// <summary>The next piece has run: releases the sends made up to its end; true when it was the turn's last piece.</summary>
    public bool PieceDone(Action<Actor.DeferredSend> release)
    {
        long end = _boundaries[_piece++];
        while (_released < _sends.Count && _sends[_released].Offset <= end) release(_sends[_released++]);
        return _piece == _boundaries.Count;
    }
}
