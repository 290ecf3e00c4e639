using System.Reflection;
using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Devices.Adversaries;
using Sim.Worlds.Benchmarks;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Worlds.Running;
using Sim.Studies.Validation;

namespace Sim.Cli.Tests.Actors;

/// <summary>
/// No actor drops a message it does not know (issue 14): in the world of every shipped scenario, and in the worlds the
/// CLI builds itself (the bench's hold ring, the hostile driver), a private probe delivered to each actor in turn stops
/// the run with an <see cref="ActorFailedException"/> naming that actor, the probe's type and the time; so do a few
/// more worlds that reach the actor types no shipped scenario holds (<see cref="OtherWorlds"/>, each with its reason). The
/// actor types probed must be every concrete actor type of the src assemblies, found by reflection, so a new actor type
/// fails this test until a world containing it is probed. It lives here because this project alone sees every src assembly.
/// </summary>
public sealed class EveryActorRejectsUnknownMessagesTests
{
    /// <summary>A message no model can know: a private type of this test.</summary>
    private sealed class UnknownProbe;

    /// <summary>When the probe arrives: after every world's start-up messages, early in the run.</summary>
    private static readonly SimTime ProbeAt = SimTime.FromMicroseconds(3);

    /// <summary>One world to probe: its name, and a way to build it afresh (each actor is probed in a new one).</summary>
    public sealed record World(string Name, Func<Simulation> Build, SimTime End)
    {
        public override string ToString() => Name;
    }

    /// <summary>
    /// Worlds no shipped scenario builds, each with the reason: the validation experiments that hold an actor type no
    /// shipped scenario does, the worlds the CLI builds without a scenario, and a shipped scenario with the one setting no
    /// shipped file uses.
    /// </summary>
    private static IEnumerable<World> OtherWorlds()
    {
        // Backends sharing one vhost worker (backendThread: worker, a SharedThread): only this experiment does.
        yield return Experiment("christie-vhost-one-worker");
        // An inbound generator writing straight into a net backend (a BulkFlowSource): only this experiment has one.
        yield return Experiment("wang-vhost-net-rx");
        // `sim bench hold`: the kernel benchmark's ring of hold actors, no scenario.
        yield return new("bench hold", () => HoldModel.Build(pending: 4, seed: 1), SimTime.FromMicroseconds(10));
        // `sim bench hostile`: a malicious driver against a fenced device, no scenario.
        yield return new("bench hostile", () => HostileDriverRun.Build(new HostileQueueSetup(packed: false, eventIdx: true, indirect: true), seed: 1, steps: 100_000),
            SimTime.FromMicroseconds(10));
        // The lifecycle campaign of sim bench hostile: the only LifecycleFuzzDriver.
        yield return new("bench hostile, lifecycle", () => LifecycleFuzzRun.Build("mmio", seed: 1, steps: 100_000).Simulation, SimTime.FromMicroseconds(50));
        // The per-device hostile run (issue 20): the only HostileDeviceDriver, here against the real i2c backend.
        yield return new("hostile i2c driver", () => HostileDeviceWorlds.Build("i2c", "kvm", "mmio", seed: 1, rounds: 4).Simulation, SimTime.FromMilliseconds(5));
        // No shipped file sends its votes over a `direct` channel (a ScmiMailboxActor instead of a virtqueue):
        // four-vms-display with every VM's channel made direct.
        var model = Trimmed(ScenarioLoader.LoadFile(Path.Combine(CliHarness.RepositoryRoot(), "scenarios/interconnect/four-vms-display.yaml")));
        var interconnect = model.Interconnect!;
        model = model with { Interconnect = interconnect with { Vms = interconnect.Vms.Select(vm => vm with { Channel = "direct" }).ToList() } };
        yield return new("four-vms-display, direct channels", () => ScenarioRunner.Build(model), model.Duration);
    }

    private static World Experiment(string name)
    {
        var model = Trimmed(ExperimentLoader.LoadFile(Path.Combine(CliHarness.RepositoryRoot(), "validation", name + ".yaml")).Scenario);
        return new World($"validation/{name}.yaml", () => ScenarioRunner.Build(model), model.Duration);
    }

    /// <summary>Every shipped scenario.</summary>
    private static IEnumerable<World> ScenarioWorlds()
    {
        string root = CliHarness.RepositoryRoot();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(root, "scenarios"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var model = Trimmed(ScenarioLoader.LoadFile(file));
            yield return new World(Path.GetRelativePath(root, file).Replace('\\', '/'), () => ScenarioRunner.Build(model), model.Duration);
        }
    }

