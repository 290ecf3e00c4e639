namespace Sim.Cli.Tests.Layering;

/// <summary>
/// Holds what the src assemblies use against <see cref="LayerTable"/>. Works on project names: <paramref name="uses"/>
/// gives each project's <see cref="AssemblyUses"/>, <paramref name="projectOfAssembly"/> names the src project that builds an
/// assembly (null for any other), <paramref name="findUser"/> names a type of a project that uses a type, for messages.
/// </summary>
public sealed class LayeringCheck(
    IReadOnlyList<Layer> layers,
    IReadOnlyList<KnownException> exceptions,
    IReadOnlyDictionary<string, AssemblyUses> uses,
    Func<string, string?> projectOfAssembly,
    Func<string, string, string?> findUser)
{
    /// <summary>One message per (project, namespace of another project) used without a rule or an exception allowing it.</summary>
    public IReadOnlyList<string> ForbiddenNamespaces() =>
        CrossUses()
            .Where(u => !Allowed(u.Project, u.Target, u.Use.Namespace) && !exceptions.Any(e => e.Project == u.Project && e.Covers(u.Use.Namespace)))
            .GroupBy(u => (u.Project, u.Target, u.Use.Namespace))
            .OrderBy(g => g.Key.ToString(), StringComparer.Ordinal)
            .Select(g => $"{g.Key.Project} may not use {g.Key.Namespace} (of {g.Key.Target}): "
                         + $"{Example(g.Key.Project, g.Select(u => u.Use.TypeName))}. Change the code, or record the edge in LayerTable with its reason.")
            .ToList();

    /// <summary>One message per assembly reference to a src project that no rule or exception of the project allows.</summary>
    public IReadOnlyList<string> ForbiddenReferences() =>
        uses.OrderBy(p => p.Key, StringComparer.Ordinal)
            .SelectMany(p => p.Value.References
                .Select(projectOfAssembly)
                .OfType<string>()
                .Where(target => target != p.Key && !Row(p.Key).May.Any(m => m.Project == target)
                                 && !exceptions.Any(e => e.Project == p.Key && NamespaceText.IsWithin(e.Namespace, target)))
                .Select(target => $"{p.Key} may not reference {target}; "
                                  + $"e.g. {Example(p.Key, p.Value.Types.Where(t => projectOfAssembly(t.Assembly) == target).Select(t => t.TypeName))}. Change the code, or record the edge in LayerTable with its reason."))
            .ToList();

    /// <summary>One message per known exception that no current use needs (already allowed by a rule, or unused).</summary>
    public IReadOnlyList<string> StaleExceptions() =>
        exceptions
            .Where(e => !CrossUses().Any(u => u.Project == e.Project && e.Covers(u.Use.Namespace) && !Allowed(u.Project, u.Target, u.Use.Namespace)))
            .Select(e => $"{e.Project} no longer needs its exception for {e.Namespace} (\"{e.Reason}\"): remove this exception from LayerTable.")
            .ToList();

    private Layer Row(string project) =>
        layers.SingleOrDefault(l => l.Project == project)
        ?? throw new InvalidOperationException($"{project} has no row in LayerTable");

    private bool Allowed(string project, string target, string ns) =>
        Row(project).May.Any(m => m.Project == target && m.Allows(ns));

    private string Example(string project, IEnumerable<string> usedTypes)
    {
        var used = usedTypes.Distinct().Order(StringComparer.Ordinal).ToList();
        if (used.Count == 0) return "no type of it is named (a bare assembly reference)";
        foreach (var type in used)
        {
            if (findUser(project, type) is { } user) return $"{user} uses {type}";
        }
        return $"a method body uses {used[0]}";
    }

    private IEnumerable<(string Project, string Target, TypeUse Use)> CrossUses() =>
        from p in uses
        from t in p.Value.Types
        let target = projectOfAssembly(t.Assembly)
        where target is not null && target != p.Key
        select (p.Key, target, t);
}
