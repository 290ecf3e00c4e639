using System.Runtime.CompilerServices;
using Sim.Core.Actors;

namespace Sim.Core.Scheduling;

/// <summary>
/// The payloads (<see cref="EventPayload"/>) of queued events, in slots recycled last-in first-out: the slot a delivery
/// frees is the one the next send fills, so that write hits a warm cache line, and a steady run allocates nothing.
/// </summary>
internal sealed class PayloadSlab
{
    private EventPayload[] _items;
    private int[] _free;
    private int _freeCount;
    private int _used;

    /// <summary>A slab with room for <paramref name="capacity"/> payloads before it grows.</summary>
    public PayloadSlab(int capacity)
    {
        _items = new EventPayload[capacity];
        _free = new int[capacity];
    }

    /// <summary>Stores a payload; returns its slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(Actor target, Actor? sender, object message)
    {
        int slot = _freeCount > 0 ? _free[--_freeCount] : NewSlot();
        ref EventPayload payload = ref _items[slot];
        payload.Target = target;
        payload.Sender = sender;
        payload.Message = message;
        return slot;
    }

    /// <summary>Takes the payload out of <paramref name="slot"/> and frees the slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Remove(int slot, out EventPayload payload)
    {
        ref EventPayload item = ref _items[slot];
        payload = item;
        item = default; // drop the references, so a delivered message can be collected
        _free[_freeCount++] = slot;
    }

    /// <summary>
    /// Starts loading the payloads of <paramref name="keys"/> into the cache, all at once, so that their deliveries
    /// (soon, in some order) do not each wait for memory. Returns a value only to keep the loads from being removed.
    /// </summary>
    public int Warm(ReadOnlySpan<EventKey> keys)
    {
        EventPayload[] items = _items;
        int nulls = 0;
        foreach (ref readonly EventKey key in keys)
            if (items[key.Slot].Target is null) nulls++;
        return nulls;
    }

    private int NewSlot()
    {
        if (_used == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
            Array.Resize(ref _free, _items.Length);
        }
        return _used++;
    }
}
