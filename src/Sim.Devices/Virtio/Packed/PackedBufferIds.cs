namespace Sim.Devices.Virtio.Packed;

/// <summary>
/// The packed driver's buffer ids (virtio 1.2, 2.8.6): a free list of ids in [0, N) and, per id in flight,
/// the caller's token, the ring descriptors the chain occupies (the driver skips that many slots when it reclaims it)
/// and the chain's writable length. With VIRTIO_F_IN_ORDER it also keeps the ids in the order they were made
/// available, since a batched used descriptor names only the batch's last id (2.8.8). Mirrors Linux
/// <c>vring_desc_state_packed</c> and <c>free_head</c>. Arrays sized once: no allocation after construction.
/// </summary>
internal sealed class PackedBufferIds
{
    private readonly ushort[] _free;
    private readonly long[] _tokens;
    private readonly int[] _descriptorCounts;
    private readonly uint[] _writableLengths;
    private readonly bool[] _inFlight;
    private readonly ushort[] _order;
    private readonly bool _keepOrder;
    private int _freeCount;
    private int _orderHead;

    /// <summary>Ids 0..<paramref name="size"/>-1, all free; <paramref name="keepOrder"/> for IN_ORDER.</summary>
    public PackedBufferIds(int size, bool keepOrder)
    {
        _free = new ushort[size];
        _tokens = new long[size];
        _descriptorCounts = new int[size];
        _writableLengths = new uint[size];
        _inFlight = new bool[size];
        _order = new ushort[size];
        _keepOrder = keepOrder;
        // Stack of free ids, id 0 on top, so the first chains get ids 0, 1, 2, ...
        for (int i = 0; i < size; i++) _free[i] = (ushort)(size - 1 - i);
        _freeCount = size;
    }

    /// <summary>Chains in flight.</summary>
    public int InFlight { get; private set; }

    /// <summary>Whether an id is free.</summary>
    public bool HasFree => _freeCount > 0;

    /// <summary>Takes a free id for a chain of <paramref name="descriptors"/> ring slots.</summary>
    public ushort Allocate(long token, int descriptors, uint writableLength)
    {
        ushort id = _free[--_freeCount];
        _tokens[id] = token;
        _descriptorCounts[id] = descriptors;
        _writableLengths[id] = writableLength;
        _inFlight[id] = true;
        if (_keepOrder) _order[(_orderHead + InFlight) % _order.Length] = id;
        InFlight++;
        return id;
    }

    /// <summary>Whether <paramref name="id"/> names a chain in flight.</summary>
    public bool IsInFlight(int id) => id >= 0 && id < _inFlight.Length && _inFlight[id];

    /// <summary>The oldest chain in flight (IN_ORDER only; InFlight must be positive).</summary>
    public ushort Oldest => _order[_orderHead];

    /// <summary>The writable length of the chain <paramref name="id"/>.</summary>
    public uint WritableLength(ushort id) => _writableLengths[id];

    /// <summary>Returns <paramref name="id"/> to the free list; gives its token and ring descriptor count.</summary>
    public long Release(ushort id, out int descriptors)
    {
        descriptors = _descriptorCounts[id];
        _inFlight[id] = false;
        _free[_freeCount++] = id;
        InFlight--;
        if (_keepOrder) _orderHead = (_orderHead + 1) % _order.Length;
        return _tokens[id];
    }
}
