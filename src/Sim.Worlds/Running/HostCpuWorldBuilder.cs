using Sim.Core.Actors;
using Sim.Core.Processors;
using Sim.Core.Running;
using Sim.Platform.Network;
using Sim.Scenarios.Model;
using Sim.Scenarios.Planning;

namespace Sim.Worlds.Running;

/// <summary>
/// Puts a transport world's threads on the host's cores (<see cref="HostModel"/>): one <see cref="CpuCores"/> actor at
/// <c>host/cpus</c> with a thread per device driver and backend (<see cref="HostThreadNames"/>, placed by the first
/// matching rule), per host-path thread of a net device (its stages, <see cref="HostStage"/>, run on it) and per
/// background load thread (a <see cref="CpuLoad"/> at <c>host/load/NAMEi</c>); each driver and
/// backend then runs its work on its thread (<see cref="BusyResource.RunOnCpu"/>). Metrics are the
/// <see cref="CpuCores"/> actor's, under <c>host/cpus</c>. In a scenario with an interconnect every variant is a world of
/// its own, with its own host: its cores and loads sit under the variant's name (<c>variant/host/cpus</c>) and run that
/// variant's copies of the threads; the SCMI channels, voters and scanouts are not host threads.
/// </summary>
public static class HostCpuWorldBuilder
{
    /// <summary>
    /// Adds the host's cores and load to <paramref name="simulation"/>, whose transport world is built already; under
    /// <paramref name="root"/> (a variant's name) when the world's actors are.
    /// </summary>
    public static void Build(Simulation simulation, HostModel host, TransportModel transport, string root = "")
    {
        string prefix = root.Length > 0 ? root + "/" : "";
        var threads = HostThreadNames.Threads(transport);
        var names = threads.Select(t => t.Name).ToList();
        var specs = new List<CpuThreadSpec>();
        foreach (var thread in threads)
        {
            var rule = host.RuleFor(thread.Name);
            specs.Add(new CpuThreadSpec(thread.Name, rule?.Nice ?? 0, rule?.Cores, thread.Polls));
        }
        var loadThreads = new List<(string Name, HostLoadModel Load)>();
        foreach (var load in host.Load)
            for (int i = 0; i < load.Threads; i++)
            {
                string name = $"{load.Name}{i}";
                loadThreads.Add((name, load));
                specs.Add(new CpuThreadSpec(name, load.Nice, load.Cores));
            }
        var cpus = simulation.Add($"{prefix}host/cpus", new CpuCores(host.Cores, host.Settings, specs, host.Isolated));
        for (int i = 0; i < threads.Count; i++)
            foreach (string path in threads[i].Actors)
            {
                switch (simulation.ActorAt<Actor>(prefix + path))
                {
                    case BusyResource resource: resource.RunOnCpu(cpus.Ref, i); break;
                    case HostStage stage: stage.RunOnCpu(cpus.Ref, i); break;
                    default: throw new InvalidOperationException($"'{path}', which runs on the host's thread '{threads[i].Name}', is no busy actor or host stage of the world");
                }
            }
        for (int i = 0; i < loadThreads.Count; i++)
        {
            var (name, load) = loadThreads[i];
            simulation.Add($"{prefix}host/load/{name}", new CpuLoad(cpus.Ref, names.Count + i, load.Burst, load.Busy));
        }
    }
}
