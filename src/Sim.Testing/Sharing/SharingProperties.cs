using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Iommu;
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
    /// <summary>Grants: random grant, map, access, unmap (with its flush IPIs), revoke, copy and reset sequences agree with <see cref="GrantModel"/>.</summary>
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

    /// <summary>
    /// A virtio-iommu sharing policy: random workloads (submit, serve, complete, flush-timer, reset) drive a fresh
    /// policy from <paramref name="policy"/> against a device invalidating by <paramref name="invalidation"/> (default
    /// strict); every request it sends is judged, the device and the model agree after every step, the device touches
    /// only IOVAs mapped for requests in flight (under lazy invalidation, one whose unmap still waits in the flush queue
    /// is a finding, not a violation), the driver never maps an IOVA again before its unmap has been flushed, and after
    /// a reset no IOVA stays reachable.
    /// </summary>
    public static Property IommuPolicy(Func<IIommuPolicy> policy, InvalidationPolicy? invalidation = null, int maxSteps = 30) =>
        Prop.ForAll(IommuWorkloads.Workloads(maxSteps), workload => IommuWorkloads.Run(policy(), workload.Ops, invalidation).ToProperty());

    /// <summary>Runs <paramref name="policy"/> through one workload under <paramref name="invalidation"/> (default strict) and reports.</summary>
    public static SharingReport RunIommuPolicy(IIommuPolicy policy, IEnumerable<IommuWorkloadStep> workload, InvalidationPolicy? invalidation = null) =>
        IommuWorkloads.Run(policy, workload, invalidation);

    /// <summary>Whether <paramref name="policy"/> gets through one workload under <paramref name="invalidation"/> (default strict) without a violation.</summary>
    public static bool IommuPolicyHolds(IIommuPolicy policy, IEnumerable<IommuWorkloadStep> workload, InvalidationPolicy? invalidation = null) =>
        IommuWorkloads.Run(policy, workload, invalidation).Holds;

    /// <summary>Bounce window: random map, device access, unmap and reset sequences agree with the window model.</summary>
    public static Property Window(int maxSteps = 40) =>
        Prop.ForAll(WindowGenerators.Sequences(maxSteps), script => WindowHarness.Run(script.Ops.ToList()).ToProperty());

    /// <summary>Runs one window sequence and reports.</summary>
    public static SharingReport RunWindow(IEnumerable<WindowOp> ops) => WindowHarness.Run(ops.ToList());

    /// <summary>Whether one window sequence runs without a violation.</summary>
    public static bool WindowHolds(IEnumerable<WindowOp> ops) => RunWindow(ops).Holds;

    /// <summary>
    /// A bounce-window sharing policy: random workloads (submit, serve, complete, reset) drive a fresh policy from
    /// <paramref name="policy"/>; every map, device access and unmap it makes is judged, the window and the model agree
    /// after every step, the device reaches only the window, a completed device-written buffer holds what the device
    /// wrote, no slot is freed while its request is in flight, exhaustion is a status (never an exception), and after
    /// a reset no slot stays in use.
    /// </summary>
    public static Property WindowPolicy(Func<IWindowPolicy> policy, int maxSteps = 30) =>
        Prop.ForAll(WindowWorkloads.Workloads(maxSteps), workload => WindowWorkloads.Run(policy(), workload.Ops).ToProperty());

    /// <summary>Runs <paramref name="policy"/> through one workload and reports.</summary>
    public static SharingReport RunWindowPolicy(IWindowPolicy policy, IEnumerable<WindowWorkloadStep> workload) => WindowWorkloads.Run(policy, workload);

    /// <summary>Whether <paramref name="policy"/> gets through one workload without a violation.</summary>
    public static bool WindowPolicyHolds(IWindowPolicy policy, IEnumerable<WindowWorkloadStep> workload) => WindowWorkloads.Run(policy, workload).Holds;
}
