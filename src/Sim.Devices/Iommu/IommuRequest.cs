namespace Sim.Devices.Iommu;

/// <summary>A decoded virtio-iommu request (virtio 1.2, 5.13.6): what the device reads before the tail.</summary>
public abstract record IommuRequest
{
    /// <summary>The request type.</summary>
    public abstract IommuRequestType Type { get; }
}

/// <summary>ATTACH: attach <paramref name="Endpoint"/> to <paramref name="Domain"/>, creating it if needed (5.13.6.3).</summary>
/// <param name="Domain">Domain id.</param>
/// <param name="Endpoint">Endpoint id.</param>
/// <param name="Flags">Attach flags (<see cref="IommuLayout.AttachFlagBypass"/>).</param>
public sealed record IommuAttach(uint Domain, uint Endpoint, uint Flags = 0) : IommuRequest
{
    /// <inheritdoc />
    public override IommuRequestType Type => IommuRequestType.Attach;
}

/// <summary>DETACH: detach <paramref name="Endpoint"/> from <paramref name="Domain"/> (5.13.6.4).</summary>
/// <param name="Domain">Domain id.</param>
/// <param name="Endpoint">Endpoint id.</param>
public sealed record IommuDetach(uint Domain, uint Endpoint) : IommuRequest
{
    /// <inheritdoc />
    public override IommuRequestType Type => IommuRequestType.Detach;
}

/// <summary>MAP: map IOVAs [<paramref name="VirtStart"/>, <paramref name="VirtEnd"/>] (inclusive) of <paramref name="Domain"/> to <paramref name="PhysStart"/> (5.13.6.5).</summary>
/// <param name="Domain">Domain id.</param>
/// <param name="VirtStart">First IOVA.</param>
/// <param name="VirtEnd">Last IOVA (inclusive).</param>
/// <param name="PhysStart">Guest-physical address of <paramref name="VirtStart"/>.</param>
/// <param name="Flags">Permissions.</param>
public sealed record IommuMap(uint Domain, ulong VirtStart, ulong VirtEnd, ulong PhysStart, IommuMapFlags Flags) : IommuRequest
{
    /// <inheritdoc />
    public override IommuRequestType Type => IommuRequestType.Map;
}

/// <summary>UNMAP: remove every mapping of <paramref name="Domain"/> wholly inside [<paramref name="VirtStart"/>, <paramref name="VirtEnd"/>] (5.13.6.6).</summary>
/// <param name="Domain">Domain id.</param>
/// <param name="VirtStart">First IOVA.</param>
/// <param name="VirtEnd">Last IOVA (inclusive).</param>
public sealed record IommuUnmap(uint Domain, ulong VirtStart, ulong VirtEnd) : IommuRequest
{
    /// <inheritdoc />
    public override IommuRequestType Type => IommuRequestType.Unmap;
}

/// <summary>PROBE: ask for the properties of <paramref name="Endpoint"/> (5.13.6.7).</summary>
/// <param name="Endpoint">Endpoint id.</param>
/// <param name="ProbeSize">Bytes of property buffer the driver provided.</param>
public sealed record IommuProbe(uint Endpoint, uint ProbeSize) : IommuRequest
{
    /// <inheritdoc />
    public override IommuRequestType Type => IommuRequestType.Probe;
}
