namespace Sim.Devices.Virtio.Queues;

/// <summary>
/// The driver's reclaim loop, written once for every driver (virtio 1.2, 2.7.14 used-buffer notification suppression;
/// Linux <c>virtqueue_disable_cb</c> / <c>virtqueue_get_buf</c> / <c>virtqueue_enable_cb</c> with its
/// <c>more_used</c> re-check): a used buffer published between the last reclaim and the re-enable is reclaimed now
/// rather than left waiting for an interrupt that never comes.
/// </summary>
public static class DriverQueueLoops
{
    /// <summary>
    /// Reclaims every used buffer with <paramref name="handler"/>: suppresses interrupts, reclaims until none is used,
    /// re-enables them and, if buffers were used meanwhile, reclaims again. With <paramref name="suppress"/> false (a
    /// driver taking back what a stopped device completed, a port that is called rather than interrupted) it only
    /// reclaims until none is used, leaving the interrupt state alone.
    /// </summary>
    public static void ReclaimUsed<THandler>(this IDriverQueue queue, ref THandler handler, bool suppress = true)
        where THandler : struct, IUsedBufferHandler
    {
        if (!suppress)
        {
            while (queue.TryReclaim(out long token, out uint written)) handler.Reclaim(token, written);
            return;
        }
        queue.DisableInterrupts();
        do
        {
            while (queue.TryReclaim(out long token, out uint written)) handler.Reclaim(token, written);
        }
        while (!queue.EnableInterrupts());
    }
}
