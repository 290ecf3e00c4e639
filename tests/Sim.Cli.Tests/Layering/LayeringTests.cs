using System.Reflection;

namespace Sim.Cli.Tests.Layering;

/// <summary>
/// Every project under <c>src</c> uses only what its row of <see cref="LayerTable"/> allows (issue 17), read from the built
/// assemblies' metadata: assembly references, and the namespace of every type they name (signatures and method bodies
/// alike). Known exceptions pass until the code stops needing them; then the stale entry fails. It lives here because
/// this project alone sees every src assembly. The kernel's own words rule is <c>tests/Sim.Core.Tests/LayeringTests.cs</c>.
/// </summary>
public sealed class LayeringTests
{
    private static readonly IReadOnlyList<SrcProject> Projects = SrcProject.UnderSrc();

    private static readonly Lazy<LayeringCheck> Check = new(() =>
    {
        var uses = Projects.ToDictionary(p => p.Name, p => AssemblyUses.Read(Path.Combine(AppContext.BaseDirectory, p.AssemblyName + ".dll")));
        return new LayeringCheck(LayerTable.Layers, LayerTable.KnownExceptions, uses, ProjectOf, FindUser);
    });

    [Fact]
    public void Every_src_project_has_exactly_one_row_and_every_row_is_a_src_project()
    {
        var rows = LayerTable.Layers.Select(l => l.Project).ToList();
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.Equal(Projects.Select(p => p.Name).Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
        var named = LayerTable.Layers.SelectMany(l => l.May.Select(m => m.Project)).Concat(LayerTable.KnownExceptions.Select(e => e.Project));
        Assert.All(named, n => Assert.Contains(n, rows));
    }

    [Fact]
    public void Every_src_project_references_only_the_projects_its_row_allows() =>
        Assert.True(Check.Value.ForbiddenReferences().Count == 0, string.Join("\n", Check.Value.ForbiddenReferences()));

    [Fact]
    public void Every_src_project_uses_only_the_namespaces_its_row_allows() =>
        Assert.True(Check.Value.ForbiddenNamespaces().Count == 0, string.Join("\n", Check.Value.ForbiddenNamespaces()));

    [Fact]
    public void Every_known_exception_is_still_needed() =>
        Assert.True(Check.Value.StaleExceptions().Count == 0, string.Join("\n", Check.Value.StaleExceptions()));

    [Fact]
    public void No_src_project_references_a_test_project()
    {
        var tests = SrcProject.UnderTests();
        var testAssemblies = tests.Select(t => t.AssemblyName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var offenders = Projects
            .SelectMany(p => p.ProjectReferences().Where(r => r.Replace('\\', '/').Split('/').Contains("tests")).Select(r => $"{p.Name}.csproj references {r}")
                .Concat(AssemblyUses.Read(Path.Combine(AppContext.BaseDirectory, p.AssemblyName + ".dll")).References
                    .Where(testAssemblies.Contains).Select(r => $"{p.Name} references the test assembly {r}")))
            .ToList();
        Assert.NotEmpty(tests);
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    private static string? ProjectOf(string assembly) => Projects.FirstOrDefault(p => p.AssemblyName == assembly)?.Name;

    private static string? FindUser(string project, string typeName) =>
        TypeUserFinder.FindUser(Assembly.Load(Projects.Single(p => p.Name == project).AssemblyName), typeName);
}
