namespace Sim.Hypervisors.Xen;

/// <summary>
/// What a grant table and its mapper did: the counts a later cost model charges for (grant operations of Xen's
/// <c>xen/include/public/grant_table.h</c>). Refused operations are counted apart, never dropped.
/// </summary>
public sealed class GrantCounters
{
    /// <summary>Grant references handed out by the guest (successful grant-access calls).</summary>
    public long Grants { get; internal set; }
    /// <summary>Grant references revoked by the guest (successful end-access calls).</summary>
    public long Revocations { get; internal set; }
    /// <summary>Grant references currently granted.</summary>
    public int RefsInUse { get; internal set; }
    /// <summary>The most grant references granted at once.</summary>
    public int PeakRefsInUse { get; internal set; }
    /// <summary>Successful map operations.</summary>
    public long Maps { get; internal set; }
    /// <summary>Successful unmap operations.</summary>
    public long Unmaps { get; internal set; }
    /// <summary>TLB-flush IPIs the unmaps need (one per grantee vCPU that may hold the mapping).</summary>
    public long FlushIpis { get; internal set; }
    /// <summary>Successful grant copies.</summary>
    public long Copies { get; internal set; }
    /// <summary>Bytes moved by grant copies.</summary>
    public long BytesCopied { get; internal set; }
    /// <summary>Operations that returned a status other than <see cref="GrantStatus.Okay"/>.</summary>
    public long Refused { get; internal set; }

    internal GrantStatus Count(GrantStatus status)
    {
        if (status != GrantStatus.Okay) Refused++;
        return status;
    }
}
