namespace Sim.Cli.Tests.Layering;

/// <summary>One project under <c>src</c> (by project name, e.g. <c>Sim.Cli</c>) and the projects it may use.</summary>
public sealed record Layer(string Project, params Use[] May);

/// <summary>
/// A project a layer may use; with <paramref name="Namespaces"/> only those namespaces of it (each with its
/// sub-namespaces), without them all of it.
/// </summary>
public sealed record Use(string Project, params string[] Namespaces)
{
    /// <summary>Whether a type in <paramref name="ns"/> of <see cref="Project"/> may be used.</summary>
    public bool Allows(string ns) => Namespaces.Length == 0 || Namespaces.Any(allowed => NamespaceText.IsWithin(ns, allowed));
}

/// <summary>
/// A use past the layering that the code makes today: <paramref name="Project"/> uses <paramref name="Namespace"/> (and
/// its sub-namespaces) of another project, for <paramref name="Reason"/>.
/// </summary>
public sealed record KnownException(string Project, string Namespace, string Reason)
{
    /// <summary>Whether this exception covers a use of <paramref name="ns"/>.</summary>
    public bool Covers(string ns) => NamespaceText.IsWithin(ns, Namespace);
}
