using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Interconnect.Aggregation;

namespace Sim.Interconnect.Tests.Aggregation.Adversaries;

/// <summary>
/// Adversary: a VM that floods the server with votes, one every <paramref name="MeanInterval"/> scaled by a uniform
/// jitter factor in <c>[1 - Jitter, 1 + Jitter]</c> (at least 1 ps apart), each asking for a bandwidth drawn uniformly
/// in [<paramref name="MinBytesPerSecond"/>, <paramref name="MaxBytesPerSecond"/>] as both average and peak, so the
/// level it asks for keeps changing. Draws come from an <see cref="ActorRandom"/> stream seeded with
/// <paramref name="Seed"/>: the same seed gives the same flood. Vote rate limiting contains its message rate; level
/// rate limiting and hysteresis contain the level changes it causes.
/// </summary>
/// <param name="Agent">The voting agent.</param>
/// <param name="Start">First vote.</param>
/// <param name="MeanInterval">Mean time between votes.</param>
/// <param name="Jitter">Relative jitter of the interval, in [0, 1).</param>
/// <param name="MinBytesPerSecond">Lowest bandwidth asked, B/s.</param>
/// <param name="MaxBytesPerSecond">Highest bandwidth asked, B/s.</param>
/// <param name="Seed">Seed of the random stream.</param>
public sealed record Flooder(string Agent, SimTime Start, SimTime MeanInterval, double Jitter, double MinBytesPerSecond, double MaxBytesPerSecond, ulong Seed) : IVoteSource
{
    /// <inheritdoc />
    public IEnumerable<TimedVote> Votes(SimTime until)
    {
        if (MeanInterval <= SimTime.Zero) throw new ArgumentOutOfRangeException(nameof(MeanInterval), MeanInterval, "mean interval must be positive");
        if (!(Jitter >= 0 && Jitter < 1)) throw new ArgumentOutOfRangeException(nameof(Jitter), Jitter, "jitter must be in [0, 1)");
        if (!(MinBytesPerSecond >= 0 && MinBytesPerSecond <= MaxBytesPerSecond)) throw new ArgumentOutOfRangeException(nameof(MinBytesPerSecond), MinBytesPerSecond, "bandwidth range must be non-negative and ordered");
        return Generate(until);
    }

    private IEnumerable<TimedVote> Generate(SimTime until)
    {
        var random = new ActorRandom(Seed);
        for (var t = Start; t < until;)
        {
            double bandwidth = MinBytesPerSecond + (MaxBytesPerSecond - MinBytesPerSecond) * random.NextDouble();
            yield return new TimedVote(t, new BandwidthVote(Agent, bandwidth, bandwidth));
            double factor = 1 + Jitter * (2 * random.NextDouble() - 1);
            long step = Math.Max(1, (long)Math.Round(MeanInterval.Picoseconds * factor));
            t += SimTime.FromPicoseconds(step);
        }
    }
}
