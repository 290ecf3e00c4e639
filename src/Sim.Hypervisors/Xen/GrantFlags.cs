namespace Sim.Hypervisors.Xen;

/// <summary>
/// The <c>flags</c> field of a v1 grant entry (xen-project/xen, xen/include/public/grant_table.h, GTF_*).
/// Bits 0-1 are the entry type (<see cref="TypeMask"/>); the sub-flags above them are written by the granting guest
/// ([GST]: readonly, cache attributes) or by Xen while the grantee holds a mapping ([XEN]: reading, writing).
/// </summary>
[Flags]
public enum GrantFlags : ushort
{
    /// <summary>GTF_invalid (0): the entry grants nothing.</summary>
    Invalid = 0,
    /// <summary>GTF_permit_access (1): the entry's domid may map or copy the entry's frame.</summary>
    PermitAccess = 1,
    /// <summary>GTF_accept_transfer (2): the entry's domid may transfer a page to this guest (legacy; not modelled).</summary>
    AcceptTransfer = 2,
    /// <summary>GTF_type_mask (3): the type bits. Type 3 (GTF_transitive) is v2 only.</summary>
    TypeMask = 3,
    /// <summary>GTF_readonly (bit 2, 0x4) [GST]: the grantee may only map or copy from the frame, never write it.</summary>
    ReadOnly = 1 << 2,
    /// <summary>GTF_reading (bit 3, 0x8) [XEN]: the grantee currently holds at least one mapping of the entry.</summary>
    Reading = 1 << 3,
    /// <summary>GTF_writing (bit 4, 0x10) [XEN]: the grantee currently holds at least one writable mapping.</summary>
    Writing = 1 << 4,
    /// <summary>GTF_PWT (bit 5, 0x20) [GST]: x86 cache attribute, page write-through.</summary>
    Pwt = 1 << 5,
    /// <summary>GTF_PCD (bit 6, 0x40) [GST]: x86 cache attribute, page cache disable.</summary>
    Pcd = 1 << 6,
    /// <summary>GTF_PAT (bit 7, 0x80) [GST]: x86 cache attribute, PAT index bit.</summary>
    Pat = 1 << 7,
}
