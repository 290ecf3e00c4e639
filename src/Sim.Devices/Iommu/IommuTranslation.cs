namespace Sim.Devices.Iommu;

/// <summary>The outcome of translating one IOVA page for an endpoint.</summary>
public enum IommuTranslationOutcome
{
    /// <summary>A current mapping allows the access.</summary>
    Allowed,
    /// <summary>Allowed only through a stale IOTLB entry (the page is unmapped, the flush deferred).</summary>
    AllowedStale,
    /// <summary>The endpoint is attached to no domain.</summary>
    NotAttached,
    /// <summary>No mapping (and no cached translation) covers the page.</summary>
    Unmapped,
    /// <summary>The translation lacks the needed permission.</summary>
    Forbidden,
}

/// <summary>One page's translation: the outcome and, when allowed, the guest-physical page.</summary>
/// <param name="Outcome">Allowed, stale or why not.</param>
/// <param name="PhysPage">Guest-physical page number when allowed, else 0.</param>
public readonly record struct IommuTranslation(IommuTranslationOutcome Outcome, ulong PhysPage)
{
    /// <summary>Whether the access may proceed (possibly through a stale entry).</summary>
    public bool IsAllowed => Outcome is IommuTranslationOutcome.Allowed or IommuTranslationOutcome.AllowedStale;
}
