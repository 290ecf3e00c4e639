namespace Sim.Hypervisors.Xen;

/// <summary>
/// A maptrack handle (<c>grant_handle_t</c>, u32): the grantee's receipt for one mapping, presented to unmap it
/// (xen/include/public/grant_table.h, GNTTABOP_map_grant_ref). Handles are reused after unmap.
/// </summary>
/// <param name="Value">The maptrack slot.</param>
public readonly record struct GrantHandle(uint Value)
{
    /// <inheritdoc />
    public override string ToString() => $"handle {Value}";
}
