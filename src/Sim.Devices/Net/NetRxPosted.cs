using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Net;

/// <summary>
/// The receive buffers a virtio-net device has popped from each queue pair's receive queue but not used yet (virtio
/// 1.2, 5.1.6.3): a frame takes one buffer, or with VIRTIO_NET_F_MRG_RXBUF (<see cref="Mergeable"/>) as many as hold its
/// header and bytes, popped only when a frame needs them; buffers left over wait for the next frame. Chain objects are
/// reused (a spare pool) once their buffers are used or forgotten. Owned by one <see cref="NetBackend"/> and used only
/// in its turns.
/// </summary>
internal sealed class NetRxPosted(int pairs)
{
    private readonly List<DescriptorChain>[] _posted = Enumerable.Range(0, pairs).Select(_ => new List<DescriptorChain>()).ToArray();
    private readonly Stack<DescriptorChain> _spare = new();

    /// <summary>Whether a frame may span several buffers (VIRTIO_NET_F_MRG_RXBUF negotiated).</summary>
    public bool Mergeable { get; set; }

    /// <summary>The buffers held for pair <paramref name="pair"/>, in the order they were popped.</summary>
    public IReadOnlyList<DescriptorChain> Held(int pair) => _posted[pair];

    /// <summary>
    /// Pops buffers from <paramref name="queue"/> (calling <paramref name="popped"/> for each) until pair
    /// <paramref name="pair"/> holds <paramref name="total"/> bytes (one buffer without MRG_RXBUF); when the driver has
    /// posted too few, re-enables kicks (vhost_enable_notify) and reports false.
    /// </summary>
    public bool Gather(IDeviceQueue queue, int pair, long total, Action popped)
    {
        var posted = _posted[pair];
        while (!Enough(posted, total))
        {
            var chain = _spare.TryPop(out var spare) ? spare : new DescriptorChain();
            // Buffers that arrive while kicks are re-enabled are taken, with kicks suppressed again.
            if (!queue.TryPopOrEnableNotifications(chain, suppressAgain: true))
            {
                _spare.Push(chain);
                return false;
            }
            popped();
            posted.Add(chain);
        }
        return true;
    }

    /// <summary>The first <paramref name="count"/> buffers of pair <paramref name="pair"/> were used: their chains are spare.</summary>
    public void Use(int pair, int count)
    {
        var posted = _posted[pair];
        for (int i = 0; i < count; i++) _spare.Push(posted[i]);
        posted.RemoveRange(0, count);
    }

    /// <summary>Forgets the buffers held for receive queue <paramref name="queue"/> (stopped), if it is one.</summary>
    public void Forget(int queue)
    {
        if (queue % 2 == 0 && queue / 2 < _posted.Length)
        {
            foreach (var chain in _posted[queue / 2]) _spare.Push(chain);
            _posted[queue / 2].Clear();
        }
    }

    /// <summary>Forgets every buffer held (a device reset).</summary>
    public void ForgetAll()
    {
        foreach (var posted in _posted)
        {
            foreach (var chain in posted) _spare.Push(chain);
            posted.Clear();
        }
    }

    private bool Enough(List<DescriptorChain> posted, long total)
    {
        if (!Mergeable) return posted.Count > 0;
        long held = 0;
        foreach (var chain in posted) held += chain.WritableLength;
        return held >= total;
    }
}
