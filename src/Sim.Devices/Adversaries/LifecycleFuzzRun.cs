using Sim.Core.Costs;
using Sim.Core.Randomness;
using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Blk;
using Sim.Devices.Common;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Adversaries;

/// <summary>What a lifecycle fuzz campaign found.</summary>
/// <param name="Transport">virtio-mmio or virtio-pci.</param>
/// <param name="Steps">Steps the driver took.</param>
/// <param name="Completed">Whether the run reached its end (false: it hung or hit its event budget).</param>
/// <param name="Served">Requests the device completed.</param>
/// <param name="DeviceResets">Device resets that found the device serving.</param>
/// <param name="KicksIgnored">Kicks the device ignored (not live, or a queue not enabled).</param>
/// <param name="Accesses">Guest memory accesses the device made.</param>
/// <param name="ViolationsByRule">Findings, counted per rule name.</param>
/// <param name="BreachCount">Device accesses the reference did not allow (must be 0).</param>
/// <param name="Breaches">The first breaches, described.</param>
/// <param name="BadRequestEnds">Requests the device closed twice or never opened (must be 0).</param>
/// <param name="DriverFaults">Times the driver's own ring code gave up on a ring it had scribbled over.</param>
public sealed record LifecycleFuzzReport(string Transport, long Steps, bool Completed, long Served, long DeviceResets, long KicksIgnored, long Accesses,
    IReadOnlyDictionary<string, long> ViolationsByRule, long BreachCount, IReadOnlyList<string> Breaches, long BadRequestEnds, long DriverFaults);

/// <summary>
/// A fuzz campaign of the device side's lifecycle (issue 14): the real virtio-blk backend on a virtio-mmio or
/// virtio-pci transport, driven by a <see cref="LifecycleFuzzDriver"/> through random register writes, resets, queue
/// resets, chains and kicks in every state, every device access checked against a <see cref="LifecycleReference"/>
/// worked out from the driver's side. The device must never throw, never hang, and never touch memory the reference
/// does not allow (no access before DRIVER_OK, after DEVICE_NEEDS_RESET, after a reset, or to rings of a queue no longer
/// enabled). All draws come from the driver's and the backend's own streams: a seed replays exactly.
/// </summary>
public static class LifecycleFuzzRun
{
    /// <summary>Guest memory of a campaign: rings below <see cref="LifecycleFuzzDriver.PoolStart"/>, buffers above.</summary>
    public const ulong MemoryBytes = 1 << 20;

    /// <summary>Runs <paramref name="steps"/> steps on <paramref name="transport"/> (<c>mmio</c> or <c>pci</c>) from <paramref name="seed"/>.</summary>
    public static LifecycleFuzzReport Run(string transport, ulong seed, long steps) => Run(transport, seed, steps, null);

    /// <summary>Runs the steps of <paramref name="script"/> (each an action, 0-99) on <paramref name="transport"/>, parameters drawn from <paramref name="seed"/>.</summary>
    public static LifecycleFuzzReport Run(string transport, ulong seed, IReadOnlyList<int> script) => Run(transport, seed, script.Count, script);

    /// <summary>
    /// The campaign's world, not yet run: the guest memory, the reference, the checked platform, the virtio-blk backend on
    /// <paramref name="transport"/> and the driver, each built with its wiring.
    /// </summary>
    public static (Simulation Simulation, LifecycleFuzzPlatform Platform) Build(string transport, ulong seed, long steps, IReadOnlyList<int>? script = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var simulation = new Simulation(seed);
        var memory = new GuestMemory("fuzz", MemoryBytes);
        var reference = new LifecycleReference([16], LifecycleFuzzDriver.PoolStart, MemoryBytes);
        var platform = new LifecycleFuzzPlatform(memory, reference, () => simulation.Now);
        var constant = new ConstantDelay(SimTime.FromNanoseconds(500));
        var storage = new BlkStorage(128, new BlkStorageTiming(constant, 4_000_000_000, constant, 4_000_000_000, constant));
        var costs = new RingCosts(CostItem.Of("vcpu.addChain", SimTime.FromNanoseconds(20)), CostItem.Of("vcpu.reclaimChain", SimTime.FromNanoseconds(20)),
            CostItem.Of("backend.popChain", SimTime.FromNanoseconds(30)), CostItem.Of("backend.pushUsed", SimTime.FromNanoseconds(20)), CostRate.Of("cpu.memcpy", 10e9));
        var wires = VirtioTransport.Create(transport, BlkDriver.DeviceId, 0x4D495356, LifecycleFuzzDriver.Offered | BlkFeatures.Flush, [16],
            BlkConfigSpace.Build(128), new TransportFindings(simulation.FindingsOf(simulation.Reserve("fuzz/backend"))));
        var backend = simulation.Add("fuzz/backend", new BlkBackend(platform, storage, new BlkWorkload(4096, 0.5, 16, 128).StorageChannels, costs,
            wires.ForBackend(simulation.Reserve("fuzz/driver"))));
        simulation.Add("fuzz/driver", new LifecycleFuzzDriver(wires.ForDriver(backend.Ref), memory, reference, steps, script));
        return (simulation, platform);
    }

    private static LifecycleFuzzReport Run(string transport, ulong seed, long steps, IReadOnlyList<int>? script)
    {
        var (simulation, platform) = Build(transport, seed, steps, script);
        var end = SimTime.FromNanoseconds(300) * (steps + 10);
        var outcome = simulation.Run(new RunLimits(end, SimTime.Zero, MaxEvents: 200 * steps + 10_000));
        long Count(string path) => ((Counter)simulation.Metrics.Find(path)!).Value;
        var byRule = simulation.Findings.GroupBy(f => f.Rule).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        return new LifecycleFuzzReport(transport, Count("fuzz/driver/steps"), !outcome.IsPartial, Count("fuzz/backend/requests"), Count("fuzz/backend/resets"),
            Count("fuzz/backend/kicksIgnored"), platform.Accesses, byRule, platform.BreachCount, platform.Breaches, platform.BadRequestEnds,
            Count("fuzz/driver/driverFaults"));
    }
}