    /// <summary>
    /// <paramref name="model"/> without a warm-up or an event budget and, for an interconnect scenario, with its first
    /// variant only: the variants are copies of one world that differ in policy and voter parameters, not in actors, and
    /// a dozen of them would make every probe rebuild hundreds of actors.
    /// </summary>
    private static ScenarioModel Trimmed(ScenarioModel model)
    {
        model = model with { Warmup = SimTime.Zero, MaxEvents = null };
        if (model.Interconnect is { } interconnect) model = model with { Interconnect = interconnect with { Variants = [interconnect.Variants[0]] } };
        return model;
    }

    public static TheoryData<World> Worlds()
    {
        var data = new TheoryData<World>();
        foreach (var world in ScenarioWorlds().Concat(OtherWorlds())) data.Add(world);
        return data;
    }

    [Theory]
    [MemberData(nameof(Worlds))]
    public void Every_actor_of_the_world_fails_the_run_on_a_message_it_does_not_know(World world)
    {
        var paths = world.Build().Actors.Select(a => a.Id.Path).ToList();
        Assert.NotEmpty(paths);
        foreach (string path in paths) Probe(world, path);
    }

    /// <summary>Delivers the probe to <paramref name="path"/> in a fresh build of <paramref name="world"/> and checks how the run fails.</summary>
    private static void Probe(World world, string path)
    {
        var simulation = world.Build();
        var actor = simulation.Actors.Single(a => a.Id.Path == path);
        simulation.Schedule(actor.Ref, new UnknownProbe(), ProbeAt);
        string where = $"{world}: probe to '{path}' ({actor.GetType().Name})";
        ActorFailedException? failure = null;
        try
        {
            simulation.Run(new RunLimits(world.End, SimTime.Zero));
        }
        catch (ActorFailedException ex)
        {
            failure = ex;
        }
        Assert.True(failure is not null, $"{where}: the run ended without failing, so the actor dropped the probe");
        Assert.True(failure.InnerException is UnknownMessageException, $"{where}: failed otherwise: {failure.Message}");
        Assert.Equal(path, failure.Actor);
        Assert.Equal(nameof(UnknownProbe), failure.MessageType);
        Assert.Contains($"'{path}'", failure.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(UnknownProbe), failure.Message, StringComparison.Ordinal);
        Assert.Contains(failure.Time.ToString(), failure.Message, StringComparison.Ordinal);
        // A busy resource queues every message and rejects the probe when its turn comes; any other actor at once.
        if (actor is BusyResource) Assert.True(failure.Time >= ProbeAt, $"{where}: failed at {failure.Time}, before the probe arrived");
        else Assert.Equal(ProbeAt, failure.Time);
    }

    [Fact]
    public void The_worlds_probed_hold_every_concrete_actor_type_of_the_src_assemblies()
    {
        var probed = ScenarioWorlds().Concat(OtherWorlds())
            .SelectMany(w => w.Build().Actors.Select(a => a.GetType()))
            .ToHashSet();
        var discovered = ActorTypes();

        var missing = discovered.Except(probed).Select(t => t.FullName).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0,
            $"actor types no probed world contains (add a scenario or a world to {nameof(OtherWorlds)}, with the reason): {string.Join(", ", missing)}");
        var outside = probed.Except(discovered).Select(t => t.FullName).Order(StringComparer.Ordinal).ToList();
        Assert.True(outside.Count == 0, $"actor types probed but not found under src/ (an assembly the discovery missed): {string.Join(", ", outside)}");
    }

    /// <summary>Every concrete <see cref="Actor"/> type, nested and private ones included, of every project under src/.</summary>
    private static HashSet<Type> ActorTypes()
    {
        var types = new HashSet<Type>();
        foreach (string project in Directory.EnumerateFiles(Path.Combine(CliHarness.RepositoryRoot(), "src"), "*.csproj", SearchOption.AllDirectories))
        {
            // A compiler plug-in (the wire layouts' source generator) runs inside the compiler and holds no actors.
            if (File.ReadAllText(project).Contains("<IsRoslynComponent>true</IsRoslynComponent>", StringComparison.Ordinal)) continue;
            var assembly = Assembly.Load(AssemblyNameOf(project));
            foreach (var type in assembly.GetTypes())
                if (!type.IsAbstract && typeof(Actor).IsAssignableFrom(type)) types.Add(type);
        }
        return types;
    }

    /// <summary>The project's <c>AssemblyName</c>, or its file name (the SDK's default).</summary>
    private static string AssemblyNameOf(string project)
    {
        var name = System.Xml.Linq.XDocument.Load(project).Descendants("AssemblyName").FirstOrDefault()?.Value;
        return name ?? Path.GetFileNameWithoutExtension(project);
    }
}
