namespace Sim.Hypervisors.Xen;

/// <summary>
/// How a backend reaches the buffers a guest granted it (map, copy or a persistent pool; Xen
/// <c>xen/include/public/grant_table.h</c> and <c>xen/include/public/io/blkif.h</c>, <c>feature-persistent</c>).
/// </summary>
public enum GrantBackendMode
{
    /// <summary>
    /// Map each granted page the first time a request touches it and unmap all of the request's pages when it ends,
    /// in one batch with one TLB flush (blkback without <c>feature-persistent</c>): the flush IPIs every backend vCPU.
    /// </summary>
    MapPerRequest,

    /// <summary>
    /// Map a granted page for each access and unmap it right after (rust-vmm <c>vm-memory</c>'s Xen grant mappings,
    /// used by virtio backends behind <c>xen-vhost-frontend</c>): virtio over grants as deployed.
    /// </summary>
    MapPerAccess,

    /// <summary>The hypervisor copies between the granted page and the backend's own buffer (GNTTABOP_copy); nothing is mapped.</summary>
    Copy,

    /// <summary>
    /// A pool of pages granted and mapped once per connection; the frontend copies each buffer into the pool and back
    /// (blkif <c>feature-persistent</c>).
    /// </summary>
    Persistent,
}
