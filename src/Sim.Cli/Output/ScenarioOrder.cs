using Sim.Scenarios.Model;

namespace Sim.Cli.Output;

/// <summary>
/// The order a scenario names its items in (guests and their devices, interconnect variants), so that summary rows
/// follow the file rather than the alphabet. A guest's devices come in the order of their kinds' lists (echo, blk, net),
/// each as written.
/// </summary>
internal static class ScenarioOrder
{
    /// <summary>Item names (<c>guest/device</c>, variant names) in the scenario's order.</summary>
    public static IReadOnlyList<string> Of(ScenarioModel model)
    {
        var names = new List<string>();
        foreach (var guest in model.Transport?.Guests ?? [])
        {
            names.AddRange(guest.Devices.Select(d => $"{guest.Name}/{d.Name}"));
            names.AddRange((guest.BlkDevices ?? []).Select(d => $"{guest.Name}/{d.Name}"));
            names.AddRange((guest.NetDevices ?? []).Select(d => $"{guest.Name}/{d.Name}"));
        }
        names.AddRange((model.Interconnect?.Variants ?? []).Select(v => v.Name));
        return names;
    }

    /// <summary><paramref name="items"/> sorted by their place in <paramref name="order"/> (items not in it last, in their own order).</summary>
    public static IReadOnlyList<T> Sort<T>(IReadOnlyList<T> items, Func<T, string> name, IReadOnlyList<string> order)
    {
        var place = order.Select((n, i) => (n, i)).GroupBy(p => p.n, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        return items.Select((item, i) => (item, i)).OrderBy(p => place.TryGetValue(name(p.item), out int at) ? at : int.MaxValue).ThenBy(p => p.i)
            .Select(p => p.item).ToList();
    }
}
