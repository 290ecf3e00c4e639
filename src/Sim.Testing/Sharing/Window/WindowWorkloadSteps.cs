using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Testing.Sharing.Window;

/// <summary>One step of a workload the runner drives an <see cref="IWindowPolicy"/> through (<see cref="WindowWorkloads.Run"/>).</summary>
public abstract record WindowWorkloadStep;

/// <summary>The driver submits a new request with a buffer of <paramref name="Length"/> bytes (skipped when <see cref="WindowWorkloads.MaxInFlight"/> are in flight).</summary>
/// <param name="Length">Bytes (at least 1).</param>
/// <param name="Direction">Which way the device moves the data.</param>
public sealed record WindowSubmit(int Length, DmaDirection Direction) : WindowWorkloadStep
{
    /// <inheritdoc />
    public override string ToString() => $"submit({Length}B,{Direction})";
}

/// <summary>The device serves an in-flight request not yet served: the <paramref name="Pick"/>-th (modulo their number), oldest first.</summary>
/// <param name="Pick">Which one.</param>
public sealed record WindowServe(int Pick) : WindowWorkloadStep
{
    /// <inheritdoc />
    public override string ToString() => $"serve(#{Pick})";
}

/// <summary>The used element of a served request comes back: the <paramref name="Pick"/>-th served one (modulo), oldest first.</summary>
/// <param name="Pick">Which one.</param>
public sealed record WindowComplete(int Pick) : WindowWorkloadStep
{
    /// <inheritdoc />
    public override string ToString() => $"complete(#{Pick})";
}

/// <summary>The device is reset (<see cref="IWindowPolicy.Reset"/>).</summary>
public sealed record WindowDeviceReset : WindowWorkloadStep
{
    /// <inheritdoc />
    public override string ToString() => "reset";
}
