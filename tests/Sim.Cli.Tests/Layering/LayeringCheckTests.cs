using System.Reflection;

namespace Sim.Cli.Tests.Layering;

/// <summary>
/// The check itself is not vacuous: against the real assemblies, a table without the known exceptions names each
/// forbidden use with an example, a table missing an edge names the reference, and an exception nobody needs is stale.
/// </summary>
public sealed class LayeringCheckTests
{
    private static readonly IReadOnlyList<SrcProject> Projects = SrcProject.UnderSrc();

    private static readonly IReadOnlyDictionary<string, AssemblyUses> Uses =
        Projects.ToDictionary(p => p.Name, p => AssemblyUses.Read(Path.Combine(AppContext.BaseDirectory, p.AssemblyName + ".dll")));

    [Fact]
    public void Without_its_exceptions_the_cli_bench_is_named_as_building_rings_itself()
    {
        var messages = For(LayerTable.Layers, []).ForbiddenNamespaces();

        var rings = Assert.Single(messages, m => m.StartsWith("Sim.Cli may not use Sim.Devices.Virtio.Queues (of Sim.Devices)", StringComparison.Ordinal));
        Assert.Contains("Sim.Cli.Bench.", rings);
        Assert.Contains(" uses Sim.Devices.Virtio.Queues.", rings);
        Assert.Equal(LayerTable.KnownExceptions.Select(e => e.Namespace).Order(StringComparer.Ordinal),
            messages.Select(m => m.Split(' ')[4]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_row_missing_an_edge_names_the_reference_and_an_example()
    {
        var layers = LayerTable.Layers.Select(l => l.Project == "Sim.Tracing" ? new Layer("Sim.Tracing", new Use("Sim.Core"), new Use("Sim.Layouts")) : l).ToList();

        var message = Assert.Single(For(layers, LayerTable.KnownExceptions).ForbiddenReferences());

        Assert.StartsWith("Sim.Tracing may not reference Sim.Hypervisors; e.g. Sim.Tracing.", message);
        Assert.Contains(" uses Sim.Hypervisors.Memory.", message);
    }

    [Fact]
    public void An_exception_no_use_needs_says_remove_it()
    {
        var exceptions = LayerTable.KnownExceptions
            .Append(new KnownException("Sim.Reports", "Sim.Core.Scheduling", "invented for this test"))
            .Append(new KnownException("Sim.Cli", "Sim.Scenarios.Running", "already allowed by the row"))
            .ToList();

        var messages = For(LayerTable.Layers, exceptions).StaleExceptions();

        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.EndsWith("remove this exception from LayerTable.", m));
    }

    private static LayeringCheck For(IReadOnlyList<Layer> layers, IReadOnlyList<KnownException> exceptions) =>
        new(layers, exceptions, Uses, a => Projects.FirstOrDefault(p => p.AssemblyName == a)?.Name,
            (project, type) => TypeUserFinder.FindUser(Assembly.Load(Projects.Single(p => p.Name == project).AssemblyName), type));
}
