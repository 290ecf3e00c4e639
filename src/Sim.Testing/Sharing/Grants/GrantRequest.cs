using Sim.Hypervisors.Xen;

namespace Sim.Testing.Sharing.Grants;

/// <summary>
/// A request whose buffer is shared by grants (xen/include/public/grant_table.h), travelling from the frontend (the
/// guest's driver) to the backend and back, as a virtio or Xen PV ring would carry it. The runner creates it; the policy fills in what it did, so later steps (and a reset) can undo it.
/// </summary>
public sealed class GrantRequest
{
    internal GrantRequest(int id, int pages, bool deviceWrites)
    {
        Id = id;
        Pages = pages;
        DeviceWrites = deviceWrites;
    }

    /// <summary>The request's number, in submission order from 0.</summary>
    public int Id { get; }
    /// <summary>Buffer pages the request carries (1 or 2).</summary>
    public int Pages { get; }
    /// <summary>Whether the device writes the buffer (a read request, device to guest) rather than reads it.</summary>
    public bool DeviceWrites { get; }
    /// <summary>The guest frames holding the buffer (the frontend adds them with <see cref="GrantPolicyContext.Fill"/>).</summary>
    public List<ulong> Frames { get; } = new();
    /// <summary>Refs granted for the buffer and not yet revoked (kept by <see cref="GrantPolicyContext.Grant"/> and <see cref="GrantPolicyContext.Revoke"/>).</summary>
    public List<uint> Refs { get; } = new();
    /// <summary>The backend's live mappings for the buffer (kept by <see cref="GrantPolicyContext.Map"/> and <see cref="GrantPolicyContext.Unmap"/>).</summary>
    public List<GrantHandle> Handles { get; } = new();
    /// <summary>Whether the backend has served it.</summary>
    public bool Served { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"r{Id}";
}
