namespace Sim.Devices.Sound;

/// <summary>
/// The device's side of one output stream's buffer (virtio 1.2, 5.14.6.8.1): the I/O messages it has taken from the
/// txq and not yet played, in order, and what happens at each period's deadline, when the host's audio server needs the
/// next period. If a whole period is queued the device takes it (<see cref="Tick"/>): every message it empties is
/// complete, with the bytes still queued behind it as its latency (<c>latency_bytes</c>); otherwise the deadline is an
/// underrun (an xrun: the host plays silence, nothing is taken) and the stream is starved until a period is queued
/// again; the message that ends a starvation arrived after the deadline that needed it (a deadline miss). Pure; the
/// message type is the caller's.
/// </summary>
/// <typeparam name="T">What the caller keeps per message (the device: the chain and its stamp).</typeparam>
public sealed class PlaybackBuffer<T>
{
    private readonly Queue<(T Message, int Bytes)> _messages = new();
    private int _headTaken;

    /// <summary>Bytes queued and not yet played.</summary>
    public int QueuedBytes { get; private set; }

    /// <summary>Messages queued (the first perhaps partly played).</summary>
    public int Count => _messages.Count;

    /// <summary>Whether the last deadline found less than a period queued and no period has been queued since.</summary>
    public bool Starved { get; private set; }

    /// <summary>
    /// Queues <paramref name="message"/> of <paramref name="bytes"/> PCM bytes; true when it ends a starvation (a whole
    /// <paramref name="periodBytes"/> period is queued again after a deadline found none: it is late).
    /// </summary>
    public bool Enqueue(T message, int bytes, int periodBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodBytes);
        _messages.Enqueue((message, bytes));
        QueuedBytes += bytes;
        if (!Starved || QueuedBytes < periodBytes) return false;
        Starved = false;
        return true;
    }

    /// <summary>
    /// A period's deadline: takes <paramref name="periodBytes"/> if that much is queued, adding every message it empties
    /// to <paramref name="completed"/> with the bytes still queued behind it, and returns true; otherwise an underrun:
    /// nothing is taken, the stream is <see cref="Starved"/>, false.
    /// </summary>
    public bool Tick(int periodBytes, List<(T Message, int LatencyBytes)> completed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodBytes);
        ArgumentNullException.ThrowIfNull(completed);
        if (QueuedBytes < periodBytes)
        {
            Starved = true;
            return false;
        }
        int wanted = periodBytes;
        while (wanted > 0)
        {
            var (message, bytes) = _messages.Peek();
            int take = Math.Min(wanted, bytes - _headTaken);
            _headTaken += take;
            wanted -= take;
            QueuedBytes -= take;
            if (_headTaken < bytes) break;
            _messages.Dequeue();
            _headTaken = 0;
            completed.Add((message, QueuedBytes));
        }
        return true;
    }

    /// <summary>Takes every queued message out, in order, into <paramref name="into"/> (a RELEASE or a reset); the buffer is empty and not starved.</summary>
    public void Drain(List<T> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        while (_messages.Count > 0) into.Add(_messages.Dequeue().Message);
        _headTaken = 0;
        QueuedBytes = 0;
        Starved = false;
    }
}
