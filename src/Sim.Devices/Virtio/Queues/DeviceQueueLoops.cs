namespace Sim.Devices.Virtio.Queues;

/// <summary>
/// The device's two ways of taking available chains, written once for every device model (virtio 1.2, 2.7.13
/// available-buffer notification suppression; vhost's <c>vhost_disable_notify</c> / <c>vhost_get_vq_desc</c> /
/// <c>vhost_enable_notify</c> loop, rust-vmm virtio-queue's <c>pop_descriptor_chain</c> and <c>enable_notification</c>).
/// Re-enabling notifications and looking at the ring again is what keeps a chain made available between the last pop
/// and the re-enable from waiting for a kick that never comes.
/// </summary>
public static class DeviceQueueLoops
{
    /// <summary>
    /// Serves every available chain: suppresses notifications (unless <paramref name="suppress"/> is false: a port that is
    /// called rather than kicked leaves them alone and stops at the first empty look), pops and serves chains with
    /// <paramref name="handler"/>, and when the ring is empty re-enables notifications and, if chains arrived meanwhile,
    /// goes on popping. At most <paramref name="budget"/> chains are served; then the drain ends with notifications still
    /// suppressed.
    /// </summary>
    public static DrainOutcome DrainAvailable<THandler>(this IDeviceQueue queue, ref THandler handler, int budget = int.MaxValue, bool suppress = true)
        where THandler : struct, IAvailableChainHandler
    {
        if (suppress) queue.DisableNotifications();
        int served = 0;
        while (served < budget)
        {
            var chain = handler.NextChain;
            if (queue.TryPop(chain))
            {
                served++;
                if (!handler.Serve(queue, chain)) return DrainOutcome.Stopped;
                continue;
            }
            if (queue.IsBroken) return DrainOutcome.Broken;
            if (!suppress) return DrainOutcome.Empty;
            if (handler.StopBeforeWaiting) return DrainOutcome.Stopped;
            if (queue.EnableNotifications()) return DrainOutcome.Empty;
        }
        return DrainOutcome.BudgetSpent;
    }

    /// <summary>
    /// Pops one chain into <paramref name="chain"/> for a device that pops only when it needs a buffer (a receive queue
    /// when a frame arrives, an event queue when a notification waits), with notifications otherwise suppressed: when
    /// none is available, re-enables notifications and looks again; false when the ring is still empty (the driver's
    /// next kick says it posted more) or the queue is broken. When chains arrived meanwhile and
    /// <paramref name="suppressAgain"/>, notifications are suppressed again before popping them.
    /// </summary>
    public static bool TryPopOrEnableNotifications(this IDeviceQueue queue, DescriptorChain chain, bool suppressAgain)
    {
        while (true)
        {
            if (queue.TryPop(chain)) return true;
            if (queue.IsBroken || queue.EnableNotifications()) return false;
            if (suppressAgain) queue.DisableNotifications();
        }
    }
}
