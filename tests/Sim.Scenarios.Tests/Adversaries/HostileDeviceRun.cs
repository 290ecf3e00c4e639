using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Devices.Adversaries;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Worlds.Running;

namespace Sim.Scenarios.Tests.Adversaries;

/// <summary>
/// What a hostile-driver run against one real device found: the driver's rounds, the findings, the backend's accesses
/// to guest memory outside what the driver made reachable (<see cref="Breaches"/>: must be none), and the rounds whose
/// answer breaks the spec (<see cref="Unexplained"/>: must be none).
/// </summary>
internal sealed record HostileDeviceReport(string Case, IReadOnlyList<HostileRound> Rounds, IReadOnlyList<Finding> Findings, IReadOnlyList<string> Breaches,
    IReadOnlyList<string> Unexplained, bool ProbeSucceeded, long BackendAccesses)
{
    /// <summary>Everything wrong, one line each (empty when the device passed).</summary>
    public IEnumerable<string> Problems =>
        Breaches.Select(b => "breach: " + b)
            .Concat(Unexplained.Select(u => "unexplained: " + u))
            .Concat(ProbeSucceeded ? [] : [$"the probe after the attack did not succeed: {Rounds.LastOrDefault()}"])
            .Concat(Findings.Where(f => f.Reference is not { } r || !r.StartsWith("virtio 1.2", StringComparison.Ordinal)).Select(f => $"finding without a spec section: {f}"));

    /// <summary>How many rounds ended in <paramref name="outcome"/>.</summary>
    public int Count(RoundOutcome outcome) => Rounds.Count(r => r.Outcome == outcome);
}

/// <summary>
/// Runs a <see cref="HostileDeviceDriver"/> against one device type's real backend (<see cref="HostileDeviceWorlds"/>), on
/// one platform (KVM with the full mapping, Xen with grant mapping) and one transport (virtio-pci or virtio-mmio), built
/// from a scenario as a scenario's device is, and checks the four conformance properties of issue 20: the run does not
/// throw; every access the backend made (the <see cref="AccessLog"/> keeps them all) lies in the shared rings or in a
/// buffer the driver put in a descriptor, and every access the platform refused is one the driver provoked
/// (a buffer it pointed outside RAM, at a page it never shared, or past a mapping's end); every round's outcome is one
/// its request allows, a DEVICE_NEEDS_RESET or a chain used without an answer coming with a backend finding that names a
/// virtio 1.2 section while the round was open; and the well-formed probe after the attack succeeds.
/// </summary>
internal static class HostileDeviceRun
{
    /// <summary>
    /// Runs <paramref name="rounds"/> hostile rounds and the probe against <paramref name="device"/> on
    /// <paramref name="platform"/> over <paramref name="transport"/>, with <paramref name="sharing"/> (default:
    /// <see cref="HostileDeviceWorlds.SharingOf"/>), and judges the run.
    /// </summary>
    public static HostileDeviceReport Run(string device, string platform, string transport, ulong seed, int rounds, string? sharing = null)
    {
        var world = HostileDeviceWorlds.Build(device, platform, transport, seed, rounds, sharing);
        world.Run(rounds);
        var (simulation, driver, backend, area, log) = (world.Simulation, world.Driver, world.Backend, world.Area, world.Log);
        var accesses = log.Accesses.Where(a => a.Accessor == backend).ToList();
        var breaches = new List<string>();
        foreach (var access in accesses)
        {
            bool ring = access.Address >= area.RingStart && access.Address + access.Length <= area.RingEnd;
            bool allowed = access.Verdict == AccessVerdict.Allowed;
            // An allowed access may reach past a mapping's end within the descriptor's buffer: the platform shares whole
            // pages (grants) or all of RAM (the full mapping), and the device does not know where the driver's mapping ends.
            if (allowed && !ring && !driver.Offered.Any(s => s.Holds(access.Address, access.Length)))
                breaches.Add($"{access}: allowed, but outside the rings and every buffer the driver put in a descriptor");
            if (!allowed && !driver.Offered.Any(s => !s.Reachable && s.Overlaps(access.Address, access.Length)))
                breaches.Add($"{access}: refused, and not where the driver pointed a descriptor outside what it shared");
        }
        var findings = simulation.Findings;
        var unexplained = new List<string>();
        foreach (var round in driver.Rounds)
        {
            if (round.Outcome is RoundOutcome.Wrong or RoundOutcome.Unanswered) unexplained.Add(round.ToString());
            else if (round.NeedsFinding && !findings.Any(f => f.Actor == backend && f.Time >= round.Posted && f.Time <= round.Settled))
                unexplained.Add($"{round} with no backend finding while it was open");
        }
        return new HostileDeviceReport($"{device}/{platform}/{transport}/{seed}", driver.Rounds, findings, breaches.Take(20).ToList(), unexplained, driver.ProbeSucceeded, accesses.Count);
    }
}
