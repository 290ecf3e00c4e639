using System.Diagnostics;
using Sim.Devices.Adversaries;

namespace Sim.Worlds.Benchmarks;

/// <summary>What the hostile driver found against one ring variant (<c>sim bench hostile</c>).</summary>
/// <param name="Name">The variant: split or packed, with or without EVENT_IDX and indirect descriptors.</param>
/// <param name="Steps">Steps the hostile driver took.</param>
/// <param name="Pops">Chains the device accepted.</param>
/// <param name="Resets">Times the device was reset.</param>
/// <param name="ViolationsByRule">Findings, counted per rule name.</param>
/// <param name="BreachCount">Device accesses outside what it may touch (must be 0).</param>
/// <param name="Breaches">The first breaches, described.</param>
/// <param name="DriverFaults">Times the hostile guest's own driver code gave up on its corrupted ring.</param>
/// <param name="Seconds">Wall-clock seconds the run took.</param>
public sealed record HostileRingResult(string Name, long Steps, long Pops, long Resets, IReadOnlyDictionary<string, long> ViolationsByRule,
    long BreachCount, IReadOnlyList<string> Breaches, long DriverFaults, double Seconds);

/// <summary>What the lifecycle campaign found against the virtio-blk backend on one transport (<c>sim bench hostile</c>).</summary>
/// <param name="Name">The campaign: <c>lifecycle-mmio</c> or <c>lifecycle-pci</c>.</param>
/// <param name="Steps">Steps the driver took.</param>
/// <param name="Completed">Whether the run reached its end (false: it hung or hit its event budget).</param>
/// <param name="Served">Requests the device completed.</param>
/// <param name="DeviceResets">Device resets that found the device serving.</param>
/// <param name="KicksIgnored">Kicks the device ignored.</param>
/// <param name="Accesses">Guest memory accesses the device made.</param>
/// <param name="ViolationsByRule">Findings, counted per rule name.</param>
/// <param name="BreachCount">Device accesses the reference did not allow (must be 0).</param>
/// <param name="Breaches">The first breaches, described.</param>
/// <param name="BadRequestEnds">Requests the device closed twice or never opened (must be 0).</param>
/// <param name="Seconds">Wall-clock seconds the run took.</param>
public sealed record LifecycleCampaignResult(string Name, long Steps, bool Completed, long Served, long DeviceResets, long KicksIgnored,
    long Accesses, IReadOnlyDictionary<string, long> ViolationsByRule, long BreachCount, IReadOnlyList<string> Breaches, long BadRequestEnds,
    double Seconds);

/// <summary>
/// The hostile campaigns of <c>sim bench hostile</c>, run for the front end: the malicious driver (<see cref="HostileDriverRun"/>)
/// against split and packed devices, with and without EVENT_IDX and indirect descriptors, then the lifecycle campaign
/// (<see cref="LifecycleFuzzRun"/>) against the virtio-blk backend on virtio-mmio and virtio-pci. Each is run when its
/// result is enumerated, so a caller can show one result before the next run starts.
/// </summary>
public static class HostileCampaigns
{
    private static readonly (string Name, bool Packed, bool EventIdx, bool Indirect)[] Variants =
    [
        ("split", false, false, false), ("split-evtidx-indirect", false, true, true),
        ("packed", true, false, false), ("packed-evtidx-indirect", true, true, true),
    ];

    /// <summary>The ring variants, <paramref name="steps"/> hostile steps each, from <paramref name="seed"/>; run one by one as enumerated.</summary>
    public static IEnumerable<HostileRingResult> RingVariants(ulong seed, long steps)
    {
        foreach (var (name, packed, eventIdx, indirect) in Variants)
        {
            var watch = Stopwatch.StartNew();
            var report = HostileDriverRun.Run(packed, eventIdx, indirect, seed, steps);
            watch.Stop();
            yield return new HostileRingResult(name, report.Steps, report.Pops, report.Resets, report.ViolationsByRule, report.BreachCount,
                report.Breaches, report.DriverFaults, watch.Elapsed.TotalSeconds);
        }
    }

    /// <summary>The lifecycle campaign on virtio-mmio, then on virtio-pci, <paramref name="steps"/> steps each; run one by one as enumerated.</summary>
    public static IEnumerable<LifecycleCampaignResult> Lifecycle(ulong seed, long steps)
    {
        foreach (string transport in new[] { "mmio", "pci" })
        {
            var watch = Stopwatch.StartNew();
            var report = LifecycleFuzzRun.Run(transport, seed, steps);
            watch.Stop();
            yield return new LifecycleCampaignResult($"lifecycle-{transport}", report.Steps, report.Completed, report.Served, report.DeviceResets,
                report.KicksIgnored, report.Accesses, report.ViolationsByRule, report.BreachCount, report.Breaches, report.BadRequestEnds,
                watch.Elapsed.TotalSeconds);
        }
    }
}
