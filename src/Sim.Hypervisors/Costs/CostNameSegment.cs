namespace Sim.Hypervisors.Costs;

/// <summary>
/// How a word a scenario writes with hyphens (a mode <c>zero-copy</c>, a backend <c>vhost-user</c>) becomes one segment
/// of a cost entry's name, which holds no '-' (entry names are dotted camel-case words: <c>net.host.afxdp.zeroCopy</c>,
/// <c>net.backend.vhostUser.rxPacket</c>).
/// </summary>
public static class CostNameSegment
{
    /// <summary><paramref name="word"/> camel-cased at its hyphens: <c>zero-copy</c> is <c>zeroCopy</c>; a word without hyphens is itself.</summary>
    public static string Of(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return string.Concat(word.Split('-').Select((part, i) => i == 0 || part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
    }
}
