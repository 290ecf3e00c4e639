namespace Sim.Testing.Sharing.Grants;

/// <summary>One step of a workload the runner drives a <see cref="IGrantPolicy"/> through (requests whose buffers are shared by grants, grant_table.h).</summary>
public abstract record GrantWorkloadStep;

/// <summary>The frontend submits a new request of <paramref name="Pages"/> pages (skipped when too few frames are free).</summary>
/// <param name="Pages">1 or 2.</param>
/// <param name="DeviceWrites">Whether the device writes the buffer.</param>
public sealed record SubmitRequest(int Pages, bool DeviceWrites) : GrantWorkloadStep
{
    /// <inheritdoc />
    public override string ToString() => $"submit({Pages}p,{(DeviceWrites ? "device writes" : "device reads")})";
}

/// <summary>The backend serves an in-flight request not yet served: the <paramref name="Pick"/>-th (modulo their number), oldest first.</summary>
/// <param name="Pick">Which one.</param>
public sealed record ServeRequest(int Pick) : GrantWorkloadStep
{
    /// <inheritdoc />
    public override string ToString() => $"serve(#{Pick})";
}

/// <summary>The used element of a served request comes back: the <paramref name="Pick"/>-th served one (modulo), oldest first.</summary>
/// <param name="Pick">Which one.</param>
public sealed record CompleteRequest(int Pick) : GrantWorkloadStep
{
    /// <inheritdoc />
    public override string ToString() => $"complete(#{Pick})";
}

/// <summary>The device is reset.</summary>
public sealed record ResetDevice : GrantWorkloadStep
{
    /// <inheritdoc />
    public override string ToString() => "reset";
}
