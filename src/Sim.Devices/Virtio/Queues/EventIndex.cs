namespace Sim.Devices.Virtio.Queues;

/// <summary>
/// The EVENT_IDX notification test (virtio 1.2, 2.7.7.2 / 2.7.10; Linux <c>vring_need_event</c>): after moving an
/// index from <c>old</c> to <c>new</c>, notify if the other side's event index lies in [old, new). All arithmetic is
/// modulo 2^16: <c>(u16)(new - event - 1) &lt; (u16)(new - old)</c>.
/// </summary>
public static class EventIndex
{
    /// <summary>Whether moving the index from <paramref name="old"/> to <paramref name="newIndex"/> passes <paramref name="eventIndex"/>.</summary>
    public static bool NeedEvent(ushort eventIndex, ushort newIndex, ushort old) =>
        (ushort)(newIndex - eventIndex - 1) < (ushort)(newIndex - old);
}
