using System.Collections.Concurrent;

namespace Sim.Core.Costs;

/// <summary>
/// The name of something the model charges time for (a cost-profile entry such as <c>vcpu.addChain</c>), interned to a
/// small number so that a <see cref="CostLedger"/> records a charge with an array index instead of a string lookup. The
/// number only indexes; everything shown to a user is ordered by <see cref="Name"/>.
/// </summary>
public readonly struct CostKey : IEquatable<CostKey>
{
    private static readonly ConcurrentDictionary<string, int> Ids = new(StringComparer.Ordinal);
    private static readonly List<string> Names = new();
    private static readonly Lock Gate = new();

    private CostKey(int id) => Id = id;

    /// <summary>Time a resource spent that no charge named: a model bug made visible (see <see cref="CostLedger"/>).</summary>
    public static readonly CostKey Unattributed = Of("(unattributed)");

    /// <summary>The interned number, 0-based; stable within a process.</summary>
    public int Id { get; }

    /// <summary>The name.</summary>
    public string Name => NameOf(Id);

    /// <summary>The name interned as <paramref name="id"/>.</summary>
    internal static string NameOf(int id)
    {
        lock (Gate) return Names[id];
    }

    /// <summary>The key of <paramref name="name"/>, interned on first use.</summary>
    public static CostKey Of(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (Ids.TryGetValue(name, out int id)) return new CostKey(id);
        lock (Gate)
        {
            if (Ids.TryGetValue(name, out id)) return new CostKey(id);
            id = Names.Count;
            Names.Add(name);
            Ids[name] = id;
            return new CostKey(id);
        }
    }

    /// <inheritdoc />
    public bool Equals(CostKey other) => Id == other.Id;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CostKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Id;

    /// <inheritdoc />
    public override string ToString() => Name;
}
