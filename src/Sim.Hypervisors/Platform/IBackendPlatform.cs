using Sim.Core.Time;
using Sim.Hypervisors.Memory;

namespace Sim.Hypervisors.Platform;

/// <summary>
/// What a virtio device's backend needs from the platform: an access path to guest memory by DMA address (checked
/// against what the guest has made reachable at that instant, recorded, and reported as a finding when refused), the
/// costs that path accrued (grant maps and copies, IOTLB misses), the end of a request (per-request unmaps and their
/// TLB-flush IPIs), and raising the guest's interrupt. Device models call only this interface.
/// </summary>
public interface IBackendPlatform
{
    /// <summary>The backend's access path to guest memory; addresses are the DMA addresses found in descriptors.</summary>
    IDeviceMemory Memory { get; }

    /// <summary>Backend time accrued (and already charged to its ledger) by memory accesses since the last call (translations, grant maps, hypervisor copies); resets it.</summary>
    SimTime TakeAccrued();

    /// <summary>
    /// The backend starts serving a request: data accesses from now until the next call belong to it (per-request
    /// grant mappings are held until <see cref="EndRequest"/> for it). Ring accesses never belong to a request.
    /// Returns the request's token.
    /// </summary>
    long BeginRequest();

    /// <summary>
    /// The backend has finished request <paramref name="request"/> (its used element is about to be published):
    /// per-request resources are released (grant unmaps with their TLB-flush IPIs); returns the backend time that took.
    /// </summary>
    SimTime EndRequest(long request);

    /// <summary>The backend raises the used-buffer interrupt of queue <paramref name="queue"/> (irqfd, event channel, dm_op).</summary>
    NotifyCost Interrupt(int queue);

    /// <summary>
    /// The backend takes a kick (an eventfd or event-channel signal; on Xen also the ioreq's handling by the device
    /// model): charged, returns its time. Only a thread that was asleep (<paramref name="asleep"/>) pays the wake-up; one
    /// already running finds the signal on its way.
    /// </summary>
    SimTime WakeUp(bool asleep);
}
