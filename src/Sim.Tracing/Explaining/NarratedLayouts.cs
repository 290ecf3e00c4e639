namespace Sim.Tracing.Explaining;

/// <summary>
/// The flag sets and structures the narration reads, taken once from <see cref="LayoutCatalog"/> (virtio 1.2, 2.7.5
/// descriptor flags, 2.7.6/2.7.8 ring flags, 2.8.10 event suppression, 5.13.6 virtio-iommu requests; Xen grant_table.h):
/// the narrator names fields, the catalog says where they are.
/// </summary>
internal static class NarratedLayouts
{
    /// <summary>Split descriptor flags (VRING_DESC_F_*).</summary>
    public static readonly WireFlagSet SplitDescFlags = LayoutCatalog.Flags("split-desc-flags");

    /// <summary>Packed descriptor flags (VRING_DESC_F_* and VRING_PACKED_DESC_F_AVAIL/USED).</summary>
    public static readonly WireFlagSet PackedDescFlags = LayoutCatalog.Flags("packed-desc-flags");

    /// <summary>Packed AVAIL and USED bits together: a descriptor with either set has been made available or used.</summary>
    public static readonly ushort PackedAvailOrUsed = (ushort)(PackedDescFlags.ValueOf("AVAIL") | PackedDescFlags.ValueOf("USED"));

    /// <summary>The available ring's flags (VRING_AVAIL_F_NO_INTERRUPT).</summary>
    public static readonly WireFlagSet AvailFlags = LayoutCatalog.Flags("split-avail-flags");

    /// <summary>The used ring's flags (VRING_USED_F_NO_NOTIFY).</summary>
    public static readonly WireFlagSet UsedFlags = LayoutCatalog.Flags("split-used-flags");

    /// <summary>Packed event suppression flags (ENABLE, DISABLE, DESC).</summary>
    public static readonly WireFlagSet PackedEventFlags = LayoutCatalog.Flags("packed-event-flags");

    /// <summary>Xen v1 grant entry flags (GTF_*).</summary>
    public static readonly WireFlagSet GrantFlags = LayoutCatalog.Flags("grant-flags");

    /// <summary>virtio-iommu MAP flags (VIRTIO_IOMMU_MAP_F_*).</summary>
    public static readonly WireFlagSet IommuMapFlags = LayoutCatalog.Flags("iommu-map-flags");

    /// <summary>virtio-iommu request types, each naming its request structure.</summary>
    public static readonly WireFlagSet IommuRequestTypes = LayoutCatalog.Flags("iommu-request-types");

    /// <summary>
    /// A packed event suppression structure as one reads it: flags, and off_wrap's descriptor offset and wrap counter.
    /// </summary>
    public static (ushort Flags, ulong Offset, ulong Wrap) PackedEvent(RingState events)
    {
        var layout = events.Layout!;
        var offWrap = layout.Field("off_wrap");
        ushort value = events.U16(offWrap.Offset);
        return (events.U16(layout.Field("flags").Offset), offWrap.Bit("offset").Of(value), offWrap.Bit("wrap").Of(value));
    }

    /// <summary>The offset of field <paramref name="field"/> in the virtio-iommu request of <paramref name="type"/>.</summary>
    public static int IommuField(byte type, string field) =>
        LayoutCatalog.Struct(IommuRequestTypes.Flags.First(f => f.Value == type).Struct!).Field(field).Offset;
}
