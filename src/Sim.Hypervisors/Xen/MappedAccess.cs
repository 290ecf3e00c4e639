namespace Sim.Hypervisors.Xen;

/// <summary>What a grantee may do to a guest frame through its current grant mappings.</summary>
public enum MappedAccess
{
    /// <summary>No current mapping covers the frame.</summary>
    None,
    /// <summary>Only read-only mappings cover the frame.</summary>
    Read,
    /// <summary>At least one writable mapping covers the frame.</summary>
    ReadWrite,
}
