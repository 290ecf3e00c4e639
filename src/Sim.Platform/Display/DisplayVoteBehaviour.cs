using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Devices.Scmi.Protocol;
using Sim.Devices.Scmi;

namespace Sim.Platform.Display;

/// <summary>
/// How a <see cref="DisplayVoterActor"/> votes (issue 5, "Votes": the honest driver and the adversaries): what it asks
/// for given its real need, and when it votes again. Subclasses hold parameters only; the voter's own random stream
/// is passed in, so the times depend on the run seed and the voter's path alone.
/// </summary>
public abstract class DisplayVoteBehaviour
{
    /// <summary>A short name for reports (honest, greedy, flooder, under-reporter).</summary>
    public abstract string Name { get; }

    /// <summary>The vote to send for the real <paramref name="need"/>.</summary>
    public abstract DisplayVote Vote(DisplayBandwidthNeed need);

    /// <summary>The delay until the next vote after one just sent, or null to vote no more.</summary>
    public abstract SimTime? NextVoteDelay(ActorRandom random);
}
