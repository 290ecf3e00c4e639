namespace Sim.Devices.Sound;

/// <summary>
/// The device's side of one input stream (virtio 1.2, 5.14.6.8.2): the I/O messages the driver has posted on the rxq
/// and the device has not yet filled, in order, and what happens at each period's end, when the host's audio server
/// has a period of captured frames to hand over. If a message is posted the oldest takes the period
/// (<see cref="Tick"/>); otherwise the period is an overrun (an xrun: its frames are lost, nothing is filled). Pure; the
/// message type is the caller's.
/// </summary>
/// <typeparam name="T">What the caller keeps per message (the device: the chain).</typeparam>
public sealed class CaptureBuffer<T>
{
    private readonly Queue<T> _posted = new();

    /// <summary>Messages posted and not yet filled.</summary>
    public int Count => _posted.Count;

    /// <summary>Posts <paramref name="message"/>: it waits for a period's end.</summary>
    public void Post(T message) => _posted.Enqueue(message);

    /// <summary>A period's end: the oldest posted message in <paramref name="message"/> and true, or an overrun (none posted): false.</summary>
    public bool Tick(out T message)
    {
        if (_posted.Count == 0)
        {
            message = default!;
            return false;
        }
        message = _posted.Dequeue();
        return true;
    }

    /// <summary>Takes every posted message out, in order, into <paramref name="into"/> (a RELEASE or a reset).</summary>
    public void Drain(List<T> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        while (_posted.Count > 0) into.Add(_posted.Dequeue());
    }
}
