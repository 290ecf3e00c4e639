using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Devices.Adversaries;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Planning;

namespace Sim.Worlds.Running;

/// <summary>
/// Builds a world in which a <see cref="HostileDeviceDriver"/> attacks one device type's real backend (virtio 1.2,
/// issue 20's hostile-driver conformance run): the device from a one-line scenario on one platform (KVM with the full
/// mapping, Xen with grant mapping, or a given mechanism) and transport, its backend and companions as its world builder
/// adds them (<see cref="HostileDeviceCase"/>), and the hostile driver in place of the well-behaved one, its scratch
/// buffers in the last 64 KiB of guest RAM. Every access the backend makes is kept, for the caller to judge.
/// </summary>
public static class HostileDeviceWorlds
{
    /// <summary>The hostile driver's buffers: the last 64 KiB of guest RAM, far from the device's own layout and platform regions.</summary>
    public const ulong ScratchBytes = 64 * 1024;

    /// <summary>A built world: the simulation, its hostile driver, the backend's path, the driver's areas and every backend access.</summary>
    /// <param name="Simulation">The world, not yet run.</param>
    /// <param name="Driver">The hostile driver.</param>
    /// <param name="Backend">The backend's actor path.</param>
    /// <param name="Area">Where the rings and the hostile driver's scratch buffers lie.</param>
    /// <param name="Log">Every guest-memory access of the run (kept).</param>
    public sealed record Built(Simulation Simulation, HostileDeviceDriver Driver, string Backend, HostileArea Area, AccessLog Log)
    {
        /// <summary>Runs the world long enough for every round and the final probe.</summary>
        public void Run(int rounds) => Simulation.Run(new RunLimits(HostileDeviceDriver.Wait * (rounds + 2), SimTime.Zero));
    }

    /// <summary>Every device type a hostile driver can attack, by its scenario type name.</summary>
    public static IReadOnlyCollection<string> Devices => HostileDeviceCase.All.Keys.ToList();

    /// <summary>The sharing mechanism of each platform: KVM's full mapping, Xen's grant mapping.</summary>
    public static string SharingOf(string platform) => platform == "xen" ? "grant-map" : "full";

    /// <summary>
    /// The world of <paramref name="rounds"/> hostile rounds and the probe against <paramref name="device"/> on
    /// <paramref name="platform"/> over <paramref name="transport"/>, with <paramref name="sharing"/> (default: <see cref="SharingOf"/>).
    /// </summary>
    public static Built Build(string device, string platform, string transport, ulong seed, int rounds, string? sharing = null)
    {
        var kind = HostileDeviceCase.All[device];
        string yaml = $$"""
            name: hostile-{{device}}
            seed: 1
            duration: 1s
            costs: {{(platform == "xen" ? "xen-x86" : "kvm-x86")}}
            guests:
              - name: vm
                platform: {{platform}}
                devices:
                  - { name: dev0, sharing: {{sharing ?? SharingOf(platform)}}, transport: {{transport}}, {{kind.Body}} }
            """;
        var model = ScenarioLoader.LoadText(yaml, $"hostile-{device}.yaml").Transport!;
        var guest = model.Guests[0];
        var simulation = new Simulation(seed);
        var log = new AccessLog(keepEveryAccess: true);
        var memory = new GuestMemory(guest.Name, guest.MemoryBytes);
        var built = kind.Build(simulation, guest, memory, new PlatformCosts(model.Costs), log, GuestAddressPlan.FirstDeviceStart);
        var area = new HostileArea(built.RingStart, built.Buffers, memory.Size - ScratchBytes, memory.Size);
        if (area.ScratchStart < built.End) throw new InvalidOperationException($"the {device} device and its platform regions reach 0x{built.End:x}, into the hostile driver's scratch area");
        var driver = built.Assembly.Add("driver", new HostileDeviceDriver(memory, built.Assembly.Transport.ForDriver(built.Backend.Ref), built.Assembly.Platform,
            kind.Requests(guest), area, rounds));
        built.Assembly.Finish(built.Backend);
        return new Built(simulation, driver, built.Assembly.Path + "/backend", area, log);
    }
}
