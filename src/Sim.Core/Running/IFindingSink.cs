namespace Sim.Core.Running;

/// <summary>
/// Somewhere a finding about the modelled system can be reported on behalf of one actor, at the current simulated
/// time: lets passive model objects an actor uses (an access path, a table) report what they observe without being
/// actors themselves. <see cref="Actors.Actor.FindingSink"/> gives an actor's.
/// </summary>
public interface IFindingSink
{
    /// <summary>Records a finding: <paramref name="rule"/> broken, <paramref name="detail"/> saying how, <paramref name="reference"/> where the rule lives.</summary>
    void Report(string rule, string detail, string? reference = null);
}
