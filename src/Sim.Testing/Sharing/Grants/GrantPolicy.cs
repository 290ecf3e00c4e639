using Sim.Hypervisors.Memory;

namespace Sim.Testing.Sharing.Grants;

/// <summary>
/// A sharing policy over grants (Xen's grant table ABI, xen/include/public/grant_table.h): what the frontend grants
/// when it submits a request and revokes when the used element comes back, what the backend maps, touches and unmaps
/// when it serves one, and how both tear down on a device reset. Implement it (or derive from
/// <see cref="GrantPolicy"/>, the standard map-access-unmap behaviour) and check it with
/// <see cref="SharingProperties.GrantPolicy"/>. Every operation goes through the <see cref="GrantPolicyContext"/>,
/// which runs it on the real implementation and the model and judges it.
/// </summary>
public interface IGrantPolicy
{
    /// <summary>The backend's access path, given the real one: return it unchanged unless the backend keeps its own mappings.</summary>
    IDeviceMemory BackendPath(IDeviceMemory granted, GuestMemory memory);
    /// <summary>The frontend submits <paramref name="request"/>: chooses and fills its buffer frames and grants them.</summary>
    void Submit(GrantPolicyContext context, GrantRequest request);
    /// <summary>The backend serves <paramref name="request"/>: maps, reads or writes the buffer, and (usually) unmaps.</summary>
    void Serve(GrantPolicyContext context, GrantRequest request);
    /// <summary>The used element of <paramref name="request"/> comes back: the backend lets go of it, the frontend revokes its grants.</summary>
    void Complete(GrantPolicyContext context, GrantRequest request);
    /// <summary>The device is reset with <paramref name="inFlight"/> requests outstanding: both sides must tear everything down.</summary>
    void Reset(GrantPolicyContext context, IReadOnlyList<GrantRequest> inFlight);
}

/// <summary>
/// The standard grant policy, each step overridable: submit fills free frames and grants them (read-only unless the
/// device writes); serve maps every ref, touches every frame, unmaps; complete unmaps what is left and revokes every
/// ref; reset completes every in-flight request.
/// </summary>
public class GrantPolicy : IGrantPolicy
{
    /// <inheritdoc />
    public virtual IDeviceMemory BackendPath(IDeviceMemory granted, GuestMemory memory) => granted;

    /// <inheritdoc />
    public virtual void Submit(GrantPolicyContext context, GrantRequest request)
    {
        for (int i = 0; i < request.Pages; i++)
        {
            ulong frame = context.FreeFrame();
            context.Fill(request, frame);
            context.Grant(request, frame, readOnly: !request.DeviceWrites);
        }
    }

    /// <inheritdoc />
    public virtual void Serve(GrantPolicyContext context, GrantRequest request)
    {
        foreach (uint gref in request.Refs.ToList()) context.Map(request, gref, writable: request.DeviceWrites);
        foreach (ulong frame in request.Frames) context.Access(frame, write: request.DeviceWrites);
        foreach (var handle in request.Handles.ToList()) context.Unmap(request, handle);
    }

    /// <inheritdoc />
    public virtual void Complete(GrantPolicyContext context, GrantRequest request)
    {
        foreach (var handle in request.Handles.ToList()) context.Unmap(request, handle);
        foreach (uint gref in request.Refs.ToList()) context.Revoke(request, gref);
    }

    /// <inheritdoc />
    public virtual void Reset(GrantPolicyContext context, IReadOnlyList<GrantRequest> inFlight)
    {
        foreach (var request in inFlight) Complete(context, request);
    }
}
