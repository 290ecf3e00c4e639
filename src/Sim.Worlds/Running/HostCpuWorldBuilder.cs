using Sim.Core.Actors;
using Sim.Core.Processors;
using Sim.Core.Running;
using Sim.Scenarios.Model;
using Sim.Scenarios.Planning;

namespace Sim.Worlds.Running;

/// <summary>
/// Puts a transport world's threads on the host's cores (<see cref="HostModel"/>): one <see cref="CpuCores"/> actor at
/// <c>host/cpus</c> with a thread per device driver and backend (<see cref="HostThreadNames"/>, placed by the first
/// matching rule) and per background load thread (a <see cref="CpuLoad"/> at <c>host/load/NAMEi</c>); each driver and
/// backend then runs its work on its thread (<see cref="BusyResource.RunOnCpu"/>). Metrics are the
/// <see cref="CpuCores"/> actor's, under <c>host/cpus</c>.
/// </summary>
public static class HostCpuWorldBuilder
{
    /// <summary>Adds the host's cores and load to <paramref name="simulation"/>, whose transport world is built already.</summary>
    public static void Build(Simulation simulation, HostModel host, TransportModel transport)
    {
        var names = HostThreadNames.Of(transport);
        var specs = new List<CpuThreadSpec>();
        foreach (string name in names)
        {
            var rule = host.RuleFor(name);
            specs.Add(new CpuThreadSpec(name, rule?.Nice ?? 0, rule?.Cores));
        }
        var loadThreads = new List<(string Name, HostLoadModel Load)>();
        foreach (var load in host.Load)
            for (int i = 0; i < load.Threads; i++)
            {
                string name = $"{load.Name}{i}";
                loadThreads.Add((name, load));
                specs.Add(new CpuThreadSpec(name, load.Nice, load.Cores));
            }
        var cpus = simulation.Add("host/cpus", new CpuCores(host.Cores, host.Settings, specs, host.Isolated));
        for (int i = 0; i < names.Count; i++)
        {
            var actor = simulation.ActorAt<BusyResource>(names[i])
                ?? throw new InvalidOperationException($"the host's thread '{names[i]}' is no busy actor of the world");
            actor.RunOnCpu(cpus.Ref, i);
        }
        for (int i = 0; i < loadThreads.Count; i++)
        {
            var (name, load) = loadThreads[i];
            simulation.Add($"host/load/{name}", new CpuLoad(cpus.Ref, names.Count + i, load.Burst, load.Busy));
        }
    }
}
