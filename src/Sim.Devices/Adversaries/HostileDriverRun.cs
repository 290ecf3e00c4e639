using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Adversaries;

/// <summary>What a hostile-driver run found.</summary>
/// <param name="Steps">Steps the hostile driver took.</param>
/// <param name="Pops">Chains the device accepted.</param>
/// <param name="Resets">Times the device was reset (after a broken rule, or when the guest's ring code gave up).</param>
/// <param name="ViolationsByRule">Findings, counted per rule name.</param>
/// <param name="BreachCount">Device accesses outside what it may touch (must be 0).</param>
/// <param name="Breaches">The first breaches, described.</param>
/// <param name="DriverFaults">Times the (hostile) guest's own driver code gave up on its corrupted ring.</param>
public sealed record HostileDriverReport(long Steps, long Pops, long Resets, IReadOnlyDictionary<string, long> ViolationsByRule,
    long BreachCount, IReadOnlyList<string> Breaches, long DriverFaults);

/// <summary>
/// A malicious guest driver (<see cref="HostileDriver"/>, an actor) against a device (<see cref="HostileTarget"/>, an
/// actor) in one simulation: the driver scribbles over its own rings and kicks; the device must never hang (every pop
/// terminates), never throw, and never touch memory outside its rings, descriptor tables and the buffers of chains
/// that passed validation (<see cref="FencedDeviceMemory"/>); every problem is a finding, after which the driver
/// resets the device and the attack goes on. All draws come from the driver's own stream: a seed replays exactly.
/// </summary>
public static class HostileDriverRun
{
    /// <summary>Runs <paramref name="steps"/> hostile steps against a <paramref name="packed"/> or split queue.</summary>
    public static HostileDriverReport Run(bool packed, bool eventIdx, bool indirect, ulong seed, long steps)
    {
        var setup = new HostileQueueSetup(packed, eventIdx, indirect);
        var simulation = Build(setup, seed, steps);
        simulation.Run(new RunLimits(SimTime.FromNanoseconds(steps + 10), SimTime.Zero));
        long Count(string path) => ((Counter)simulation.Metrics.Find(path)!).Value;
        var byRule = simulation.Findings.GroupBy(f => f.Rule).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        return new HostileDriverReport(Count("hostile/driver/steps"), Count("hostile/backend/pops"), Count("hostile/driver/resets"),
            byRule, setup.Fence.BreachCount, setup.Fence.Breaches, Count("hostile/driver/driverFaults"));
    }

    /// <summary>
    /// The driver (<c>hostile/driver</c>) and the device (<c>hostile/backend</c>) over <paramref name="setup"/>, wired to
    /// each other, built but not run (<see cref="Run"/> runs it <paramref name="steps"/> nanoseconds and reports).
    /// </summary>
    public static Simulation Build(HostileQueueSetup setup, ulong seed, long steps)
    {
        var simulation = new Simulation(seed);
        var driver = simulation.Add("hostile/driver", new HostileDriver(setup, steps, simulation.Reserve("hostile/backend")));
        simulation.Add("hostile/backend", new HostileTarget(setup, driver.Ref));
        return simulation;
    }

    /// <summary>
    /// The device side, woken: suppress kicks, drain at most 64 chains (moving data only for validated chains), re-enable
    /// kicks (<see cref="DeviceQueueLoops.DrainAvailable{THandler}"/>; a spent budget re-enables them too, without looking
    /// again). Each access is made in its phase (<see cref="FencedDeviceQueue"/>); the number of chains popped.
    /// </summary>
    public static long Serve(FencedDeviceQueue device, DescriptorChain chain, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(device);
        var chains = new HostileChains(device.Fence, chain, data);
        if (device.DrainAvailable(ref chains, budget: 64) == DrainOutcome.BudgetSpent && !device.IsBroken) device.EnableNotifications();
        device.Fence.Current = FencedDeviceMemory.Phase.Publish;
        return chains.Pops;
    }

    /// <summary>What the hostile run's device does with each popped chain: read what it may, write what it may, use it.</summary>
    private struct HostileChains(FencedDeviceMemory fenced, DescriptorChain chain, byte[] data) : IAvailableChainHandler
    {
        public long Pops { get; private set; }
        public readonly DescriptorChain NextChain => chain;
        public readonly bool StopBeforeWaiting => false;

        public bool Serve(IDeviceQueue queue, DescriptorChain popped)
        {
            Pops++;
            fenced.SetChain(popped.Segments.Select(s => (s.Address, s.Length, s.DeviceWritable)));
            fenced.Current = FencedDeviceMemory.Phase.Data;
            long read = popped.Read(fenced, 0, data.AsSpan(0, (int)Math.Min(popped.ReadableLength, data.Length)));
            long written = read < 0 ? -1 : popped.Write(fenced, 0, data.AsSpan(0, (int)Math.Min(popped.WritableLength, data.Length)));
            if (written < 0)
            {
                queue.ReportRefusedBuffer(popped);
                return false;
            }
            queue.PushUsed(popped.Id, popped.DescriptorCount, (uint)written);
            queue.InterruptNeeded();
            return true;
        }
    }
}
