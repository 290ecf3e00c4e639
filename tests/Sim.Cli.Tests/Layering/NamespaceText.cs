namespace Sim.Cli.Tests.Layering;

/// <summary>Namespace containment by whole dotted segments: <c>Sim.Core.Time</c> is within <c>Sim.Core</c>, <c>Sim.CoreX</c> is not.</summary>
public static class NamespaceText
{
    /// <summary>Whether <paramref name="ns"/> is <paramref name="outer"/> or one of its sub-namespaces.</summary>
    public static bool IsWithin(string ns, string outer) =>
        ns == outer || ns.StartsWith(outer + ".", StringComparison.Ordinal);
}
