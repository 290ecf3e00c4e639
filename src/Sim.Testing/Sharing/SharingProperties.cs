using FsCheck;
using FsCheck.Fluent;
using Sim.Hypervisors.Iommu;
using Sim.Testing.Sharing.Grants;
using Sim.Testing.Sharing.Iommu;
using Sim.Testing.Sharing.Window;

namespace Sim.Testing.Sharing;

/// <summary>
/// The model-based properties of the three sharing mechanisms, ready to <c>Check</c>: random operation sequences run
/// against the real implementation and its reference model, compared after every step, every device access judged by
/// the oracle. Each property has a plain <c>bool</c> twin and a <see cref="SharingReport"/> twin for one sequence.
/// </summary>
/// <example>
/// <code>
/// Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), SharingProperties.Grants());
/// bool ok = SharingProperties.GrantsHold([new GrantFrame(1, false), new MapGrant(0, true), new RevokeGrant(0)]);
/// </code>
/// </example>
public static class SharingProperties
{
    /// <summary>Grants: random grant, map, access, unmap, revoke and reset sequences agree with <see cref="GrantModel"/>.</summary>
    public static Property Grants(int maxSteps = 40) =>
        Prop.ForAll(GrantGenerators.Sequences(maxSteps), script => GrantHarness.Run(script.Ops).ToProperty());

    /// <summary>Runs one grant sequence and reports.</summary>
    public static SharingReport RunGrants(IEnumerable<GrantOp> ops) => GrantHarness.Run(ops);

    /// <summary>Whether one grant sequence runs without a violation.</summary>
    public static bool GrantsHold(IEnumerable<GrantOp> ops) => GrantHarness.Run(ops).Holds;

    /// <summary>
    /// A grant sharing policy: random workloads (submit, serve, complete, reset) drive a fresh policy from
    /// <paramref name="policy"/>; every operation it makes is judged, invariants hold after every step, a revoke of a
    /// mapped grant answers Eagain and changes nothing, the backend touches only what it has mapped, the frontend never
    /// overwrites a buffer still in flight, and nothing leaks across a reset.
    /// </summary>
    public static Property GrantPolicy(Func<IGrantPolicy> policy, int maxSteps = 30) =>
        Prop.ForAll(GrantWorkloads.Workloads(maxSteps), workload => GrantWorkloads.Run(policy(), workload.Ops).ToProperty());

    /// <summary>Runs <paramref name="policy"/> through one workload and reports.</summary>
    public static SharingReport RunGrantPolicy(IGrantPolicy policy, IEnumerable<GrantWorkloadStep> workload) => GrantWorkloads.Run(policy, workload);

    /// <summary>Whether <paramref name="policy"/> gets through one workload without a violation.</summary>
    public static bool GrantPolicyHolds(IGrantPolicy policy, IEnumerable<GrantWorkloadStep> workload) => GrantWorkloads.Run(policy, workload).Holds;

    /// <summary>
    /// IOMMU: random attach, detach, map, unmap, DMA, flush and reset sequences agree with <see cref="IommuModel"/>
    /// under <paramref name="policy"/> (default strict); under a lazy policy accesses through stale translations are
    /// allowed only if counted, and reported as findings.
    /// </summary>
    public static Property Iommu(InvalidationPolicy? policy = null, int maxSteps = 50) =>
        Prop.ForAll(IommuGenerators.Sequences(maxSteps), script => IommuHarness.Run(script.Ops, policy ?? InvalidationPolicy.Strict).ToProperty());

    /// <summary>Runs one IOMMU sequence under <paramref name="policy"/> (default strict) and reports.</summary>
    public static SharingReport RunIommu(IEnumerable<IommuOp> ops, InvalidationPolicy? policy = null) => IommuHarness.Run(ops, policy ?? InvalidationPolicy.Strict);

    /// <summary>Whether one IOMMU sequence runs without a violation.</summary>
    public static bool IommuHolds(IEnumerable<IommuOp> ops, InvalidationPolicy? policy = null) => RunIommu(ops, policy).Holds;

    /// <summary>Bounce window: random map, device access, unmap and reset sequences agree with the window model.</summary>
    public static Property Window(int maxSteps = 40) =>
        Prop.ForAll(WindowGenerators.Sequences(maxSteps), script => WindowHarness.Run(script.Ops.ToList()).ToProperty());

    /// <summary>Runs one window sequence and reports.</summary>
    public static SharingReport RunWindow(IEnumerable<WindowOp> ops) => WindowHarness.Run(ops.ToList());

    /// <summary>Whether one window sequence runs without a violation.</summary>
    public static bool WindowHolds(IEnumerable<WindowOp> ops) => RunWindow(ops).Holds;
}
