namespace Sim.Devices.Iommu;

// The constants, and the class's doc comment, are generated from src/Sim.Layouts/Wire/iommu-requests.layout.json.
public static partial class IommuStatus
{
    /// <summary>The Linux name of <paramref name="status"/> (<c>OK</c>, <c>INVAL</c>, ...), or its number when unknown.</summary>
    public static string Name(byte status) =>
        Names.NameOf(status) ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly Sim.Layouts.WireFlagSet Names = Sim.Layouts.LayoutCatalog.Flags("iommu-status");
}

/// <summary>virtio-iommu feature bit numbers (virtio 1.2, 5.13.3; Linux <c>VIRTIO_IOMMU_F_*</c>).</summary>
public static class IommuFeatures
{
    /// <summary>The config's <c>input_range</c> is valid.</summary>
    public const int InputRange = 0;
    /// <summary>The config's <c>domain_range</c> is valid.</summary>
    public const int DomainRange = 1;
    /// <summary>MAP and UNMAP requests are available.</summary>
    public const int MapUnmap = 2;
    /// <summary>Endpoints not attached to a domain bypass the IOMMU.</summary>
    public const int Bypass = 3;
    /// <summary>PROBE requests are available.</summary>
    public const int Probe = 4;
    /// <summary>The MMIO map flag is available.</summary>
    public const int Mmio = 5;
    /// <summary>The config's <c>bypass</c> field and the ATTACH bypass flag are available.</summary>
    public const int BypassConfig = 6;
}

/// <summary>
/// Byte layouts of the virtio-iommu requests (virtio 1.2, 5.13.6; Linux <c>struct virtio_iommu_req_*</c>), all
/// little-endian: offsets and sizes in bytes, checked against the Linux header by the golden test. Every request is
/// head {type u8, reserved[3]} · body · tail {status u8, reserved[3]}; the device reads up to the tail and writes it.
/// The nested classes' offsets, <see cref="IommuRequestType"/>, <see cref="IommuMapFlags"/> and the <see cref="IommuStatus"/>
/// codes are generated from src/Sim.Layouts/Wire/iommu-requests.layout.json.
/// </summary>
public static partial class IommuLayout
{
}
