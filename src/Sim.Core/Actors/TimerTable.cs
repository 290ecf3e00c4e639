namespace Sim.Core.Actors;

/// <summary>
/// An actor's pending timers: each key names at most one pending timer, identified by the send counter of its event.
/// Setting a key again replaces the old timer; a cancelled or replaced timer's event is dropped when it comes due
/// (lazy deletion: the event stays queued, which is cheaper than removing it from the heap).
/// </summary>
internal sealed class TimerTable
{
    private readonly Dictionary<object, long> _sequenceByKey = new();
    private readonly Dictionary<long, object> _keyBySequence = new();

    public void Set(object key, long sequence)
    {
        if (_sequenceByKey.Remove(key, out long old)) _keyBySequence.Remove(old);
        _sequenceByKey[key] = sequence;
        _keyBySequence[sequence] = key;
    }

    public bool Cancel(object key)
    {
        if (!_sequenceByKey.Remove(key, out long sequence)) return false;
        _keyBySequence.Remove(sequence);
        return true;
    }

    public bool IsPending(object key) => _sequenceByKey.ContainsKey(key);

    /// <summary>True (and forgets the timer) if the timer event with this sequence is still live.</summary>
    public bool ClaimDelivery(long sequence)
    {
        if (!_keyBySequence.Remove(sequence, out object? key)) return false;
        _sequenceByKey.Remove(key);
        return true;
    }
}
