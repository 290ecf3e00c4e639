using Sim.Core.Actors;
using Sim.Core.Randomness;

namespace Sim.Worlds.Queueing;

/// <summary>
/// Where a queueing node sends a finished job: one target, or several chosen at random in proportion to their weights
/// (a Jackson network's routing probabilities). The draw comes from the routing actor's own stream.
/// </summary>
public sealed class RouteTable
{
    private readonly ActorRef[] _targets;
    private readonly double[] _cumulative;

    /// <summary>Routes to <paramref name="routes"/>; weights must be positive.</summary>
    public RouteTable(IReadOnlyList<(ActorRef Target, double Weight)> routes)
    {
        if (routes.Count == 0) throw new ArgumentException("a route table needs at least one target", nameof(routes));
        _targets = new ActorRef[routes.Count];
        _cumulative = new double[routes.Count];
        double total = 0;
        for (int i = 0; i < routes.Count; i++)
        {
            if (!(routes[i].Weight > 0)) throw new ArgumentException($"route weight to '{routes[i].Target}' must be positive", nameof(routes));
            total += routes[i].Weight;
            _targets[i] = routes[i].Target;
            _cumulative[i] = total;
        }
        for (int i = 0; i < _cumulative.Length; i++) _cumulative[i] /= total;
    }

    /// <summary>The next hop; draws from <paramref name="random"/> only when there is a choice.</summary>
    public ActorRef Pick(ActorRandom random)
    {
        if (_targets.Length == 1) return _targets[0];
        double u = random.NextDouble();
        for (int i = 0; i < _cumulative.Length - 1; i++)
            if (u < _cumulative[i]) return _targets[i];
        return _targets[^1];
    }
}
