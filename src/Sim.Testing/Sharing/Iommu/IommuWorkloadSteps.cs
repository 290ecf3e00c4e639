namespace Sim.Testing.Sharing.Iommu;

/// <summary>One step of a workload the runner drives an <see cref="IIommuPolicy"/> through (<see cref="IommuWorkloads.Run"/>).</summary>
public abstract record IommuWorkloadStep;

/// <summary>The driver submits a new request of <paramref name="Pages"/> pages (skipped when <see cref="IommuWorkloads.MaxInFlight"/> are in flight).</summary>
/// <param name="Pages">1 or 2.</param>
/// <param name="DeviceWrites">Whether the device writes the buffer.</param>
public sealed record IommuSubmit(int Pages, bool DeviceWrites) : IommuWorkloadStep
{
    /// <inheritdoc />
    public override string ToString() => $"submit({Pages}p,{(DeviceWrites ? "device writes" : "device reads")})";
}

/// <summary>The device serves an in-flight request not yet served: the <paramref name="Pick"/>-th (modulo their number), oldest first.</summary>
/// <param name="Pick">Which one.</param>
public sealed record IommuServe(int Pick) : IommuWorkloadStep
{
    /// <inheritdoc />
    public override string ToString() => $"serve(#{Pick})";
}

/// <summary>The used element of a served request comes back: the <paramref name="Pick"/>-th served one (modulo), oldest first.</summary>
/// <param name="Pick">Which one.</param>
public sealed record IommuComplete(int Pick) : IommuWorkloadStep
{
    /// <inheritdoc />
    public override string ToString() => $"complete(#{Pick})";
}

/// <summary>
/// Time passes until the lazy flush queue's timer fires (Linux dma-iommu: about 10 ms): the deferred IOTLB
/// invalidation runs (<see cref="IommuHarness.Flush"/>), and the IOVAs waiting for it become reusable. A no-op when strict.
/// </summary>
public sealed record IommuFlushTimer : IommuWorkloadStep
{
    /// <inheritdoc />
    public override string ToString() => "flush-timer";
}

/// <summary>The device is reset (<see cref="IIommuPolicy.Reset"/>).</summary>
public sealed record IommuReset : IommuWorkloadStep
{
    /// <inheritdoc />
    public override string ToString() => "reset";
}
