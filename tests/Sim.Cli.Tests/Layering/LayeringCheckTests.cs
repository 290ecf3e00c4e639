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
    public void A_row_missing_a_namespace_names_the_forbidden_use_and_an_example()
    {
        var layers = LayerTable.Layers
            .Select(l => l.Project == "Sim.Cli"
                ? new Layer("Sim.Cli", l.May.Select(u => u.Project == "Sim.Core"
                    ? new Use("Sim.Core", [.. u.Namespaces.Where(n => n != "Sim.Core.Statistics")])
                    : u).ToArray())
                : l)
            .ToList();

        var messages = For(layers, LayerTable.KnownExceptions).ForbiddenNamespaces();

        var statistics = Assert.Single(messages);
        Assert.StartsWith("Sim.Cli may not use Sim.Core.Statistics (of Sim.Core)", statistics);
        Assert.Contains(" uses Sim.Core.Statistics.", statistics);
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
            .Append(new KnownException("Sim.Cli", "Sim.Worlds.Running", "already allowed by the row"))
            .ToList();

        var messages = For(LayerTable.Layers, exceptions).StaleExceptions();

        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.EndsWith("remove this exception from LayerTable.", m));
    }

    private static LayeringCheck For(IReadOnlyList<Layer> layers, IReadOnlyList<KnownException> exceptions) =>
        new(layers, exceptions, Uses, a => Projects.FirstOrDefault(p => p.AssemblyName == a)?.Name,
            (project, type) => TypeUserFinder.FindUser(Assembly.Load(Projects.Single(p => p.Name == project).AssemblyName), type));
}
